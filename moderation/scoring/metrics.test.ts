import { describe, expect, it } from 'vitest';
import { confusion, falsePositiveRate, lowestThresholdWithinFpr, matthews, recall } from './metrics.js';

const ham = (score: number) => ({ score, spam: false });
const spam = (score: number) => ({ score, spam: true });

describe('threshold and metrics', () => {
  it('picks the lowest threshold that keeps the false-positive rate within bounds', () => {
    // 400 ham: 0.5% allows 2 above the threshold, so it sits at the third-highest ham score.
    const scored = [
      ...Array.from({ length: 397 }, (_, i) => ham(i / 1_000)),
      ham(0.9),
      ham(0.8),
      ham(0.7),
      spam(0.75),
      spam(0.95),
    ];
    const threshold = lowestThresholdWithinFpr(scored, 0.005);
    expect(threshold).toBe(0.7);
    const counts = confusion(scored, threshold);
    expect(counts).toEqual({ truePositives: 2, falsePositives: 2, trueNegatives: 398, falseNegatives: 0 });
    expect(falsePositiveRate(counts)).toBe(0.005);
    expect(lowestThresholdWithinFpr(scored, 0)).toBe(0.9);
  });

  it('computes recall and MCC', () => {
    const counts = { truePositives: 90, falsePositives: 5, trueNegatives: 895, falseNegatives: 10 };
    expect(recall(counts)).toBe(0.9);
    const expected = (90 * 895 - 5 * 10) / Math.sqrt(95 * 100 * 900 * 905);
    expect(matthews(counts)).toBeCloseTo(expected, 12);
    expect(matthews({ truePositives: 0, falsePositives: 0, trueNegatives: 10, falseNegatives: 3 })).toBe(0);
  });
});
