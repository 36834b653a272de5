// The upload chips' and the lightbox's words, per language. They live in those lazy chunks, not
// in the shared catalogues (../../shared/i18n/), which are part of every widget's first download
// (as the emoji picker's do, ../emoji/emoji-strings.ts). The attach button's label is in the
// catalogues: the main bundle shows it.
export interface AttachStrings {
  open: (name: string) => string;
  close: string;
  uploading: (name: string) => string;
  cancel: (name: string) => string;
  remove: (name: string) => string;
  retry: (name: string) => string;
  /** Send was pressed while `count` files were still uploading. */
  waiting: (count: number) => string;
  tooLarge: (max: string) => string;
  unsupported: string;
  mismatch: string;
  imageTooLarge: string;
  /** The member has as many uploads waiting to be sent as the community allows. */
  tooManyPending: string;
}

const en: AttachStrings = {
  open: (name) => `Open image ${name}`,
  close: 'Close',
  uploading: (name) => `Uploading ${name}`,
  cancel: (name) => `Cancel ${name}`,
  remove: (name) => `Remove ${name}`,
  retry: (name) => `Retry ${name}`,
  waiting: (n) => `Sending when ${n === 1 ? '1 file has' : `${n} files have`} uploaded…`,
  tooLarge: (max) => `Too large: files may be at most ${max}.`,
  unsupported: 'Not allowed: this type of file cannot be shared here.',
  mismatch: 'Refused: the file’s content does not match its name.',
  imageTooLarge: 'Refused: the image has too many pixels.',
  tooManyPending: 'Too many of your files are waiting to be sent here: send them, then retry.',
};

const fr: AttachStrings = {
  open: (name) => `Ouvrir l’image ${name}`,
  close: 'Fermer',
  uploading: (name) => `Envoi de ${name}`,
  cancel: (name) => `Annuler ${name}`,
  remove: (name) => `Retirer ${name}`,
  retry: (name) => `Réessayer ${name}`,
  waiting: (n) => `Envoi dès que ${n <= 1 ? `${n} fichier est chargé` : `${n} fichiers sont chargés`}…`,
  tooLarge: (max) => `Trop lourd : ${max} au plus par fichier.`,
  unsupported: 'Refusé : ce type de fichier n’est pas accepté ici.',
  mismatch: 'Refusé : le contenu du fichier ne correspond pas à son nom.',
  imageTooLarge: 'Refusé : l’image a trop de pixels.',
  tooManyPending: 'Trop de vos fichiers attendent d’être envoyés ici : envoyez-les, puis réessayez.',
};

/** The strings of a BCP 47 locale's language; English for the others. */
export const attachStrings = (locale: string): AttachStrings =>
  locale.toLowerCase().startsWith('fr') ? fr : en;
