import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AutoModRegistry } from './registry.js';

const config = (keyword: string, enabled = true) =>
  JSON.stringify({
    rules: [{ name: 'k', kind: 'keyword', keywords: [keyword], actions: [{ type: 'block' }], enabled }],
  });

describe('AutoModRegistry', () => {
  const log = pino({ level: 'silent' });

  it('compiles once per configuration text and again when the text changes', () => {
    const registry = new AutoModRegistry(log);
    const first = registry.engineFor('c1', config('spam'));
    expect(first).not.toBeNull();
    expect(registry.engineFor('c1', config('spam'))).toBe(first);
    const second = registry.engineFor('c1', config('scam'));
    expect(second).not.toBe(first);
    const check = (body: string) =>
      second?.check({ body, authorId: 'u', channelId: 'x' }, { roleIds: [] }).verdict;
    expect(check('a scam')).toBe('block');
    expect(check('some spam')).toBe('allow');
  });

  it('has no engine for a configuration without enabled rules, or one that does not compile', () => {
    const registry = new AutoModRegistry(log);
    expect(registry.engineFor('c1', '{"rules":[]}')).toBeNull();
    expect(registry.engineFor('c2', config('spam', false))).toBeNull();
    expect(registry.engineFor('c3', '{"rules":[{"kind":"nonsense"}]}')).toBeNull();
    expect(registry.engineFor('c4', 'not json')).toBeNull();
  });

  it('keeps the most recently used communities up to its bound', () => {
    const registry = new AutoModRegistry(log, 2);
    const a = registry.engineFor('a', config('x'));
    registry.engineFor('b', config('x'));
    registry.engineFor('a', config('x')); // a is now the most recent
    registry.engineFor('c', config('x')); // evicts b
    expect(registry.size).toBe(2);
    expect(registry.engineFor('a', config('x'))).toBe(a);
  });
});
