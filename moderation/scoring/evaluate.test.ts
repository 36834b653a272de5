import { describe, expect, it } from 'vitest';
import type { LabelledMessage } from './classifier.js';
import {
  evaluateSms,
  protocolSplit,
  selectModel,
  TEST_FRACTION,
  VALIDATION_FRACTION,
  type Scorer,
} from './evaluate.js';
import type { MessageInput } from './features.js';
import { deduplicate, loadSmsCollection } from './sms-dataset.js';

const examples = deduplicate(loadSmsCollection());
const labels = examples.map((example) => example.spam);
const split = protocolSplit(labels);
const spamShare = (positions: readonly number[]): number =>
  positions.filter((i) => labels[i]).length / positions.length;
const keyOf = (message: MessageInput): string =>
  typeof message === 'string' ? message : message.stems.join(' ');

describe('SMS evaluation protocol', () => {
  it('deduplicates before splitting', () => {
    const all = loadSmsCollection();
    expect(all).toHaveLength(5_571);
    expect(new Set(examples.map((example) => keyOf(example.message))).size).toBe(examples.length);
    expect(examples.length).toBeLessThan(all.length);
  });

  it('splits 70/30, then carves validation from the training part, all stratified and disjoint', () => {
    const { fit, validation, test } = split;
    expect(new Set([...fit, ...validation, ...test]).size).toBe(examples.length);
    expect(test.length / examples.length).toBeCloseTo(TEST_FRACTION, 2);
    expect(validation.length / (fit.length + validation.length)).toBeCloseTo(VALIDATION_FRACTION, 2);
    const overall = spamShare(examples.map((_, i) => i));
    for (const part of [fit, validation, test]) expect(spamShare(part)).toBeCloseTo(overall, 2);
  });

  it('chooses the threshold without looking at the test part', () => {
    const trainedOn: string[] = [];
    const scored: string[] = [];
    // A stand-in model that records what it sees and scores by a fixed hash of the text.
    const fit = (fitExamples: readonly LabelledMessage[]): Scorer => {
      trainedOn.push(...fitExamples.map((example) => keyOf(example.message)));
      return {
        score: (message) => {
          scored.push(keyOf(message));
          return (keyOf(message).length % 97) / 97;
        },
      };
    };
    const selected = selectModel(examples, split, fit);
    const keysOf = (positions: readonly number[]) => positions.map((i) => keyOf(examples[i]?.message ?? ''));
    expect(trainedOn).toEqual(keysOf(split.fit));
    expect(scored).toEqual(keysOf(split.validation));
    const testKeys = new Set(keysOf(split.test));
    expect([...trainedOn, ...scored].filter((key) => testKeys.has(key))).toEqual([]);

    // Relabelling the whole test part changes nothing about the choice.
    const testPositions = new Set(split.test);
    const poisoned = examples.map((example, i) =>
      testPositions.has(i) ? { ...example, spam: !example.spam } : example,
    );
    expect(selectModel(poisoned, split, fit).threshold).toBe(selected.threshold);
  });

  it('meets the regression guard on the held-out test part', () => {
    const result = evaluateSms();
    expect(result.train + result.test).toBe(examples.length);
    expect(result.recall).toBeGreaterThanOrEqual(0.85);
    expect(result.fpr).toBeLessThanOrEqual(0.005);
    expect(result.mcc).toBeGreaterThanOrEqual(0.88);
  });
});
