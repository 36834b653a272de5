import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpamClassifier, train, type LabelledMessage } from './classifier.js';
import { deduplicate, loadSmsCollection } from './sms-dataset.js';
import { MODEL_URL, shippedSpamModel } from './spam-scorer.js';
import { SHIPPED_TRAIN_OPTIONS } from './training-options.js';

// Every fifth distinct message: enough to learn from, quick to train on twice.
const sample: LabelledMessage[] = deduplicate(loadSmsCollection()).filter((_, i) => i % 5 === 0);
const probes = [
  'WINNER!! You have won a £1000 prize, call 09061701461 to claim',
  'are we still on for lunch tomorrow?',
  'Your quote for the kitchen job is attached, call me if anything is unclear',
];

describe('SpamClassifier', () => {
  it('trains deterministically: the same seed gives identical weights, another seed does not', () => {
    const first = train(sample, SHIPPED_TRAIN_OPTIONS);
    const second = train(sample, SHIPPED_TRAIN_OPTIONS);
    expect(second.toJSON()).toEqual(first.toJSON());
    expect(first.nonZeroWeights).toBeGreaterThan(1_000);
    const reseeded = train(sample, { ...SHIPPED_TRAIN_OPTIONS, seed: SHIPPED_TRAIN_OPTIONS.seed + 1 });
    expect(reseeded.toJSON().weights).not.toEqual(first.toJSON().weights);
  });

  it('scores identically after a JSON round trip, full precision or rounded', () => {
    for (const options of [
      { ...SHIPPED_TRAIN_OPTIONS, significantDigits: undefined },
      SHIPPED_TRAIN_OPTIONS,
    ]) {
      const model = train(sample, options);
      const reloaded = SpamClassifier.fromJSON(JSON.parse(JSON.stringify(model)));
      expect(reloaded.toJSON()).toEqual(model.toJSON());
      for (const probe of probes) expect(reloaded.score(probe)).toBe(model.score(probe));
    }
    const shipped = shippedSpamModel().classifier;
    const reloaded = SpamClassifier.fromJSON(JSON.parse(JSON.stringify(shipped)));
    for (const probe of probes) expect(reloaded.score(probe)).toBe(shipped.score(probe));
  });

  it('keeps model.json small', () => {
    expect(readFileSync(MODEL_URL).byteLength).toBeLessThan(300_000);
    expect(shippedSpamModel().classifier.nonZeroWeights).toBeLessThanOrEqual(
      SHIPPED_TRAIN_OPTIONS.maxFeatures ?? 0,
    );
  });

  it('rejects a malformed artifact', () => {
    const json = shippedSpamModel().classifier.toJSON();
    expect(() => SpamClassifier.fromJSON({ ...json, format: 'other/1' })).toThrow();
    expect(() => SpamClassifier.fromJSON({ ...json, weights: json.weights.slice(1) })).toThrow(/mismatch/);
    expect(() =>
      SpamClassifier.fromJSON({ ...json, indexGaps: [...json.indexGaps.slice(0, -1), 1 << 21] }),
    ).toThrow(/out of range/);
  });

  it('learns from moderators’ decisions on top of the loaded model', () => {
    const model = SpamClassifier.fromJSON(shippedSpamModel().classifier.toJSON());
    const missedSpam = 'Get followers fast!! DM me for cheap likes and views on every platform';
    const wronglyFlagged = 'Free consultation this week: claim your slot by replying with a time that suits';
    const before = { spam: model.score(missedSpam), ham: model.score(wronglyFlagged) };
    model.update([
      { message: missedSpam, spam: true },
      { message: wronglyFlagged, spam: false },
    ]);
    expect(model.score(missedSpam)).toBeGreaterThan(before.spam + 0.05);
    expect(model.score(wronglyFlagged)).toBeLessThan(before.ham - 0.05);
    // Online updates touch only these messages' features: ordinary chat stays ordinary.
    expect(model.score('are we still on for lunch tomorrow?')).toBeLessThan(0.05);
  });
});
