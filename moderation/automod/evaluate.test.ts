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

  it('measures checks per second', () => {
    expect(measureThroughput({ messages: 1000, passes: 1 })).toBeGreaterThan(0);
    // Per second of CPU time, the figure holds while other tests share the machine.
    expect(measureThroughput({ messages: 1000, passes: 1, cpuTime: true })).toBeGreaterThan(2000);
    expect(
      measureThroughput({ messages: 1000, passes: 1, cpuTime: true, strictestLevels: true }),
    ).toBeGreaterThan(2000);
  });

  it('measures the distribution of one check', () => {
    const { p50Us, p99Us, maxUs } = measureLatency({ messages: 1000 });
    expect(p50Us).toBeGreaterThan(0);
    expect(p50Us).toBeLessThanOrEqual(p99Us);
    expect(p99Us).toBeLessThanOrEqual(maxUs);
  });
});
