// Whether a listed word found in a message is innocent there, by rules that generalise rather
// than by exceptions one phrase at a time (vocabularies in innocence-vocabulary.ts):
//   - word boundaries: a stem inside a longer word whose other letters are no profane prefix or
//     suffix is part of another word ("Dickens", "cockpit", "Cumbria");
//   - words across a space: a match spanning two words of two letters or more is no word ("the
//     pen is"); each word is still judged on its own;
//   - context: a listed spelling with an innocent sense (a cock, a tit, a chink) near a noun of
//     nature or food ("cock pheasant", "pussy willow"), or next to its collocations ("a chink
//     in", "magna cum laude");
//   - names: such a spelling capitalised within a sequence of capitalised words ("Moby Dick",
//     "Maine Coon"), and any capitalised non-slur right after a common given name ("Tony
//     Hoare"). Capitals are read from the message as written.
import {
  AMBIGUOUS_WORDS,
  GIVEN_NAMES,
  INNOCENT_NEIGHBOURS,
  NATURE_AND_FOOD,
  PROFANE_PREFIXES,
  PROFANE_SUFFIXES,
} from './innocence-vocabulary.js';
import { isLetterCode } from './char-classes.js';
import type { Severity } from './profanity-tables.js';

/** Where a listed word was found: in which variant, and between which offsets. */
export interface Site {
  /** The listed word, when the match may hold more letters than it ("cockp" for "cock"). */
  word?: string;
  variant: string;
  start: number;
  end: number;
  severity: Severity;
}

/** Nature and food nouns this many words away (either side) give a word its innocent sense. */
const CONTEXT_WORDS = 3;
/** Longer runs of letters are no words: a word is looked for this far at most on each side. */
const MAX_WORD_REACH = 40;
const MAX_PART = 12;

const PREFIXES = new Set(PROFANE_PREFIXES);
const SUFFIXES = new Set(PROFANE_SUFFIXES);

/** What the message says about capitals: words written capitalised, in names, after given names. */
interface NameIndex {
  inNameSequence: Set<string>;
  afterGivenName: Set<string>;
}

const TOKEN = /[A-Za-z]+\.?/g;

function indexNames(original: string, isProfanePart: (w: string) => boolean): NameIndex {
  const index: NameIndex = { inNameSequence: new Set(), afterGivenName: new Set() };
  if (!/[A-Z]/.test(original)) return index;
  let previous: { word: string; capitalised: boolean; end: number } | undefined;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(original); m; m = TOKEN.exec(original)) {
    const token = m[0];
    const initial = /^[A-Z]\.$/.test(token);
    const capitalised = initial || /^[A-Z][a-z]+\.?$/.test(token);
    const word = token.replace('.', '').toLowerCase();
    // Neighbours are separated by spaces only: "Dick. Van" is two sentences.
    const adjacent =
      previous !== undefined && /^ +$/.test(original.slice(previous.end, m.index)) && previous.capitalised;
    if (capitalised && adjacent && previous) {
      // A profane neighbour makes no name: "Dick Head".
      if (!isProfanePart(previous.word)) index.inNameSequence.add(word);
      if (!isProfanePart(word)) index.inNameSequence.add(previous.word);
      if (GIVEN_NAMES.has(previous.word)) index.afterGivenName.add(word);
    }
    previous = { word, capitalised, end: m.index + token.length };
  }
  return index;
}

export class InnocenceJudge {
  private readonly original: string;
  private readonly isListed: (w: string) => boolean;
  private names: NameIndex | undefined;

  /**
   * `original` is the message as written (for its capitals); `isListed` says whether a word is
   * itself on the lists, so that a compound of two listed words stays profane.
   */
  constructor(original: string, isListed: (w: string) => boolean) {
    this.original = original;
    this.isListed = isListed;
  }

