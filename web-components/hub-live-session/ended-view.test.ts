// How long an ended session ran, in words: to the minute, hours past the hour, each language's
// plurals from Intl's units.
import { describe, expect, it } from 'vitest';
import { ranFor } from './ended-view.js';

describe('ranFor', () => {
  it('says at least a minute, rounded to the minute', () => {
    expect(ranFor('en', 3)).toBe('1 minute');
    expect(ranFor('en', 89)).toBe('1 minute');
    expect(ranFor('en', 91)).toBe('2 minutes');
    expect(ranFor('en', 45 * 60)).toBe('45 minutes');
  });

  it('counts hours and the minutes past them', () => {
    expect(ranFor('en', 3600)).toBe('1 hour');
    expect(ranFor('en', 2 * 3600)).toBe('2 hours');
    expect(ranFor('en', 3600 + 5 * 60)).toBe('1 hour 5 minutes');
  });

  it('speaks the locale', () => {
    expect(ranFor('fr', 60)).toBe('1 minute');
    // Intl separates a number from its French unit with a no-break space.
    expect(ranFor('fr', 2 * 3600 + 60)).toMatch(/^2\sheures 1\sminute$/);
  });
});
