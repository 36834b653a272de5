import { describe, expect, it } from 'vitest';
import { fold, toIcs } from './ics.js';

describe('iCalendar export', () => {
  const base = {
    uid: 'abc@hubbub',
    title: 'Ask me anything; pricing, tips',
    description: 'Line one\nLine two',
    startsAt: new Date('2026-12-01T18:00:00Z'),
    durationMin: 90,
    url: 'https://example.test/live/abc',
    cancelled: false,
    updatedAt: new Date('2026-11-22T10:00:00Z'),
    organizer: 'Ada "the host"',
  };

  it('writes one VEVENT with UTC times, escaped text and CRLF line ends', () => {
    const ics = toIcs(base);
    expect(ics.endsWith('\r\n')).toBe(true);
    const lines = ics.split('\r\n');
    expect(lines).toContain('DTSTART:20261201T180000Z');
    expect(lines).toContain('DTEND:20261201T193000Z');
    expect(lines).toContain('SUMMARY:Ask me anything\\; pricing\\, tips');
    expect(lines).toContain('DESCRIPTION:Line one\\nLine two');
    expect(lines).toContain('ORGANIZER;CN="Ada the host":mailto:noreply@hubbub.invalid');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  });

  it('marks a cancelled session CANCELLED', () => {
    expect(toIcs({ ...base, cancelled: true })).toContain('STATUS:CANCELLED\r\n');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = fold(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });
});
