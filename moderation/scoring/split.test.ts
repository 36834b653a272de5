import { describe, expect, it } from 'vitest';
import { stratifiedSplit } from './split.js';

// 1,000 messages, 13% spam, spread unevenly so a plain cut would skew the ratio.
const labels = Array.from({ length: 1_000 }, (_, i) => (i < 500 ? i % 5 === 0 : i % 50 === 0));
const spamShare = (positions: readonly number[]): number =>
  positions.filter((i) => labels[i]).length / positions.length;

describe('stratifiedSplit', () => {
  it('keeps the spam ratio in both parts', () => {
    const { first, second } = stratifiedSplit(labels, 0.7, 7);
    const overall = labels.filter(Boolean).length / labels.length;
    expect(first).toHaveLength(700);
    expect(spamShare(first)).toBeCloseTo(overall, 2);
    expect(spamShare(second)).toBeCloseTo(overall, 2);
  });

  it('is a partition, the same for the same seed and different for another', () => {
    const split = stratifiedSplit(labels, 0.7, 7);
    expect([...split.first, ...split.second].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    expect(stratifiedSplit(labels, 0.7, 7)).toEqual(split);
    expect(stratifiedSplit(labels, 0.7, 8).first).not.toEqual(split.first);
  });
});
