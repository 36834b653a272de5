// Moderators' regular expressions: refused at configuration time when invalid, oversized or
// matching everything; run in linear time, so patterns that hang a backtracking engine do not.
import { describe, expect, it } from 'vitest';
import { MAX_PATTERN_LENGTH, patternProblem, PatternSet } from './safe-regex.js';

describe('patternProblem', () => {
  it.each(['free\\s*nitro', 'discord\\.gg/\\w+', '\\b\\d{3}-\\d{4}\\b', '(?i)CasE', 'a{1000}', '(a+)+$'])(
    'accepts %j',
    (pattern) => {
      expect(patternProblem(pattern)).toBeUndefined();
    },
  );

  it.each([
    ['', /empty/],
    ['(unclosed', /not a valid RE2 expression/],
    ['(?<=a)b', /not a valid RE2 expression/],
    ['(a)\\1', /not a valid RE2 expression/],
    ['a{1001}', /not a valid RE2 expression/],
    ['x'.repeat(MAX_PATTERN_LENGTH + 1), /longer than/],
    ['a{1000}b{1000}', /too complex/],
    ['a*', /empty string/],
    ['x?', /empty string/],
    ['\\b', /empty string/],
    ['^', /empty string/],
    ['foo|', /empty string/],
  ])('refuses %j', (pattern, problem) => {
    expect(patternProblem(pattern)).toMatch(problem);
  });
});

describe('PatternSet', () => {
  it('finds the first pattern that matches, case-insensitively, with what it matched', () => {
    const set = new PatternSet(['cheap\\s+followers', 'discord\\.gg/\\w+']);
    expect(set.find('join DISCORD.GG/abc now')).toEqual({
      pattern: 'discord\\.gg/\\w+',
      match: 'DISCORD.GG/abc',
    });
    expect(set.find('nothing to see')).toBeUndefined();
  });

  it('skips matches that are allowed words and keeps looking', () => {
    const set = new PatternSet(['\\w*cat\\w*'], ['concatenate']);
    expect(set.find('concatenate')).toBeUndefined();
    expect(set.find('concatenate the bobcat')?.match).toBe('bobcat');
  });

  it('refuses to build with a refused pattern', () => {
    expect(() => new PatternSet(['a*'])).toThrow(/empty string/);
  });

  it('runs catastrophic-backtracking patterns to the right answer', () => {
    const set = new PatternSet(['(a+)+$', '(a|aa)+b', '(\\w+\\s?)+x', '(.*a){12}z']);
    const hostile = ['a'.repeat(4000) + '!', 'a '.repeat(2000) + '!', `${'a'.repeat(40)}!`];
    // The same patterns in a backtracking engine: 30 characters are already seconds. RE2 is
    // linear by construction; `npm run bench:moderation` measures the worst case (hostileMaxUs).
    for (const text of hostile) expect(set.find(text)).toBeUndefined();
  });
});
