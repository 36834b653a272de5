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
  /** The text as written: where the innocence rules read capitals ("Moby Dick"). */
  readonly original: string;
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
  return { original: text, base, variants, firstSqueezed, fingerprint };
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
/** Pieces of a word broken by tight separators ("sh-i-t", "f_u_ck") are at most this long. */
const MAX_PIECE = 2;
/**
 * Whether a text without letters beyond ASCII may hold a short piece between separators: most
 * messages skip the scan below.
 */
const MAYBE_SPACED =
  /(?:^|[^a-z0-9])[a-z0-9@$!]{1,2}[ ._*~\-/\\|+=\u00b7\u2022\u2010-\u2015\u203f]{1,3}[a-z0-9@$!]{1,2}(?:[^a-z0-9]|$)/;

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

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Separators between the letters of a spelled-apart word; all but the space are "tight". */
function isSeparatorAt(s: string, i: number): boolean {
  return s.charCodeAt(i) === 32 || isTightSeparatorAt(s, i);
}

function isTightSeparatorAt(s: string, i: number): boolean {
  switch (s.charCodeAt(i)) {
    case 46: // .
    case 45: // -
    case 95: // _
    case 42: // *
    case 126: // ~
    case 47: // /
    case 92: // \
    case 124: // |
    case 43: // +
    case 61: // =
    case 0xb7: // ·
    case 0x2022: // •
    case 0x2010: // hyphen
    case 0x2011: // non-breaking hyphen
    case 0x2012: // figure dash
    case 0x2013: // en dash
    case 0x2014: // em dash
    case 0x2015: // horizontal bar
    case 0x203f: // undertie
      return true;
    default:
      return false;
  }
}

/** The end of a piece starting at `i`: up to `MAX_PIECE` units, then no more word characters; -1 if none. */
function pieceEnd(s: string, i: number): number {
  let end = i;
  while (end < s.length && end - i < MAX_PIECE && isUnitAt(s, end)) end++;
  return end === i || isWordCharAt(s, end) ? -1 : end;
}

/**
 * The one place where letters spelled apart are joined, for every word: three or more pieces
 * separated by short runs of separators become one word. A piece is one letter, digit or leet
 * symbol ("f u c k", "f.u.c.k", "f - u - c - k", "5_h_1_7" → "fuck", "5h17"), or, between tight
 * separators (anything but a space), up to two ("sh-i-t", "f_u_ck", "ph_u_c_k"), as long as at
 * least two pieces are single. Words stay apart ("a cat", "co-op", "mm-dd-yy"); a run needs a
 * letter or leet symbol, and two unless it has four pieces or more, so "1.2.3" stays a version
 * and "3 x 4" a sum. Linear: each character is looked at a bounded number of times.
 */
export function joinSpacedLetters(s: string): string {
  if ((!NON_ASCII.test(s) || !hasLetterBeyondAscii(s)) && !MAYBE_SPACED.test(s)) return s;
  let out = '';
  let copiedUpTo = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    if (!isUnitAt(s, i) || isWordCharAt(s, i - 1)) continue;
    let end = pieceEnd(s, i);
    if (end < 0) {
      while (i + 1 < n && isWordCharAt(s, i + 1)) i++;
      continue;
    }
    let units = s.slice(i, end);
    let pieces = 1;
    let singles = end - i === 1 ? 1 : 0;
    let previousLength = end - i;
    for (;;) {
      let k = end;
      let tight = false;
      while (k < n && k - end < MAX_SEPARATOR_RUN && isSeparatorAt(s, k)) {
        if (isTightSeparatorAt(s, k)) tight = true;
        k++;
      }
      if (k === end) break;
      let next = pieceEnd(s, k);
      if (next < 0) break;
      // After a space, "k!" is the letter k and an exclamation mark.
      if (!tight && next - k === 2 && !isWordCharAt(s, k + 1)) next = k + 1;
      // A pair joins only across tight separators: "oh sh-i-t" keeps "oh" apart.
      if (!tight && (previousLength > 1 || next - k > 1)) break;
      units += s.slice(k, next);
      pieces++;
      if (next - k === 1) singles++;
      previousLength = next - k;
      end = next;
    }
    const letters = countJoinable(units);
    const shape = singles === pieces || singles >= 2;
    if (pieces >= MIN_JOINED && shape && (letters >= 2 || (letters >= 1 && pieces >= 4))) {
      out += s.slice(copiedUpTo, i) + units;
      copiedUpTo = end;
    }
    i = end - 1;
  }
  return copiedUpTo === 0 ? s : out + s.slice(copiedUpTo);
}

/** Letters and leet symbols among joined units: what makes them a word rather than a number. */
function countJoinable(units: string): number {
  let count = 0;
  for (let i = 0; i < units.length; i++) if (isLetterAt(units, i) || !isDigitAt(units, i)) count++;
  return count;
}
