// Keyword lists: the four wildcard modes, phrases, allow lists, evasions folded by
// normalization, and the automaton agreeing with a naive search.
import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './aho-corasick.js';
import { KeywordMatcher, parseKeyword } from './keywords.js';
import { normalize } from './normalize.js';

const found = (keywords: string[], text: string, allow: string[] = []): string | undefined =>
  new KeywordMatcher(keywords, allow).find(normalize(text))?.found;

describe('parseKeyword', () => {
  it.each([
    ['cat', 'cat', 'word'],
    ['cat*', 'cat', 'prefix'],
    ['*cat', 'cat', 'suffix'],
    ['*cat*', 'cat', 'substring'],
    [' Free  NITRO ', 'free nitro', 'word'],
  ])('%j is %j as a %s', (keyword, term, mode) => {
    expect(parseKeyword(keyword)).toMatchObject({ term, mode });
  });

  it('refuses what normalizes to nothing', () => {
    expect(parseKeyword('*')).toBeUndefined();
    expect(parseKeyword('**')).toBeUndefined();
    expect(parseKeyword('\u200b')).toBeUndefined();
  });
});

describe('KeywordMatcher', () => {
  it.each([
    ['cat', 'my cat is here', 'cat'],
    ['cat', 'a catalog', undefined],
    ['cat', 'a bobcat', undefined],
    ['cat*', 'a catalog', 'catalog'],
    ['cat*', 'a bobcat', undefined],
    ['*cat', 'a bobcat', 'bobcat'],
    ['*cat', 'a catalog', undefined],
    ['*cat*', 'concatenate', 'concatenate'],
    ['*cat*', 'a dog', undefined],
  ])('%j in %j → %j', (keyword, text, expected) => {
    expect(found([keyword], text)).toBe(expected);
  });

  it('matches a phrase of several words in a row only', () => {
    expect(found(['free nitro'], 'get FREE   nitro now')).toBe('free nitro');
    expect(found(['free nitro'], 'nitro is free')).toBeUndefined();
  });

  it('matches on normalized words: evasions fold away', () => {
    for (const text of [
      'F R E E nitro',
      'fr33 n1tro',
      'ｆｒｅｅ ｎｉｔｒｏ',
      'fr\u200bee nitrooooo',
      'frее nitro',
    ]) {
      expect(found(['free nitro'], text), text).toBe('free nitro');
    }
  });

  it('never flags allowed words', () => {
    expect(found(['*cat*'], 'concatenate the cats', ['concatenate'])).toBe('cats');
    expect(found(['*cat*'], 'concatenate', ['Concatenate'])).toBeUndefined();
  });

  it('finds any of a thousand keywords', () => {
    const keywords = Array.from({ length: 1000 }, (_, i) => `word${i.toString(36)}x`);
    const matcher = new KeywordMatcher(keywords);
    expect(matcher.find(normalize('say wordrrx please'))?.keyword).toBe('wordrrx');
    expect(matcher.find(normalize('say word please'))).toBeUndefined();
  });
});

describe('AhoCorasick', () => {
  it('reports exactly the occurrences a naive search finds', () => {
    const strings = ['he', 'she', 'his', 'hers', 'e', 'ushe'];
    const text = 'ushers and his sheep hershe';
    const naive: string[] = [];
    for (const [id, s] of strings.entries()) {
      for (let at = text.indexOf(s); at !== -1; at = text.indexOf(s, at + 1)) naive.push(`${id}@${at}`);
    }
    const found: string[] = [];
    new AhoCorasick(strings).scan(text, (id, start, end) => {
      expect(text.slice(start, end)).toBe(strings[id]);
      found.push(`${id}@${start}`);
      return false;
    });
    expect(found.sort()).toEqual(naive.sort());
  });

  it('stops when asked', () => {
    let calls = 0;
    new AhoCorasick(['a']).scan('aaaa', () => ++calls === 2);
    expect(calls).toBe(2);
  });
});
