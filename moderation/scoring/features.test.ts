import { describe, expect, it } from 'vitest';
import { featureIndex } from './hashing.js';
import { featureOccurrences, featureSlots, featureWeights, stemsOf, vectorize } from './features.js';
import { shippedSpamModel } from './spam-scorer.js';
import { SHIPPED_TRAIN_OPTIONS } from './training-options.js';

const names = (stems: readonly string[]): Set<string> =>
  new Set(featureOccurrences(stems).map((f) => f.name));

describe('spam features', () => {
  it('gives live text and its stored dataset form the same vector', () => {
    const live = 'Free entry in 2 a wkly comp to win FA Cup final tkts 21st May 2005.';
    const stored = {
      stems: ['free', 'entri', 'wkly', 'comp', 'win', 'fa', 'cup', 'final', 'tkt', '21st', 'mai', '2005'],
    };
    expect(stemsOf(live)).toEqual(stored.stems);
    expect(vectorize(stemsOf(live), SHIPPED_TRAIN_OPTIONS)).toEqual(
      vectorize(stored.stems, SHIPPED_TRAIN_OPTIONS),
    );
  });

  it('has unigrams, bigrams, character 3- to 5-grams and shape features', () => {
    const found = names(stemsOf('Claim your prize: call 09061701461 or visit www.win.com'));
    for (const name of [
      'w:claim',
      'b:claim prize',
      'c:pri',
      'c:priz',
      'c:prize',
      'c: cla',
      's:url',
      's:digits10+',
    ]) {
      expect(found).toContain(name);
    }
    expect(found).not.toContain('c:prizes');
  });

  it('tells digit runs apart by length: short codes, amounts, phone numbers', () => {
    expect(names(['text', '87121'])).toContain('s:digits5-6');
    expect(names(['won', '1000'])).toContain('s:digits3-4');
    expect(names(['call', '09061701461'])).toContain('s:digits10+');
    expect(names(['code', 'kl341'])).toContain('s:code');
    expect(names(['lunch', 'tomorrow'])).not.toContain('s:url');
  });

  it('normalises each vector to unit length', () => {
    const { values } = vectorize(stemsOf('are we still on for lunch tomorrow?'), SHIPPED_TRAIN_OPTIONS);
    const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
    expect(norm).toBeCloseTo(1, 12);
  });

  // The fast paths scoring takes must be the model's features exactly: every distinct feature
  // name, each weighted once by its family's scale, summed into its slot in the same order.
  const texts = [
    'Claim your prize: call 09061701461 or visit www.win.com',
    'Thanks for the quick reply, the leak under the sink is fixed now and everything looks dry again.',
    'ok ok ok ok',
    'a',
    '',
  ];

  it('sums featureWeights into its slots as featureSlots does, in the same order', () => {
    for (const text of texts) {
      const stems = stemsOf(text);
      const expected = new Map<number, number>();
      for (const [name, weight] of featureWeights(stems, SHIPPED_TRAIN_OPTIONS.scales)) {
        const index = featureIndex(name, SHIPPED_TRAIN_OPTIONS.hashBits);
        expected.set(index, (expected.get(index) ?? 0) + weight);
      }
      expect([...featureSlots(stems, SHIPPED_TRAIN_OPTIONS)]).toEqual([...expected]);
    }
  });

  it('scores a message as the linear model scores its normalised vector', () => {
    const { classifier } = shippedSpamModel();
    for (const text of texts) {
      expect(classifier.score(text)).toBeCloseTo(classifier.scoreVector(classifier.vectorize(text)), 12);
    }
  });
});
