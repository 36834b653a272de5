// Why a message scored as it did, in a moderator's words. Each feature's share of the margin
// (weight × normalised value) goes to what produced it: a word (its unigram and the character
// n-grams inside it), a phrase (a bigram and the n-grams across two words), or a property of
// the whole message (a web address, a phone-number-like digit run, its length).
import type { SpamClassifier } from './classifier.js';
import { featureIndex } from './hashing.js';
import {
  featureOccurrences,
  featureWeights,
  toWords,
  type FeatureOccurrence,
  type MessageInput,
} from './features.js';
import type { StemmedWord } from './porter-stemmer.js';

export interface Reason {
  readonly description: string;
  /** Contribution to the logit; positive pushes towards spam. */
  readonly contribution: number;
}

const SHAPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  's:url': 'contains a web address',
  's:digits10+': 'contains a phone-number-like run of 10 or more digits',
  's:digits7-9': 'contains a run of 7 to 9 digits',
  's:digits5-6': 'contains a 5- or 6-digit number, like a text short code',
  's:digits3-4': 'contains a 3- or 4-digit number, like a price or prize amount',
  's:code': 'contains a code mixing letters and digits',
  's:numbers2': 'contains two numbers',
  's:numbers3': 'contains three or more numbers',
};

const MAX_QUOTE_CHARS = 40;

function quote(text: string, words: readonly StemmedWord[], first: number, last: number): string {
  const from = words[first];
  const to = words[last];
  if (!from || !to) return '';
  // Live text: quote what was written, stop words included ("claim your prize"); dataset
  // messages have only stems.
  const raw =
    from.start >= 0 && to.end >= 0
      ? text.slice(from.start, to.end)
      : words
          .slice(first, last + 1)
          .map((word) => word.word)
          .join(' ');
  const squashed = raw.replace(/\s+/g, ' ').toLowerCase();
  return squashed.length > MAX_QUOTE_CHARS ? `${squashed.slice(0, MAX_QUOTE_CHARS - 1)}…` : squashed;
}

function describe(
  occurrence: FeatureOccurrence,
  text: string,
  words: readonly StemmedWord[],
): string | undefined {
  const { name, first, last } = occurrence;
  if (name.startsWith('s:words') || name.startsWith('s:chars')) return `its length (${words.length} words)`;
  if (name.startsWith('s:')) return SHAPE_DESCRIPTIONS[name];
  const quoted = quote(text, words, first, last);
  return first === last ? `word '${quoted}'` : `phrase '${quoted}'`;
}

/** Every description's total contribution, largest towards spam first. */
export function explain(model: SpamClassifier, message: MessageInput): Reason[] {
  const text = typeof message === 'string' ? message : '';
  const words = toWords(message);
  const stems = words.map((word) => word.stem);
  const scaled = featureWeights(stems, model.features.scales);
  // Hash collisions sum into one slot before normalising, exactly as in vectorize().
  const slotTotals = new Map<number, number>();
  for (const [name, value] of scaled) {
    const slot = featureIndex(name, model.features.hashBits);
    slotTotals.set(slot, (slotTotals.get(slot) ?? 0) + value);
  }
  let squares = 0;
  for (const total of slotTotals.values()) squares += total * total;
  const norm = Math.sqrt(squares) || 1;

  const occurrences = featureOccurrences(stems);
  const counts = new Map<string, number>();
  for (const { name } of occurrences) counts.set(name, (counts.get(name) ?? 0) + 1);

  const totals = new Map<string, number>();
  for (const occurrence of occurrences) {
    const description = describe(occurrence, text, words);
    if (description === undefined) continue;
    // A feature counts once however often it occurs; its share is split between occurrences.
    const share =
      (model.weightOf(occurrence.name) * (scaled.get(occurrence.name) ?? 0)) /
      norm /
      (counts.get(occurrence.name) ?? 1);
    totals.set(description, (totals.get(description) ?? 0) + share);
  }
  return [...totals]
    .map(([description, contribution]) => ({ description, contribution }))
    .sort((a, b) => b.contribution - a.contribution || a.description.localeCompare(b.description));
}
