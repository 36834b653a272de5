// The figures `npm run bench:moderation` reports: computed over the same suites as the tests,
// and a deterministic corpus.
import { describe, expect, it } from 'vitest';
import { buildCorpus } from './corpus.js';
import { evaluateProfanity, measureLatency, measureThroughput } from './evaluate.js';
import { EVASION_SUITE, SCUNTHORPE_SUITE } from './suites.js';

describe('evaluateProfanity', () => {
  it('reports on the shared suites', () => {
    const { evasion, scunthorpe } = evaluateProfanity();
    expect(evasion.total).toBe(EVASION_SUITE.length);
    expect(scunthorpe.total).toBe(SCUNTHORPE_SUITE.length);
    expect(evasion.caught + evasion.missed.length).toBe(evasion.total);
    expect(evasion.caught / evasion.total).toBeGreaterThanOrEqual(0.95);
    expect(scunthorpe).toMatchObject({ falseFlags: 0, flagged: [] });
  });
});

describe('measuring', () => {
  it('builds the same corpus from the same seed, another from another', () => {
    expect(buildCorpus(200, 1)).toEqual(buildCorpus(200, 1));
    expect(buildCorpus(200, 1)).not.toEqual(buildCorpus(200, 2));
  });

  // The measuring code only: how fast is for `npm run bench:moderation`, never for a test.
  it('measures checks per second, of wall or CPU time', () => {
    for (const options of [{}, { cpuTime: true }, { cpuTime: true, strictestLevels: true }]) {
      const perSecond = measureThroughput({ messages: 200, passes: 1, ...options });
      expect(Number.isFinite(perSecond)).toBe(true);
      expect(perSecond).toBeGreaterThan(0);
    }
  });

  it('measures the distribution of one check', () => {
    const { p50Us, p99Us, maxUs } = measureLatency({ messages: 1000 });
    expect(p50Us).toBeGreaterThan(0);
    expect(p50Us).toBeLessThanOrEqual(p99Us);
    expect(p99Us).toBeLessThanOrEqual(maxUs);
  });
});
