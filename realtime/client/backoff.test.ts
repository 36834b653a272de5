import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('doubles the ceiling of the window from minMs up to maxMs', () => {
    const highest = new Backoff({ minMs: 100, maxMs: 1_000, random: () => 1 });
    expect(Array.from({ length: 6 }, () => highest.next())).toEqual([200, 400, 800, 1_000, 1_000, 1_000]);
    expect(highest.attempts).toBe(6);
  });

  it('never waits less than minMs', () => {
    const lowest = new Backoff({ minMs: 100, maxMs: 1_000, random: () => 0 });
    expect(Array.from({ length: 4 }, () => lowest.next())).toEqual([100, 100, 100, 100]);
  });

  it('spreads delays over the whole window (full jitter)', () => {
    const half = new Backoff({ minMs: 100, maxMs: 10_000, random: () => 0.5 });
    expect([half.next(), half.next(), half.next()]).toEqual([150, 250, 450]);
    const real = new Backoff({ minMs: 100, maxMs: 10_000 });
    for (let i = 0; i < 3; i++) real.next();
    const delays = Array.from({ length: 200 }, () => {
      const b = new Backoff({ minMs: 100, maxMs: 10_000 });
      b.next();
      return b.next();
    });
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...delays)).toBeLessThanOrEqual(400);
    expect(new Set(delays).size).toBeGreaterThan(50);
  });

  it('starts over after reset', () => {
    const backoff = new Backoff({ minMs: 100, maxMs: 1_000, random: () => 1 });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(200);
  });

  it('stays finite after very many attempts', () => {
    const backoff = new Backoff({ minMs: 100, maxMs: 5_000, random: () => 1 });
    for (let i = 0; i < 2_000; i++) backoff.next();
    expect(backoff.next()).toBe(5_000);
  });
});
