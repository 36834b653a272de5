import { describe, expect, it } from 'vitest';
import { parseTopic } from './frames.js';

describe('parseTopic', () => {
  it('parses every kind of topic', () => {
    expect(parseTopic('chan:c1:ch1')).toEqual({
      kind: 'chan',
      community: 'c1',
      channel: 'ch1',
      name: 'chan:c1:ch1',
    });
    expect(parseTopic('user:ann')).toEqual({ kind: 'user', userId: 'ann', name: 'user:ann' });
    expect(parseTopic('timeline:c1')).toEqual({ kind: 'timeline', community: 'c1', name: 'timeline:c1' });
    expect(parseTopic('mods:c1')).toEqual({ kind: 'mods', community: 'c1', name: 'mods:c1' });
    expect(parseTopic('support:agents')).toEqual({ kind: 'support', team: 'agents', name: 'support:agents' });
  });

  it('refuses anything off the grammar', () => {
    for (const name of [
      '',
      'chan:c1',
      'support:other',
      'mods:',
      'user:a:b',
      'chan:c1:ch1:x',
      'user:a b',
      'x:y',
    ]) {
      expect(parseTopic(name), name).toBeUndefined();
    }
  });
});
