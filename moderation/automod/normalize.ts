// Text normalization before matching, computed once per message. Evasions fold away here so
// every matcher downstream compares plain lower-case Latin words:
//   - compatibility forms (full-width, ligatures, mathematical letters), accents, invisible
//     characters (zero-width, soft hyphen, bidi controls, variation selectors) and look-alike
//     letters of other scripts;
//   - letters spelled apart ("f u c k", "f.u.c.k", "f-u-c-k") are joined; words are not;
//   - leetspeak ("sh1t", "@$$"), in a variant of its own since "3pm" or "b2b" are not leet;
//   - elongations: runs of 3+ letters are capped at two ("fuuuuck" → "fuuck") and, in extra
//     variants, cut to one ("fuck"), since either may be the real spelling ("cool", "good").
// Linear time throughout, with table lookups rather than Unicode-class expressions in the
// loops over characters: bodies are attacker-chosen and up to 4,000 characters long.
import { DROP, FOLD, isLetterCode, isWordCode } from './char-classes.js';
import { LEET, LOOKALIKES } from './fold-tables.js';
import { AMBIGUOUS_LEET, foldLeet, LEET_CHARS, LEET_WITH_ALTERNATIVES } from './leet.js';

export interface NormalizedText {
  /** Compatibility forms, case, accents, look-alikes and invisible characters folded; whitespace collapsed. */
  readonly base: string;
  /**
   * The forms to match against, deduplicated, most literal first: spaced letters joined and
   * elongations capped at two letters, then its leetspeak readings; from index `firstSqueezed`
   * on, the same forms with elongations cut to one letter (only those that differ).
   */
  readonly variants: readonly string[];
  readonly firstSqueezed: number;
  /** What duplicate detection compares: the letters and digits of the main leet reading, elongations cut. */
  readonly fingerprint: string;
}

export function normalize(text: string): NormalizedText {
  const base = foldText(text);
  const joined = joinSpacedLetters(base);
  const forms = [joined];
  if (LEET_CHARS.test(joined)) {
    addUnique(forms, foldLeet(joined, LEET));
    if (AMBIGUOUS_LEET.test(joined)) addUnique(forms, foldLeet(joined, LEET_WITH_ALTERNATIVES));
  }
  const variants: string[] = [];
  const squeezed: string[] = [];
  for (const form of forms) {
    const capped = capRuns(form, 2);
    addUnique(variants, capped);
    if (capped !== form) addUnique(squeezed, capRuns(form, 1));
  }
  const firstSqueezed = variants.length;
  for (const s of squeezed) addUnique(variants, s);
  // "sh1t!!", "shiiit" and "shit" are the same message.
  const fingerprint = wordCharsOf(capRuns(forms[1] ?? joined, 1)) || base;
  return { base, variants, firstSqueezed, fingerprint };
}

/**
 * How a keyword, an allowed word or a list entry is compared with message variants: folded,
 * spaced letters joined, elongations capped, exactly like a message's first variant.
 */
export function normalizeTerm(term: string): string {
  return capRuns(joinSpacedLetters(foldText(term)), 2);
}

function addUnique(list: string[], s: string): void {
  if (!list.includes(s)) list.push(s);
}

// ---- folding --------------------------------------------------------------------------------

const NON_ASCII = /[\u0080-\uffff]/;
const WHITESPACE = /\s+/g;
const UNUSUAL_WHITESPACE = /\s\s|[^\S ]/;
/** Look-alikes folding to two letters (ß → ss), replaced before the one-for-one table pass. */
const WIDE_LOOKALIKES = new RegExp(
  `[${[...LOOKALIKES]
    .filter(([, to]) => to.length > 1)
    .map(([from]) => from)
    .join('')}]`,
  'g',
);
/** Tag characters (U+E0000–E0FFF): invisible, astral, so not in the code unit tables. */
const TAGS = /[\u{e0000}-\u{e0fff}]/gu;
// Squared, negative circled and negative squared capitals, and regional indicators (🅵🆄🅲🅺,
// 🇫🇺🇨🇰): drawn as letters, yet without a compatibility decomposition.
const ENCLOSED_LETTERS = /[\u{1f130}-\u{1f149}\u{1f150}-\u{1f169}\u{1f170}-\u{1f189}\u{1f1e6}-\u{1f1ff}]/gu;
const ENCLOSED_BLOCKS = [0x1f130, 0x1f150, 0x1f170, 0x1f1e6] as const;
// Little-endian, as Uint16Array is on every platform Node runs on.
const UTF16 = new TextDecoder('utf-16le');

