// Leetspeak: digits and symbols read as the letters they stand for ("sh1t", "a$$", "b!tch",
// "@$$"), but only where they are no number or punctuation. Linear in the text: each word with
// a leet character is read once, however often it repeats.
import { LEET, LEET_ALTERNATIVE } from './fold-tables.js';

/** `LEET` with the second reading of the ambiguous characters (1 as l, | as i). */
export const LEET_WITH_ALTERNATIVES: Readonly<Record<string, string>> = { ...LEET, ...LEET_ALTERNATIVE };
/** Whether a text holds a character leetspeak may stand a letter with. */
export const LEET_CHARS = /[0-9@$!|+(\\€¢¥]/;
/** Whether it holds one of the ambiguous ones. */
export const AMBIGUOUS_LEET = /[1|]/;

/** Letters drawn with several symbols: "sl|_|t", "|<ill", "/\ss". */
const LEET_SEQUENCES = /\|_\||\|<|\/\\|\\\/|\|\)/g;
const LEET_SEQUENCE_LETTERS: Readonly<Record<string, string>> = {
  '|_|': 'u',
  '|<': 'k',
  '/\\': 'a',
  '\\/': 'v',
  '|)': 'd',
};
const LEET_CHARS_ALL = /[0-9@$!|+(\\€¢¥]/g;
const HAS_LETTER = /[a-z]/;
const HAS_DIGIT = /[0-9]/;

function isAsciiLetter(c: string | undefined): boolean {
  return c !== undefined && c >= 'a' && c <= 'z';
}

function isLetterOrDigit(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
}

/**
 * Reads digits and symbols as letters inside words ("sh1t", "a$$", "b!tch") and in symbol-only
 * words ("@$$"). Numbers stay numbers ("$100", "3pm", "2nd"); punctuation stays punctuation: `!` only
 * before a letter ("hello!" keeps it), `+` and `(` only after one ("c++", "(hi)" keep theirs).
 */
export function foldLeet(s: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  let copied = 0;
  // A word repeated ("sh1t sh1t sh1t …") is read once.
  const seen = new Map<string, string>();
  LEET_CHARS_ALL.lastIndex = 0;
  for (let m = LEET_CHARS_ALL.exec(s); m; m = LEET_CHARS_ALL.exec(s)) {
    let start = m.index;
    let end = m.index + 1;
    while (start > copied && s.charCodeAt(start - 1) !== 32) start--;
    while (end < s.length && s.charCodeAt(end) !== 32) end++;
    const word = s.slice(start, end);
    let folded = seen.get(word);
    if (folded === undefined) {
      folded = foldWord(word, table);
      seen.set(word, folded);
    }
    out += s.slice(copied, start) + folded;
    copied = end;
    LEET_CHARS_ALL.lastIndex = end;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/** A number, maybe with a currency, a unit or an ordinal: "€120", "3pm", "18:30", "2nd", "4k", "128gb", "5%". */
const NUMBER =
  /^[^a-z0-9]*\d+(?:[.,:/-]\d+)*(?:am|pm|st|nd|rd|th|[kmhsxdpg]|gb|mb|kb|tb|kg|km|cm|mm|ml|hz|min|mins|sec|secs|hr|hrs|yr|yrs|yo|ish)?[^a-z0-9]*$/;

function foldWord(word: string, table: Readonly<Record<string, string>>): string {
  if (NUMBER.test(word) || (!HAS_LETTER.test(word) && HAS_DIGIT.test(word))) return word;
  const w =
    word.includes('|') || word.includes('\\')
      ? word.replace(LEET_SEQUENCES, (q) => LEET_SEQUENCE_LETTERS[q] ?? q)
      : word;
  let folded = '';
  for (let i = 0; i < w.length; i++) {
    const c = w.charAt(i);
    const numberEnd = standaloneNumberEnd(w, i);
    if (numberEnd > i) {
      folded += w.slice(i, numberEnd);
      i = numberEnd - 1;
      continue;
    }
    const mapped = table[c];
    folded += mapped !== undefined && readsAsLetter(w, i, c) ? mapped : c;
  }
  return folded;
}

/**
 * Where a number inside a word ends, if one starts at `i`: two or more digits with neither a
 * letter nor a leet symbol on either side ("id=480", "t=1712.480", "v2.10") are a number, not
 * letters ("480" is no "abo"). Single digits ("5.h.1.t") and digits touching letters ("455hole")
 * are still read as leet. Returns `i` when none starts there.
 */
function standaloneNumberEnd(word: string, i: number): number {
  if (!isDigit(word[i]) || (i > 0 && isDigit(word[i - 1]))) return i;
  let end = i + 1;
  while (isDigit(word[end])) end++;
  if (end - i < 2 || !isNumberBoundary(word[i - 1]) || !isNumberBoundary(word[end])) return i;
  return end;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isNumberBoundary(c: string | undefined): boolean {
  return c === undefined || (!isAsciiLetter(c) && !LEET_CHARS.test(c));
}

function readsAsLetter(word: string, i: number, c: string): boolean {
  const before = word[i - 1];
  const after = word[i + 1];
  switch (c) {
    case '!':
      return isLetterOrDigit(after) || after === '@' || after === '$';
    case '|':
      return isAsciiLetter(before) || isAsciiLetter(after);
    case '+':
      return isLetterOrDigit(before) && (after === undefined || isLetterOrDigit(after));
    case '(':
      return isAsciiLetter(before) && isAsciiLetter(after);
    default:
      return true;
  }
}
