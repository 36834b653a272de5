import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_SCORED_CHARS, MODEL_URL, scoreSpam, shippedSpamModel } from './spam-scorer.js';
import { buildShippedArtifact } from './train-model.js';

describe('scoreSpam with the shipped model.json', () => {
  it('scores obvious spam high, with reasons a moderator can read', () => {
    const result = scoreSpam('WINNER!! You have won a £1000 prize, call 09061701461 to claim');
    expect(result.score).toBeGreaterThan(0.9);
    expect(result.flagged).toBe(true);
    expect(result.reasons.length).toBeGreaterThan(0);
    expect(result.reasons).toContain("word 'prize'");
    expect(result.reasons.join(' ')).toMatch(/claim|phone-number-like/);
  });

  it('scores ordinary chat low', () => {
    for (const text of [
      'are we still on for lunch tomorrow?',
      'Thanks for the quick fix on the sink, see you next week',
      'Can you send me the invoice when you get a chance?',
    ]) {
      const result = scoreSpam(text);
      expect(result.score, text).toBeLessThan(0.05);
      expect(result.flagged, text).toBe(false);
      expect(result.reasons, text).toEqual([]); // reasons are for a flag only
    }
  });

  it('names web addresses and quotes phrases as written', () => {
    const result = scoreSpam('URGENT! Visit www.claim-now.co.uk to claim your FREE prize');
    expect(result.flagged).toBe(true);
    expect(result.reasons.some((reason) => /web address|word 'www'/.test(reason))).toBe(true);
  });

  it('bounds the work on huge pastes', () => {
    const huge = 'lunch tomorrow? '.repeat(10_000);
    expect(scoreSpam(huge)).toEqual(scoreSpam(huge.slice(0, MAX_SCORED_CHARS)));
  });

  it('is the model train-model.ts builds: the artifact is reproducible', () => {
    const committed: unknown = JSON.parse(readFileSync(MODEL_URL, 'utf8'));
    expect(buildShippedArtifact()).toEqual(committed);
    expect(shippedSpamModel().threshold).toBeGreaterThan(0);
  });
});
