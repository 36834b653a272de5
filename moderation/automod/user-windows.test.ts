// Flood and duplicate state: sliding windows per user, and memory that stays bounded however
// many users come and go.
import { describe, expect, it } from 'vitest';
import { DuplicateTracker, FloodTracker } from './user-windows.js';

const options = { windowMs: 10_000, maxUsers: 100 };

describe('FloodTracker', () => {
  it("counts a user's messages within the window, up to one past the limit", () => {
    const flood = new FloodTracker(3, options);
    expect([0, 1, 2, 3, 4].map((i) => flood.record('ann', i * 1000))).toEqual([1, 2, 3, 4, 4]);
    expect(flood.record('bob', 5000)).toBe(1);
  });

  it('forgets messages older than the window', () => {
    const flood = new FloodTracker(3, options);
    for (let i = 0; i < 4; i++) flood.record('ann', i);
    expect(flood.record('ann', 10_002)).toBe(2);
  });
});

describe('DuplicateTracker', () => {
  it('counts the same text from the same user within the window', () => {
    const dup = new DuplicateTracker(3, options);
    expect(dup.record('ann', 'hello', 0)).toBe(1);
    expect(dup.record('ann', 'other', 1)).toBe(1);
    expect(dup.record('bob', 'hello', 2)).toBe(1);
    expect(dup.record('ann', 'hello', 3)).toBe(2);
    expect(dup.record('ann', 'hello', 4)).toBe(3);
    expect(dup.record('ann', 'hello', 10_001)).toBe(3);
    expect(dup.record('ann', 'hello', 30_000)).toBe(1);
  });

  it('looks back over a bounded number of messages', () => {
    const dup = new DuplicateTracker(2, options);
    dup.record('ann', 'hello', 0);
    for (let i = 1; i <= 16; i++) dup.record('ann', `filler ${i}`, i);
    expect(dup.record('ann', 'hello', 20)).toBe(1);
  });
});

describe('bounded memory', () => {
  it('keeps at most maxUsers users, dropping the least recently active', () => {
    const flood = new FloodTracker(5, { windowMs: 60_000, maxUsers: 50 });
    for (let i = 0; i < 10_000; i++) flood.record(`user${i}`, i);
    expect(flood.trackedUsers).toBe(50);
    // The latest users are remembered, the first ones forgotten.
    expect(flood.record('user9999', 10_000)).toBe(2);
    expect(flood.record('user0', 10_001)).toBe(1);
  });

  it('drops users idle for a whole window as others arrive', () => {
    const dup = new DuplicateTracker(3, { windowMs: 1000, maxUsers: 10_000 });
    for (let i = 0; i < 500; i++) dup.record(`user${i}`, 'hi', i);
    expect(dup.trackedUsers).toBe(500);
    dup.record('late', 'hi', 5000);
    expect(dup.trackedUsers).toBe(1);
  });

  it('keeps an active user that would otherwise be dropped first', () => {
    const flood = new FloodTracker(5, { windowMs: 60_000, maxUsers: 3 });
    flood.record('ann', 0);
    flood.record('bob', 1);
    flood.record('cat', 2);
    flood.record('ann', 3);
    flood.record('dan', 4);
    expect(flood.record('ann', 5)).toBe(3);
    expect(flood.record('bob', 6)).toBe(1);
  });
});
