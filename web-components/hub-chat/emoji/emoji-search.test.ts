// The emoji picker's rules on its generated data: groups read, search by the start of words,
// skin tones as Unicode writes them, and a tone read back only when it is one.
import { describe, expect, it } from 'vitest';
import { EMOJI_GROUPS } from './emoji-data.js';
import {
  GROUP_KEYS,
  readGroups,
  searchEmoji,
  SKIN_TONES,
  storedTone,
  toneOf,
  withTone,
} from './emoji-search.js';

const groups = readGroups(EMOJI_GROUPS);
const all = groups.flatMap((g) => g.emoji);
const byName = (name: string) => all.find((e) => e.name === name);

describe('emoji data and search', () => {
  it('has every group, each emoji once, with a name and no skin-tone variant', () => {
    expect(groups.map((g) => g.key)).toEqual([...GROUP_KEYS]);
    expect(all.length).toBeGreaterThan(1_000);
    expect(new Set(all.map((e) => e.char)).size).toBe(all.length);
    for (const e of all) {
      expect(e.name).not.toBe('');
      expect(SKIN_TONES.slice(1).some((t) => e.char.includes(t))).toBe(false);
    }
  });

  it('finds emoji by the start of their words, names that start with the query first', () => {
    expect(searchEmoji(groups, 'thu up').map((e) => e.name)).toEqual(['thumbs up']);
    const hearts = searchEmoji(groups, 'Heart').map((e) => e.name);
    expect(hearts.length).toBeGreaterThan(10);
    expect(hearts[0]?.startsWith('heart')).toBe(true);
    expect(hearts).toContain('red heart');
    // Inside a word is no match: "art" finds "artist", not "heart".
    expect(searchEmoji(groups, 'art').map((e) => e.name)).not.toContain('red heart');
    expect(searchEmoji(groups, '   ')).toEqual([]);
    expect(searchEmoji(groups, 'zzzz-no-such-emoji')).toEqual([]);
  });

  it('applies a skin tone to the emoji that take one, as Unicode writes it', () => {
    const medium = 3;
    const wave = byName('waving hand');
    const heart = byName('red heart');
    expect(wave?.toned).toBe(true);
    expect(heart?.toned).toBe(false);
    expect(wave && withTone(wave, medium)).toBe('👋\u{1F3FD}');
    expect(heart && withTone(heart, medium)).toBe(heart?.char);
    expect(wave && withTone(wave, 0)).toBe('👋');
    // Each person of a pair, and a variation selector after the base goes.
    expect(toneOf('👩‍❤️‍💋‍👨', SKIN_TONES[5])).toBe('👩\u{1F3FF}‍❤️‍💋‍👨\u{1F3FF}');
    expect(byName('kiss: woman, man')?.toned).toBe(true);
    expect(toneOf('☝️', SKIN_TONES[1])).toBe('☝\u{1F3FB}');
  });

  it('reads the default tone where there is no storage', () => {
    expect(storedTone('ann')).toBe(0);
  });
});
