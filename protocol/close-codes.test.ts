import { describe, expect, it } from 'vitest';
import { CloseCodes, RECONNECT_RANGE, shouldReconnect, STOP_RANGE } from './close-codes.js';

describe('close-code registry', () => {
  const entries = Object.entries(CloseCodes);

  it('never gives two meanings the same code', () => {
    const codes = entries.map(([, c]) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('keeps every code inside the reconnect or the stop range', () => {
    for (const [name, { code }] of entries) {
      const inRange =
        (code >= RECONNECT_RANGE.from && code <= RECONNECT_RANGE.to) ||
        (code >= STOP_RANGE.from && code <= STOP_RANGE.to);
      expect(inRange, name).toBe(true);
    }
  });

  it('tells clients to reconnect on transient closes and to stop on final ones', () => {
    expect(shouldReconnect(CloseCodes.SHUTDOWN.code)).toBe(true);
    expect(shouldReconnect(CloseCodes.TOKEN_EXPIRED.code)).toBe(true);
    expect(shouldReconnect(CloseCodes.INVALID_TOKEN.code)).toBe(false);
    expect(shouldReconnect(CloseCodes.FORBIDDEN.code)).toBe(false);
    expect(shouldReconnect(1006)).toBe(true);
    expect(shouldReconnect(1012)).toBe(true);
    expect(shouldReconnect(1000)).toBe(false);
    expect(shouldReconnect(1008)).toBe(false);
  });
});
