// Levels per category: which findings each level catches, that levels act once with their own
// actions, and that a configuration without levels checks nothing more than its rules.
import { describe, expect, it } from 'vitest';
import { caughtAt, findAggression } from './categories.js';
import { AutoMod } from './engine.js';
import { normalize } from './normalize.js';
import { parseAutoModConfig, type AutoModConfigInput } from './rules.js';

const off = { identity: 0, sexual: 0, aggression: 0, profanity: 0, spam: 0 };
const check = (levels: Partial<typeof off>, body: string, extra: Partial<AutoModConfigInput> = {}) =>
  new AutoMod({ rules: [], levels: { ...off, ...levels }, ...extra }).check(
    { body, authorId: 'ann', channelId: 'c1' },
    { roleIds: [] },
    0,
  );

describe('caughtAt', () => {
  it('catches at level L the findings of strength 5 − L and above, and nothing at 0', () => {
    expect([1, 2, 3, 4].map((strength) => caughtAt(1, strength as 1))).toEqual([false, false, false, true]);
    expect([1, 2, 3, 4].map((strength) => caughtAt(4, strength as 1))).toEqual([true, true, true, true]);
    expect(caughtAt(0, 4)).toBe(false);
  });
});

describe('levels per category', () => {
  it('stores every category off by default, and holds for review by default', () => {
    const config = parseAutoModConfig({ rules: [] });
    expect(config.levels).toEqual(off);
    expect(config.levelActions).toEqual([{ type: 'hide' }]);
    expect(check({}, 'what the fuck you idiot').verdict).toBe('allow');
  });

  it('refuses a level outside 0–4 and an unknown category', () => {
    expect(() => parseAutoModConfig({ rules: [], levels: { profanity: 5 } })).toThrow();
    expect(() => parseAutoModConfig({ rules: [], levels: { violence: 1 } })).toThrow();
  });

  it('lets mild profanity through at a low level and catches it at the strictest', () => {
    expect(check({ profanity: 2 }, 'oh shit, I forgot').verdict).toBe('allow');
    expect(check({ profanity: 4 }, 'oh shit, I forgot')).toMatchObject({
      verdict: 'hide',
      reasons: [{ rule: 'level:profanity', kind: 'category' }],
    });
    expect(check({ profanity: 3 }, 'what the f_u_c_k').verdict).toBe('hide');
  });

  it('catches slurs as identity attacks from level 1', () => {
    const decision = check({ identity: 1 }, 'you n1gger');
    expect(decision.verdict).toBe('hide');
    expect(decision.reasons[0]?.detail).toContain('identity attacks (level 1)');
    expect(check({ profanity: 4 }, 'you n1gger').verdict).toBe('allow');
  });

  it('catches sexual content by strength', () => {
    expect(check({ sexual: 1 }, 'nice dick').verdict).toBe('allow');
    expect(check({ sexual: 2 }, 'nice dick').verdict).toBe('hide');
    expect(check({ sexual: 3 }, 'show me your boobs').verdict).toBe('hide');
    expect(check({ sexual: 4 }, 'Moby Dick is a long book').verdict).toBe('allow');
  });

  it('catches threats from level 1 and insults from level 3', () => {
    expect(check({ aggression: 1 }, "i'll kill you").verdict).toBe('hide');
    expect(check({ aggression: 1 }, 'you are such an idiot').verdict).toBe('allow');
    expect(check({ aggression: 3 }, 'you are such an idiot').verdict).toBe('hide');
    expect(findAggression(normalize('k.y.s')).map((f) => f.what)).toEqual(['kys']);
  });

  it('adds up spam signals', () => {
    expect(check({ spam: 4 }, 'see https://example.com').verdict).toBe('hide');
    expect(check({ spam: 2 }, 'see https://example.com').verdict).toBe('allow');
    expect(check({ spam: 2 }, 'FREE NITRO giveaway https://a.example https://b.example').verdict).toBe(
      'hide',
    );
  });

  it('gives one reason per category and takes the level actions once', () => {
    const decision = check({ profanity: 4, aggression: 4 }, 'shut up you fucking idiot', {
      levelActions: [{ type: 'alert' }, { type: 'timeout', durationS: 60 }],
    });
    expect(decision.reasons.map((r) => r.rule)).toEqual(['level:aggression', 'level:profanity']);
    expect(decision).toMatchObject({ verdict: 'allow', alert: true, timeoutS: 60 });
  });

  it('applies besides the rules: the strictest outcome wins', () => {
    const decision = check({ profanity: 4 }, 'shit', {
      rules: [{ name: 'no shit', kind: 'keyword', keywords: ['shit'], actions: [{ type: 'block' }] }],
    });
    expect(decision.verdict).toBe('block');
    expect(decision.reasons.map((r) => r.kind)).toEqual(['keyword', 'category']);
  });
});