  isInnocent(site: Site): boolean {
    const { variant } = site;
    let { start, end } = site;
    // Judge the listed word itself, not the letters a pattern takes around it.
    const at = site.word === undefined ? -1 : variant.slice(start, end).indexOf(site.word);
    if (at >= 0 && site.word !== undefined) {
      start += at;
      end = start + site.word.length;
    }
    const matched = variant.slice(start, end);
    if (matched.includes(' ')) return spansWords(matched);
    const from = wordStart(variant, start);
    const to = wordEnd(variant, end);
    const word = variant.slice(from, to);
    if (from < start || to > end) {
      if (!this.isProfaneCompound(variant.slice(from, start), matched, variant.slice(end, to))) return true;
    }
    if (AMBIGUOUS_WORDS.has(word) && this.innocentSense(variant, from, to, word)) return true;
    if (site.severity !== 'slur' && this.nameIndex().afterGivenName.has(word)) return true;
    return false;
  }

  private nameIndex(): NameIndex {
    this.names ??= indexNames(
      this.original,
      (w) => (this.isListed(w) || SUFFIXES.has(w)) && !AMBIGUOUS_WORDS.has(w),
    );
    return this.names;
  }

  /** Whether the letters around a stem make a profane compound of it: "bull|shit|ty". */
  private isProfaneCompound(prefix: string, matched: string, suffix: string): boolean {
    // A doubled letter belongs to the stem: "shit|ty", "twat|ted", "fuckk".
    let s = suffix;
    const last = matched.charAt(matched.length - 1);
    while (s.startsWith(last)) s = s.slice(1);
    let p = prefix;
    const first = matched.charAt(0);
    while (p.endsWith(first)) p = p.slice(0, -1);
    return (
      this.segments(p, (part) => PREFIXES.has(part) || this.isListed(part)) &&
      this.segments(s, (part) => SUFFIXES.has(part) || this.isListed(part))
    );
  }

  /** Whether `s` is made of parts `isPart` accepts (the empty string is). Linear in |s|·MAX_PART. */
  private segments(s: string, isPart: (part: string) => boolean): boolean {
    if (s === '') return true;
    if (s.length > MAX_WORD_REACH) return false;
    const reachable = new Uint8Array(s.length + 1);
    reachable[0] = 1;
    for (let i = 0; i < s.length; i++) {
      if (!reachable[i]) continue;
      for (let j = i + 1; j <= Math.min(s.length, i + MAX_PART); j++) {
        if (!reachable[j] && isPart(s.slice(i, j))) reachable[j] = 1;
      }
    }
    return reachable[s.length] === 1;
  }

  private innocentSense(variant: string, from: number, to: number, word: string): boolean {
    const before = wordsBefore(variant, from, CONTEXT_WORDS);
    const after = wordsAfter(variant, to, CONTEXT_WORDS);
    if (before.some((w) => NATURE_AND_FOOD.has(w)) || after.some((w) => NATURE_AND_FOOD.has(w))) return true;
    const neighbours = INNOCENT_NEIGHBOURS.get(word);
    if (neighbours) {
      if (before[0] !== undefined && neighbours.before.includes(before[0])) return true;
      if (after[0] !== undefined && neighbours.after.includes(after[0])) return true;
    }
    return this.nameIndex().inNameSequence.has(word);
  }
}

/** A match across a space between words of two letters or more: "pen is". */
function spansWords(matched: string): boolean {
  return matched.split(' ').every((w) => w.length >= 2);
}

function wordStart(s: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < MAX_WORD_REACH && isLetterCode(s.charCodeAt(i - 1))) i--;
  return i;
}

function wordEnd(s: string, at: number): number {
  let i = at;
  while (i < s.length && i - at < MAX_WORD_REACH && isLetterCode(s.charCodeAt(i))) i++;
  return i;
}

const LETTERS = /\p{L}+/gu;

function wordsBefore(s: string, at: number, count: number): string[] {
  const head = s.slice(Math.max(0, at - count * 16), at);
  return (head.match(LETTERS) ?? []).slice(-count).reverse();
}

function wordsAfter(s: string, at: number, count: number): string[] {
  const tail = s.slice(at, at + count * 16);
  return (tail.match(LETTERS) ?? []).slice(0, count);
}
