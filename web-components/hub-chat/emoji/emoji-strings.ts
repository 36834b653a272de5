// The emoji picker's words, per language. They live in the picker's lazy chunk, not in the
// shared catalogues (../../shared/i18n/), which are part of every widget's first download: the
// picker is only fetched when a member opens it. Emoji names are Unicode's, in English.
import type { GroupKey } from './emoji-search.js';

export interface PickerStrings {
  dialog: string;
  search: string;
  results: (count: number) => string;
  noResults: string;
  tone: string;
  tones: readonly string[];
  groups: Record<GroupKey, string>;
}

const en: PickerStrings = {
  dialog: 'Emoji',
  search: 'Search emoji',
  results: (n) => (n === 1 ? '1 emoji' : `${n} emoji`),
  noResults: 'No emoji found',
  tone: 'Skin tone',
  tones: ['Default', 'Light', 'Medium-light', 'Medium', 'Medium-dark', 'Dark'],
  groups: {
    smileys: 'Smileys & emotion',
    people: 'People & body',
    nature: 'Animals & nature',
    food: 'Food & drink',
    travel: 'Travel & places',
    activities: 'Activities',
    objects: 'Objects',
    symbols: 'Symbols',
    flags: 'Flags',
  },
};

const fr: PickerStrings = {
  dialog: 'Emoji',
  search: 'Rechercher un emoji (en anglais)',
  results: (n) => (n <= 1 ? `${n} emoji` : `${n} emojis`),
  noResults: 'Aucun emoji trouvé',
  tone: 'Teint',
  tones: ['Par défaut', 'Clair', 'Moyennement clair', 'Moyen', 'Moyennement foncé', 'Foncé'],
  groups: {
    smileys: 'Smileys et émotions',
    people: 'Personnes et corps',
    nature: 'Animaux et nature',
    food: 'Nourriture et boissons',
    travel: 'Voyages et lieux',
    activities: 'Activités',
    objects: 'Objets',
    symbols: 'Symboles',
    flags: 'Drapeaux',
  },
};

/** The strings of a BCP 47 locale's language; English for the others. */
export const pickerStrings = (locale: string): PickerStrings =>
  locale.toLowerCase().startsWith('fr') ? fr : en;
