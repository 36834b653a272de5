// What the spam model looks at. Everything is computed from stemmed tokens, the only form the
// SMS dataset has (lower-cased, punctuation and case-sensitive stop words gone), so a live
// message and a training message of the same words give the same features. Casing, currency
// signs and URL punctuation are lost in that form; shape features use what survives it.
import { featureIndex } from './hashing.js';
import { tokenizeAndStem, type StemmedWord } from './porter-stemmer.js';

/** A message already in the dataset's form. */
export interface StemmedMessage {
  readonly stems: readonly string[];
}

/** Live text, or a dataset message. */
export type MessageInput = string | StemmedMessage;

/** How strongly each family of features counts before the vector is normalised. */
export interface FeatureScales {
  readonly word: number;
  readonly bigram: number;
  readonly char: number;
  readonly shape: number;
}

export interface FeatureOptions {
  /** The weight vector has 2^hashBits slots. */
  readonly hashBits: number;
  readonly scales: FeatureScales;
}

/** One feature found at tokens first..last (inclusive); -1..-1 for whole-message features. */
export interface FeatureOccurrence {
  readonly name: string;
  readonly first: number;
  readonly last: number;
}

/** A sparse, L2-normalised feature vector; indices ascending. */
export interface SparseVector {
  readonly indices: Uint32Array;
  readonly values: Float64Array;
}

const CHAR_NGRAM_MIN = 3;
const CHAR_NGRAM_MAX = 5;

/** Reduces a message to stemmed words; for dataset messages the word is its stem. */
export function toWords(message: MessageInput): StemmedWord[] {
  return typeof message === 'string'
    ? tokenizeAndStem(message)
    : message.stems.map((stem) => ({ word: stem, stem, start: -1, end: -1 }));
}

const URL_PARTS: ReadonlySet<string> = new Set(['http', 'https', 'www']);
const TOP_LEVEL_DOMAINS: ReadonlySet<string> = new Set(['com', 'net', 'org', 'biz', 'info', 'uk']);

/** Shape features: what a stem looks like rather than which stem it is. */
function shapeOccurrences(stems: readonly string[]): FeatureOccurrence[] {
  const found: FeatureOccurrence[] = [];
  stems.forEach((stem, i) => {
    if (URL_PARTS.has(stem) || (i > 0 && TOP_LEVEL_DOMAINS.has(stem))) {
      found.push({ name: 's:url', first: i, last: i });
    }
    const longestDigitRun = Math.max(0, ...(stem.match(/\d+/g) ?? []).map((run) => run.length));
    if (longestDigitRun >= 10) found.push({ name: 's:digits10+', first: i, last: i });
    else if (longestDigitRun >= 7) found.push({ name: 's:digits7-9', first: i, last: i });
    else if (longestDigitRun >= 5) found.push({ name: 's:digits5-6', first: i, last: i });
    else if (longestDigitRun >= 3) found.push({ name: 's:digits3-4', first: i, last: i });
    if (/\d/.test(stem) && /[a-z]/.test(stem)) found.push({ name: 's:code', first: i, last: i });
  });
  const textLength = stems.join(' ').length;
  found.push({ name: `s:words${Math.min(Math.floor(Math.log2(stems.length + 1)), 6)}`, first: -1, last: -1 });
  found.push({ name: `s:chars${Math.min(Math.floor(textLength / 25), 8)}`, first: -1, last: -1 });
  const numbers = stems.filter((stem) => /^\d+$/.test(stem)).length;
  found.push({ name: `s:numbers${Math.min(numbers, 3)}`, first: -1, last: -1 });
  return found;
}

/**
 * Each character n-gram of the stems joined by single spaces that overlaps a token, in a fixed
 * order, with the first and last token it overlaps.
 */
