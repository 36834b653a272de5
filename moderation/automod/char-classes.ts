// What the hot loops ask of every UTF-16 code unit (a letter? a digit? invisible? a look-alike
// of which Latin letter?), as tables built once at load from Unicode's classes. An array read
// per character instead of a Unicode-class expression, which V8 runs an order of magnitude
// slower than a plain one: on a 4,000-character message in Cyrillic that is the difference
// between tens of microseconds and a millisecond. Astral characters (emoji) are surrogate
// pairs here, neither letters nor invisible: kept whole.
import { LOOKALIKES } from './fold-tables.js';

const LETTER = 1;
const DIGIT = 2;
const CLASSES = new Uint8Array(0x10000);

/** In `FOLD`: drop the code unit (combining marks, format characters, Hangul fillers). */
export const DROP = 0xffff;
/** Per code unit: 0 keeps it, `DROP` drops it, anything else replaces it (a look-alike's letter). */
export const FOLD = new Uint16Array(0x10000);

{
  const kind = /(\p{L})|(\p{N})|([\p{M}\p{Cf}\u115f\u1160\u3164\uffa0])/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const m = kind.exec(String.fromCharCode(c));
    if (!m) continue;
    if (m[1] !== undefined) CLASSES[c] = LETTER;
    else if (m[2] !== undefined) CLASSES[c] = DIGIT;
    else if (c >= 0x80) FOLD[c] = DROP;
  }
  for (const [from, to] of LOOKALIKES) if (to.length === 1) FOLD[from.charCodeAt(0)] = to.charCodeAt(0);
}

export function isLetterCode(code: number): boolean {
  return CLASSES[code] === LETTER;
}

/** A letter or a digit: what words are made of. */
export function isWordCode(code: number): boolean {
  const k = CLASSES[code];
  return k === LETTER || k === DIGIT;
}
