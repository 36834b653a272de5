// The profanity matcher against the shared suites (evasions caught, innocent text left alone),
// then severities, allow lists and the cost rules: built once, bad-words' per-call matcher
// never used, hostile input in bounded time.
import { Filter } from 'bad-words';
import { describe, expect, it, vi } from 'vitest';
import { normalize } from './normalize.js';
import { findProfanity, isProfane, type ProfanityMatch } from './profanity.js';
import { EVASION_SUITE, EVASION_TECHNIQUES, SCUNTHORPE_SUITE } from './suites.js';

const find = (text: string, filter = {}): ProfanityMatch[] => findProfanity(normalize(text), filter);
const words = (text: string): string[] => [...new Set(find(text).map((m) => m.word))];

describe('the evasion suite', () => {
  it('has at least 40 cases covering every technique', () => {
    expect(EVASION_SUITE.length).toBeGreaterThanOrEqual(40);
    expect(new Set(EVASION_SUITE.map((c) => c.technique))).toEqual(new Set(EVASION_TECHNIQUES));
  });

  it('is caught at least 95% of the time', () => {
    const missed = EVASION_SUITE.filter((c) => !isProfane(c.text)).map((c) => c.text);
    expect(missed.length / EVASION_SUITE.length, `missed: ${JSON.stringify(missed)}`).toBeLessThanOrEqual(
      0.05,
    );
  });

  it.each(EVASION_TECHNIQUES)('catches most of its %s', (technique) => {
    const cases = EVASION_SUITE.filter((c) => c.technique === technique);
    const caught = cases.filter((c) => isProfane(c.text));
    expect(caught.length / cases.length).toBeGreaterThanOrEqual(0.75);
  });
});

describe('letters joined by separators', () => {
  const listed = ['fuck', 'shit', 'bitch', 'cunt', 'dick', 'cock', 'asshole', 'whore', 'slut', 'pussy'];
  const leet: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };
  const spellings = (word: string): string[] =>
    ['_', '-', '.', ' ', '*', '~', '/', '|', '+', '__', ' - ', '\u2013'].flatMap((separator) => {
      const letters = word.split('');
      const leeted = letters.map((c, i) => (i % 2 === 1 ? (leet[c] ?? c) : c));
      const paired = [letters.slice(0, 2).join(''), ...letters.slice(2)];
      return [
        letters.join(separator),
        leeted.join(separator),
        ...(separator.trim() ? [paired.join(separator)] : []),
      ];
    });

  it.each(listed)('are caught for %j, however separated and mixed with leetspeak', (word) => {
    const missed = spellings(word).filter((text) => !isProfane(text));
    expect(missed).toEqual([]);
  });
});

describe('the Scunthorpe suite', () => {
  it('has at least 30 innocent words and sentences', () => {
    expect(SCUNTHORPE_SUITE.length).toBeGreaterThanOrEqual(30);
  });

  it.each(SCUNTHORPE_SUITE)('does not flag %j', (text) => {
    expect(find(text)).toEqual([]);
  });
});

describe('findProfanity', () => {
  it('names the listed word, whatever the spelling', () => {
    expect(words('f.u.c.k')).toEqual(['fuck']);
    expect(words('ｓｈｉｔ')).toEqual(['shit']);
  });

  it('finds words inside compounds through obscenity', () => {
    expect(find('bullshit')).toEqual([
      { word: 'shit', found: 'bullshit', severity: 'mild', source: 'obscenity' },
    ]);
  });

  it('finds phrases of the bad-words list', () => {
    expect(words('son of a bitch')).toContain('son of a bitch');
    expect(words('blow-job')).toContain('blow job');
  });

  it('finds self-censored words with one masked vowel', () => {
    expect(words('c*nt')).toEqual(['cunt']);
  });

  it('orders matches strongest first', () => {
    const severities = find('damn you n1gger, fuck off').map((m) => m.severity);
    expect(severities[0]).toBe('slur');
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) => ['slur', 'strong', 'mild'].indexOf(a) - ['slur', 'strong', 'mild'].indexOf(b),
      ),
    );
  });

  it.each([
    ['damn', 'mild'],
    ['crap', 'mild'],
    ['shit', 'mild'],
    ['fuck', 'strong'],
    ['cunt', 'strong'],
    ['motherfucker', 'strong'],
    ['faggot', 'slur'],
    ['nigger', 'slur'],
    ['retard', 'slur'],
  ] as const)('rates %j as %s', (text, severity) => {
    expect(find(text).map((m) => m.severity)).toContain(severity);
    expect(find(text).every((m) => m.severity === severity)).toBe(true);
  });

  it.each(['order 480 is ready', 'id=480', 't=1796621041938.480 xxxxxxxx', 'room 4.80'])(
    'finds nothing in the numbers of %j (leet digits read only beside letters)',
    (text) => {
      expect(find(text)).toEqual([]);
    },
  );

  it('filters by minimum severity', () => {
    expect(find('shit', { minSeverity: 'strong' })).toEqual([]);
    expect(find('fuck', { minSeverity: 'strong' })).not.toEqual([]);
    expect(find('fuck', { minSeverity: 'slur' })).toEqual([]);
    expect(isProfane('shit', 'strong')).toBe(false);
  });

  it('never flags allowed words, alone or as part of a longer one', () => {
    const allow = new Set(['shit']);
    expect(find('shit', { allow })).toEqual([]);
    expect(find('bullshit', { allow })).toEqual([]);
    expect(find('fuck', { allow })).not.toEqual([]);
  });

  it('does not flag words of the lists that are ordinary words or names', () => {
    for (const text of [
      'go to hell',
      'God bless',
      'a pawn shop',
      'Mr Cox and Mrs Wang',
      'screw the lid',
      'love you xxx',
    ]) {
      expect(find(text), text).toEqual([]);
    }
  });

  it('does not trust elongations cut to one letter for short words', () => {
    expect(find('wooooop')).toEqual([]);
    expect(find('coooook')).toEqual([]);
    expect(words('shiiiiit')).toEqual(['shit']);
  });

  it("never calls bad-words' own matchers, which build ~900 expressions per call", () => {
    const isProfaneSpy = vi.spyOn(Filter.prototype, 'isProfane');
    const cleanSpy = vi.spyOn(Filter.prototype, 'clean');
    for (let i = 0; i < 10; i++) find('what the fuck, shit');
    expect(isProfaneSpy).not.toHaveBeenCalled();
    expect(cleanSpy).not.toHaveBeenCalled();
    isProfaneSpy.mockRestore();
    cleanSpy.mockRestore();
  });

  // Its speed is measured by `npm run bench:moderation` (syncMsgsPerSecPerCore), not here.
  it('judges long and hostile input correctly', () => {
    expect(find('f u c k '.repeat(500)).length).toBeGreaterThan(0);
    expect(find('fuck'.repeat(1000)).length).toBeGreaterThan(0);
    expect(find('c*nt '.repeat(800)).length).toBeGreaterThan(0);
    expect(words('analysis '.repeat(440))).toEqual([]);
    expect(words('a'.repeat(4000))).toEqual([]);
    expect(words(`${'ab'.repeat(1999)}*x`)).toEqual([]);
  });
});
