// The shared JSON bounds: nesting measured on the text, refused keys found in linear time.
import { describe, expect, it } from 'vitest';
import {
  isOperatorLike,
  isPrototypeKey,
  nestsDeeperThan,
  refusedKeyPaths,
  topLevelId,
} from './json-guard.js';

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, the top level being 1', () => {
    expect(nestsDeeperThan('{"a":[1,{"b":[]}]}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":[1,{"b":[]}]}', 3)).toBe(true);
    expect(nestsDeeperThan('"text"', 0)).toBe(false);
  });

  it('ignores brackets and escaped quotes inside strings', () => {
    expect(nestsDeeperThan('{"a":"[[[[{{{{\\"[[[["}', 1)).toBe(false);
    expect(nestsDeeperThan('{"a\\"[[":["\\\\",[]]}', 2)).toBe(true);
  });

  it('measures 10 MB nested 5 million levels deep without a stack, stopping at the bound', () => {
    const deep = '['.repeat(5_000_000) + ']'.repeat(5_000_000);
    const started = performance.now();
    expect(nestsDeeperThan(deep, 32)).toBe(true);
    expect(nestsDeeperThan(deep, 5_000_000)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('topLevelId', () => {
  it('finds the id wherever it sits among the top-level keys, never inside nested values', () => {
    expect(topLevelId('{"type":"publish","data":{"id":5,"x":[[["id"]]]},"nonce":"a","id":7}')).toBe(7);
    expect(topLevelId('{"id":12,"type":"ping"}')).toBe(12);
    expect(topLevelId('{"data":{"id":5},"x":"\\"id\\":9"}')).toBeUndefined();
    expect(topLevelId('{"id":0}')).toBeUndefined();
    expect(topLevelId(`{"data":${'['.repeat(100_000)}${']'.repeat(100_000)},"id":3}`)).toBe(3);
  });
});

describe('refusedKeyPaths', () => {
  it('names the path of each refused key, array indexes included, outermost first', () => {
    const value = JSON.parse('{"a":{"$ne":1,"b":[{"__proto__":{"c.d":2}}]},"constructor":0}') as unknown;
    const refused = (k: string) => isOperatorLike(k) || isPrototypeKey(k);
    expect(refusedKeyPaths(value, refused)).toEqual([
      'constructor',
      'a.$ne',
      'a.b.0.__proto__',
      'a.b.0.__proto__.c.d',
    ]);
  });

  it('costs the same per key at any depth (no path copied per level)', () => {
    let value: unknown = { $gt: 1 };
    for (let level = 0; level < 5_000; level++) value = { [`k${level}`]: value, [`x${level}`]: level };
    const started = performance.now();
    const [path] = refusedKeyPaths(value, isOperatorLike);
    expect(path?.split('.')).toHaveLength(5_001);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
