// The configuration schema: strict at the edge, defaults filled in, limits enforced, and what
// the engine could not run refused here.
import { describe, expect, it } from 'vitest';
import { autoModConfigSchema, DEFAULT_BLOCK_REASON, MAX_LIST_ENTRIES, ruleSchema } from './rules.js';

const block = [{ type: 'block' as const }];
const keywordRule = (extra: Record<string, unknown> = {}) => ({
  name: 'words',
  kind: 'keyword',
  keywords: ['spam'],
  actions: block,
  ...extra,
});
const valid = (rule: unknown) => ruleSchema.safeParse(rule).success;

describe('ruleSchema', () => {
  it('fills in defaults', () => {
    expect(ruleSchema.parse(keywordRule())).toEqual({
      name: 'words',
      kind: 'keyword',
      enabled: true,
      keywords: ['spam'],
      allow: [],
      actions: [{ type: 'block', reason: DEFAULT_BLOCK_REASON }],
      exemptRoleIds: [],
      exemptChannelIds: [],
    });
  });

  it('refuses unknown fields, kinds and actions', () => {
    expect(valid(keywordRule({ colour: 'red' }))).toBe(false);
    expect(valid(keywordRule({ kind: 'telepathy' }))).toBe(false);
    expect(valid(keywordRule({ actions: [{ type: 'ban' }] }))).toBe(false);
    expect(valid(keywordRule({ actions: [{ type: 'hide', reason: 'x' }] }))).toBe(false);
  });

  it('wants at least one action, each type at most once, and sane timeouts', () => {
    expect(valid(keywordRule({ actions: [] }))).toBe(false);
    expect(valid(keywordRule({ actions: [{ type: 'alert' }, { type: 'alert' }] }))).toBe(false);
    expect(valid(keywordRule({ actions: [{ type: 'timeout', durationS: 60 }] }))).toBe(true);
    expect(valid(keywordRule({ actions: [{ type: 'timeout', durationS: 0 }] }))).toBe(false);
    expect(valid(keywordRule({ actions: [{ type: 'timeout', durationS: 29 * 24 * 3600 }] }))).toBe(false);
  });

  it(`takes up to ${MAX_LIST_ENTRIES} keywords and allowed words`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`);
    expect(valid(keywordRule({ keywords: many(MAX_LIST_ENTRIES), allow: many(MAX_LIST_ENTRIES) }))).toBe(
      true,
    );
    expect(valid(keywordRule({ keywords: many(MAX_LIST_ENTRIES + 1) }))).toBe(false);
    expect(valid(keywordRule({ allow: many(MAX_LIST_ENTRIES + 1) }))).toBe(false);
  });

  it('takes wildcards at the start and end of keywords only', () => {
    expect(valid(keywordRule({ keywords: ['*cat*', 'dog*', '*fish'] }))).toBe(true);
    expect(valid(keywordRule({ keywords: ['c*t'] }))).toBe(false);
    expect(valid(keywordRule({ keywords: ['*'] }))).toBe(false);
    expect(valid(keywordRule({ keywords: ['\u200b'] }))).toBe(false);
  });

  it('refuses invalid, oversized and match-everything regular expressions at configuration time', () => {
    const regex = (patterns: string[]) => ({ name: 'r', kind: 'regex', patterns, actions: block });
    expect(valid(regex(['free\\s+nitro', '(a+)+$']))).toBe(true);
    const result = ruleSchema.safeParse(regex(['(unclosed']));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/not a valid RE2 expression/);
    expect(valid(regex(['x'.repeat(261)]))).toBe(false);
    expect(valid(regex(['a{1000}b{1000}']))).toBe(false);
    expect(valid(regex(['.*']))).toBe(false);
    expect(valid(regex(Array.from({ length: 11 }, (_, i) => `p${i}`)))).toBe(false);
  });

  it('normalizes and checks allowed link domains', () => {
    const links = (domains: string[]) => ({
      name: 'l',
      kind: 'links',
      policy: 'allow_listed',
      domains,
      actions: block,
    });
    expect(ruleSchema.parse(links(['https://www.Example.com/x', '*.github.io']))).toMatchObject({
      domains: ['example.com', 'github.io'],
    });
    expect(valid(links(['not a domain']))).toBe(false);
    expect(valid({ ...links([]), policy: 'some' })).toBe(false);
  });

  it('bounds every number', () => {
    expect(valid({ name: 'm', kind: 'mentions', maxMentions: 0, actions: block })).toBe(false);
    expect(valid({ name: 'c', kind: 'caps', maxRatio: 1.5, actions: block })).toBe(false);
    expect(valid({ name: 'd', kind: 'duplicates', times: 1, windowMs: 10_000, actions: block })).toBe(false);
    expect(valid({ name: 'f', kind: 'flood', maxMessages: 5, windowMs: 2 * 3600_000, actions: block })).toBe(
      false,
    );
    expect(ruleSchema.parse({ name: 'c', kind: 'caps', actions: block })).toMatchObject({
      maxRatio: 0.7,
      minLetters: 10,
    });
    expect(ruleSchema.parse({ name: 'p', kind: 'profanity', actions: block })).toMatchObject({
      minSeverity: 'mild',
    });
  });
});

describe('autoModConfigSchema', () => {
  it('wants unique rule names and nothing but rules', () => {
    expect(autoModConfigSchema.safeParse({ rules: [keywordRule(), keywordRule()] }).success).toBe(false);
    expect(autoModConfigSchema.safeParse({ rules: [], extra: 1 }).success).toBe(false);
    expect(
      autoModConfigSchema.safeParse({ rules: [keywordRule(), keywordRule({ name: 'other' })] }).success,
    ).toBe(true);
  });
});
