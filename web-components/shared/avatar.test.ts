// Avatars: initials, a colour that depends only on the id, and white initials readable on every
// colour of the palette (WCAG AA, 4.5:1).
import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS, avatarColour, initials } from './avatar.js';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('avatar', () => {
  it('takes up to two initials', () => {
    expect(initials('Ada Lovelace King')).toBe('AL');
    expect(initials('zoë')).toBe('Z');
  });

  it('gives an id the same colour every time, and spreads ids over the palette', () => {
    expect(avatarColour('demo-member-2')).toBe(avatarColour('demo-member-2'));
    const used = new Set(Array.from({ length: 64 }, (_, i) => avatarColour(`user-${i}`)));
    expect(used.size).toBe(AVATAR_COLOURS.length);
  });

  it('keeps white initials at AA contrast on every colour', () => {
    for (const colour of AVATAR_COLOURS)
      expect(1.05 / (luminance(colour) + 0.05), colour).toBeGreaterThanOrEqual(4.5);
  });
});