function forEachCharNgram(
  stems: readonly string[],
  visit: (name: string, first: number, last: number) => void,
): void {
  const text = ` ${stems.join(' ')} `;
  // The token under each character; spaces belong to no token.
  const owner = new Int32Array(text.length).fill(-1);
  let offset = 1;
  stems.forEach((stem, i) => {
    owner.fill(i, offset, offset + stem.length);
    offset += stem.length + 1;
  });
  for (let n = CHAR_NGRAM_MIN; n <= CHAR_NGRAM_MAX; n++) {
    for (let start = 0; start + n <= text.length; start++) {
      let first = -1;
      let last = -1;
      for (let k = start; k < start + n; k++) {
        const token = owner[k] ?? -1;
        if (token < 0) continue;
        if (first < 0) first = token;
        last = token;
      }
      if (first >= 0) visit(`c:${text.slice(start, start + n)}`, first, last);
    }
  }
}

const wordFeature = (stem: string) => `w:${stem}`;
const bigramFeature = (before: string, stem: string) => `b:${before} ${stem}`;

/** Every feature occurrence in a message, in a fixed order. */
export function featureOccurrences(stems: readonly string[]): FeatureOccurrence[] {
  const words = stems.map((stem, i) => ({ name: wordFeature(stem), first: i, last: i }));
  const bigrams = stems
    .slice(1)
    .map((stem, i) => ({ name: bigramFeature(stems[i] ?? '', stem), first: i, last: i + 1 }));
  const chars: FeatureOccurrence[] = [];
  forEachCharNgram(stems, (name, first, last) => chars.push({ name, first, last }));
  return [...words, ...bigrams, ...chars, ...shapeOccurrences(stems)];
}

function scaleOf(name: string, scales: FeatureScales): number {
  switch (name[0]) {
    case 'w':
      return scales.word;
    case 'b':
      return scales.bigram;
    case 'c':
      return scales.char;
    default:
      return scales.shape;
  }
}

/**
 * Distinct feature names, each weighted by its family's scale (presence, not counts: a spammer
 * repeating a word is no more spam than saying it once), with the vector's L2 norm.
 */
export function featureWeights(stems: readonly string[], scales: FeatureScales): Map<string, number> {
  const weights = new Map<string, number>();
  for (const { name } of featureOccurrences(stems)) weights.set(name, scaleOf(name, scales));
  return weights;
}

/**
 * Each distinct feature's scaled weight summed into its hashed slot, in the order
 * featureOccurrences finds them (so collisions sum in the same order): what featureWeights and
 * the hashing give, without building an occurrence per feature. Scoring a message costs little
 * more than this.
 */
export function featureSlots(stems: readonly string[], options: FeatureOptions): Map<number, number> {
  const { scales, hashBits } = options;
  const slots = new Map<number, number>();
  const seen = new Set<string>();
  const add = (name: string, weight: number) => {
    if (seen.has(name)) return;
    seen.add(name);
    const index = featureIndex(name, hashBits);
    slots.set(index, (slots.get(index) ?? 0) + weight);
  };
  for (const stem of stems) add(wordFeature(stem), scales.word);
  for (let i = 1; i < stems.length; i++)
    add(bigramFeature(stems[i - 1] ?? '', stems[i] ?? ''), scales.bigram);
  forEachCharNgram(stems, (name) => add(name, scales.char));
  for (const { name } of shapeOccurrences(stems)) add(name, scales.shape);
  return slots;
}

/** The hashed, L2-normalised vector the linear model reads. */
export function vectorize(stems: readonly string[], options: FeatureOptions): SparseVector {
  const slots = featureSlots(stems, options);
  const indices = Uint32Array.from(slots.keys()).sort();
  const values = Float64Array.from(indices, (index) => slots.get(index) ?? 0);
  let squares = 0;
  for (const value of values) squares += value * value;
  const norm = Math.sqrt(squares);
  if (norm > 0) for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / norm;
  return { indices, values };
}

/** The message's stems: what every feature is computed from. */
export const stemsOf = (message: MessageInput): string[] => toWords(message).map((word) => word.stem);