/** Folds compatibility forms, case, accents, look-alike letters and invisible characters. */
export function foldText(text: string): string {
  let s: string;
  if (NON_ASCII.test(text)) {
    // NFKD is NFKC's compatibility folding followed by NFD's split of accents from their
    // letters; look-alikes are mapped before lower-casing (their likeness is often one case's).
    s = text.normalize('NFKD');
    if (s.includes('\ud83c')) s = s.replace(ENCLOSED_LETTERS, enclosedLetter);
    if (s.includes('\udb40')) s = s.replace(TAGS, '');
    WIDE_LOOKALIKES.lastIndex = 0;
    if (WIDE_LOOKALIKES.test(s)) s = s.replace(WIDE_LOOKALIKES, (c) => LOOKALIKES.get(c) ?? c);
    s = foldCodeUnits(s).toLowerCase();
    // Lower-casing İ gives i and a combining dot above.
    if (s.includes('\u0307')) s = s.replaceAll('\u0307', '');
    s = s.normalize('NFC');
  } else {
    s = text.toLowerCase();
  }
  return (UNUSUAL_WHITESPACE.test(s) ? s.replace(WHITESPACE, ' ') : s).trim();
}

function enclosedLetter(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  const block = ENCLOSED_BLOCKS.findLast((start) => code >= start) ?? code;
  return String.fromCharCode(0x61 + code - block);
}

/** Drops invisible code units and maps look-alikes, by table. */
function foldCodeUnits(s: string): string {
  const out = new Uint16Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const folded = c < 0x80 ? 0 : (FOLD[c] as number);
    if (folded === 0) out[n++] = c;
    else if (folded !== DROP) out[n++] = folded;
  }
  return UTF16.decode(out.subarray(0, n));
}

// ---- elongations ----------------------------------------------------------------------------

/** Runs of three or more of the same letter cut to `keep` letters; shorter runs stay. */
function capRuns(s: string, keep: 1 | 2): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < s.length;) {
    const c = s.charCodeAt(i);
    let end = i + 1;
    if (isLetterCode(c)) while (end < s.length && s.charCodeAt(end) === c) end++;
    if (end - i >= 3) {
      out += s.slice(copied, i + keep);
      copied = end;
    }
    i = end;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/** The text without what is neither letter nor digit. */
function wordCharsOf(s: string): string {
  let out = '';
  let runStart = -1;
  for (let i = 0; i <= s.length; i++) {
    const word = i < s.length && isWordCode(s.charCodeAt(i));
    if (word && runStart < 0) runStart = i;
    else if (!word && runStart >= 0) {
      out += s.slice(runStart, i);
      runStart = -1;
    }
  }
  return out;
}

// ---- spaced letters -------------------------------------------------------------------------

const MAX_SEPARATOR_RUN = 3;
const MIN_JOINED = 3;
/** Whether a text without letters beyond ASCII may hold two lone letters in a row: most messages skip the scan below. */
const MAYBE_SPACED = /(?:^|[^a-z0-9])[a-z0-9@$!][ ._*~\-/\\]{1,3}[a-z0-9@$!](?:[^a-z0-9]|$)/;

/** Whether the ASCII pre-check may be trusted: an emoji or a € is no letter to join. */
function hasLetterBeyondAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 && isLetterCode(c)) return true;
  }
  return false;
}

function isLetterAt(s: string, i: number): boolean {
  return isLetterCode(s.charCodeAt(i));
}

function isWordCharAt(s: string, i: number): boolean {
  return isWordCode(s.charCodeAt(i));
}

/** A character that can be one letter of a spelled-apart word: a letter, a digit or a leet symbol. */
function isUnitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 64 || c === 36 || c === 33 || isWordCode(c);
}

function isSeparatorAt(s: string, i: number): boolean {
  switch (s.charCodeAt(i)) {
    case 32: // space
    case 46: // .
    case 45: // -
    case 95: // _
    case 42: // *
    case 126: // ~
    case 47: // /
    case 92: // \
    case 0xb7: // ·
    case 0x2022: // •
      return true;
    default:
      return false;
  }
}

/**
 * Joins three or more lone letters separated by short runs of separators: "f u c k",
 * "f.u.c.k", "f - u - c - k" → "fuck". A lone letter has no letter or digit on either side,
 * so words ("a cat") stay apart, and at least two must be letters, so "1.2.3" stays a version.
 */
export function joinSpacedLetters(s: string): string {
  if ((!NON_ASCII.test(s) || !hasLetterBeyondAscii(s)) && !MAYBE_SPACED.test(s)) return s;
  let out = '';
  let copiedUpTo = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    if (!isUnitAt(s, i) || isWordCharAt(s, i - 1) || isWordCharAt(s, i + 1)) continue;
    let units = s.charAt(i);
    let letters = isLetterAt(s, i) ? 1 : 0;
    let end = i + 1;
    for (;;) {
      let k = end;
      while (k < n && k - end < MAX_SEPARATOR_RUN && isSeparatorAt(s, k)) k++;
      if (k === end || !isUnitAt(s, k) || isWordCharAt(s, k + 1)) break;
      units += s.charAt(k);
      if (isLetterAt(s, k)) letters++;
      end = k + 1;
    }
    if (units.length >= MIN_JOINED && letters >= 2) {
      out += s.slice(copiedUpTo, i) + units;
      copiedUpTo = end;
    }
    i = end - 1;
  }
  return copiedUpTo === 0 ? s : out + s.slice(copiedUpTo);
}
