import { describe, expect, it } from 'vitest';
import { shippedSpamModel } from '../spam-scorer.js';
import { labelFor } from './labels.js';
import {
  actionFor,
  combineRisk,
  heuristicsRisk,
  longestRun,
  profanityRisk,
  SPAM_AT_THRESHOLD,
  spamRisk,
  trustOf,
} from './risk.js';
import { scoreMessage } from './score-message.js';

const now = new Date('2026-06-01T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const none = { risk: 0, reasons: [] };
const shipped = { version: 0, model: shippedSpamModel() };

describe('risk components', () => {
  it('maps the classifier threshold to SPAM_AT_THRESHOLD and 1 to 1, linearly on each side', () => {
    expect(spamRisk(0.1, 0.1, []).risk).toBe(SPAM_AT_THRESHOLD);
    expect(spamRisk(0.05, 0.1, []).risk).toBe(SPAM_AT_THRESHOLD / 2);
    expect(spamRisk(1, 0.1, []).risk).toBe(1);
    expect(spamRisk(0.55, 0.1, []).risk).toBeCloseTo(0.8, 3);
    expect(spamRisk(0.5, 0.1, ['says "prize"']).reasons).toEqual([
      'spam classifier: 50.0% (flags above 10.0%)',
      'says "prize"',
    ]);
  });

  it('rates profanity by its worst severity, a little more per further word', () => {
    expect(profanityRisk([])).toEqual(none);
    expect(profanityRisk([{ word: 'damn', severity: 'mild' }]).risk).toBe(0.3);
    const two = profanityRisk([
      { word: 'damn', severity: 'mild' },
      { word: 'shit', severity: 'strong' },
      { word: 'shit', severity: 'strong' },
    ]);
    expect(two.risk).toBe(0.65);
    expect(two.reasons).toEqual(['profanity (mild): "damn"', 'profanity (strong): "shit"']);
  });

  it('adds up heuristics, capped so that they alone never reach the default hide threshold', () => {
    const calm = { links: 0, letters: 40, capitals: 2, longestRun: 2, mentions: 0 };
    expect(heuristicsRisk(calm)).toEqual(none);
    const loud = heuristicsRisk({ links: 5, letters: 40, capitals: 39, longestRun: 12, mentions: 8 });
    expect(loud.risk).toBe(0.6);
    expect(loud.reasons).toEqual(['5 links', '98% capitals', 'a character repeated 12 times', '8 mentions']);
    expect(heuristicsRisk({ ...calm, capitals: 9, letters: 9 }).risk).toBe(0); // too short to shout
    expect(longestRun('heyyyyyy   there')).toBe(6);
  });

  it('trusts long-standing members more, new members and repeat offenders less', () => {
    expect(trustOf({ joinedAt: daysAgo(90), violations: 0, now })).toMatchObject({
      factor: 0.9,
      memberDays: 90,
    });
    expect(trustOf({ joinedAt: daysAgo(0.5), violations: 0, now }).factor).toBe(1.2);
    expect(trustOf({ joinedAt: null, violations: 0, now }).factor).toBe(1.3);
    const repeat = trustOf({ joinedAt: daysAgo(10), violations: 9, now });
    expect(repeat.factor).toBe(1.6); // violations count up to 4
    expect(repeat.reasons).toEqual(['member for less than 30 days', '9 prior violations']);
  });
});

describe('combined risk and thresholds', () => {
  const trust = (factor: number) => ({ factor, memberDays: 3, violations: 0, reasons: [] });

  it('is a noisy OR of the content signals, scaled by trust, never above 1', () => {
    const r = combineRisk({
      spam: { risk: 0.5, reasons: [] },
      profanity: { risk: 0.5, reasons: [] },
      heuristics: none,
      trust: trust(1),
    });
    expect(r).toEqual({ content: 0.75, risk: 0.75 });
    expect(
      combineRisk({ spam: { risk: 0.9, reasons: [] }, profanity: none, heuristics: none, trust: trust(1.6) })
        .risk,
    ).toBe(1);
  });

  it('gives a clean message no risk however new its author', () => {
    expect(combineRisk({ spam: none, profanity: none, heuristics: none, trust: trust(2) }).risk).toBe(0);
  });

  it('decides by the community thresholds: hide from hideAt, flag from flagAt, null never', () => {
    const t = { flagAt: 0.6, hideAt: 0.9 };
    expect(actionFor(0.59, t)).toBe('allow');
    expect(actionFor(0.6, t)).toBe('flag');
    expect(actionFor(0.9, t)).toBe('hide');
    expect(actionFor(0.99, { flagAt: 0.6, hideAt: null })).toBe('flag');
    expect(actionFor(0.99, { flagAt: null, hideAt: null })).toBe('allow');
    expect(actionFor(0.95, { flagAt: null, hideAt: 0.9 })).toBe('hide');
  });
});

describe('scoreMessage', () => {
  const member = { joinedAt: daysAgo(60), violations: 0, now };

  it('lets an ordinary message through with a low risk', () => {
    const sheet = scoreMessage('are we still meeting at the cafe tomorrow at 10?', member, shipped);
    expect(sheet.risk).toBeLessThan(0.3);
    expect(actionFor(sheet.risk, { flagAt: 0.6, hideAt: 0.9 })).toBe('allow');
  });

  it('hides prize spam from a brand-new account, with the reasons', () => {
    const sheet = scoreMessage(
      'URGENT! You have WON a £1000 cash prize! Claim now, txt WIN to 87121 or call 09061701461',
      { joinedAt: daysAgo(0.01), violations: 0, now },
      shipped,
    );
    expect(sheet.spam.probability).toBeGreaterThan(shipped.model.threshold);
    expect(sheet.risk).toBeGreaterThanOrEqual(0.9);
    expect(sheet.spam.reasons[0]).toMatch(/^spam classifier/);
    expect(sheet.trust.reasons).toContain('joined less than an hour ago');
  });

  it('flags strong profanity', () => {
    const sheet = scoreMessage('you are a fucking idiot', member, shipped);
    expect(sheet.profanity.risk).toBeGreaterThanOrEqual(0.6);
    expect(actionFor(sheet.risk, { flagAt: 0.5, hideAt: 0.9 })).toBe('flag');
  });
});

describe('labels from decisions', () => {
  const scoredSpam = {
    flags: [{ by: 'scoring', reason: '', at: now }],
    scores: '{"scoring":{"spam":{"risk":0.97}}}',
  };
  const reportedAbuse = { flags: [{ by: 'ann', reason: 'rude to me', at: now }], scores: '{}' };
  const reportedSpam = { flags: [{ by: 'ann', reason: 'Spam link', at: now }], scores: '{}' };

  it('labels an approval ham, a removal spam only when the case was about spam', () => {
    expect(labelFor('approve', reportedAbuse)).toBe(false);
    expect(labelFor('remove', scoredSpam)).toBe(true);
    expect(labelFor('ban', reportedSpam)).toBe(true);
    expect(labelFor('remove', reportedAbuse)).toBeNull();
    expect(labelFor('appeal.overturned', scoredSpam)).toBe(false);
  });
});
