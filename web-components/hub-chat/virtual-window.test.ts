import { describe, expect, it } from 'vitest';
import { windowSlots, type WindowSlot } from './virtual-window.js';

const rows = (slots: WindowSlot[]) =>
  slots.filter((s) => 'index' in s).map((s) => ('index' in s ? s.index : -1));
const gaps = (slots: WindowSlot[]) => slots.filter((s) => 'gap' in s).map((s) => ('gap' in s ? s.gap : 0));

describe('windowSlots', () => {
  const heights = Array.from({ length: 2_000 }, () => 50);

  it('renders the rows in and near the viewport, and spacers of the exact height for the rest', () => {
    const slots = windowSlots(heights, 50_000, 500, 500);
    expect(rows(slots)).toEqual(Array.from({ length: 30 }, (_, i) => 990 + i));
    expect(gaps(slots)).toEqual([990 * 50, (2_000 - 1_020) * 50]);
    const total = slots.reduce((sum, s) => sum + ('gap' in s ? s.gap : (heights[s.index] ?? 0)), 0);
    expect(total).toBe(2_000 * 50);
  });

  it('keeps pinned rows (the focused message) wherever they are, between spacers', () => {
    const slots = windowSlots(heights, 0, 500, 500, [1_500]);
    expect(rows(slots)).toEqual([...Array.from({ length: 20 }, (_, i) => i), 1_500]);
    expect(gaps(slots)).toEqual([(1_500 - 20) * 50, 499 * 50]);
  });

  it('bounds the rows rendered whatever the heights say, keeping the viewport', () => {
    const tiny = Array.from({ length: 2_000 }, () => 1);
    const slots = windowSlots(tiny, 1_000, 500, 500, [], 120);
    expect(rows(slots)).toHaveLength(120);
    expect(rows(slots)[0]).toBeLessThanOrEqual(1_000);
    expect(rows(slots).at(-1)).toBeGreaterThan(1_000);
  });

  it('renders the last rows at the bottom and nothing for an empty list', () => {
    expect(rows(windowSlots(heights, 2_000 * 50 - 500, 500, 500)).at(-1)).toBe(1_999);
    expect(windowSlots([], 0, 500, 500)).toEqual([]);
  });
});
