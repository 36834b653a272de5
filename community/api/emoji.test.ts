// Reaction names: one unicode emoji, and none of the keys or paths a query could be built from.
import { describe, expect, it } from 'vitest';
import { isEmoji } from './emoji.js';

describe('isEmoji', () => {
  it.each(['👍', '❤️', '🎉', '👍🏽', '👩‍💻', '👨‍👩‍👧', '🇫🇷', '1️⃣', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '☕'])('accepts %s', (emoji) => {
    expect(isEmoji(emoji)).toBe(true);
  });

  it.each([
    '$ne',
    'a.b',
    '__proto__',
    'constructor',
    'prototype',
    'x',
    '1',
    '👍👍',
    '👍 ',
    ' 👍',
    '👍.',
    '',
    '<b>',
  ])('refuses %j', (name) => {
    expect(isEmoji(name)).toBe(false);
  });
});
