import { describe, expect, it } from 'vitest';
import { spamAssassinSplit, SPAM_ASSASSIN_DEV_FRACTION } from './evaluate-spam-assassin.js';
import { loadSpamAssassin } from './spam-assassin-dataset.js';

const examples = loadSpamAssassin();

describe('the SpamAssassin corpus as a second held-out set', () => {
  it('reads every group as text, labelled by group, each distinct text once', () => {
    const groups = new Set(examples.map((example) => example.group));
    expect([...groups].sort()).toEqual(['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2']);
    for (const example of examples) expect(example.spam).toBe(example.group.startsWith('spam'));
    expect(new Set(examples.map((example) => example.message)).size).toBe(examples.length);
    // Duplicates across groups are dropped, but not much more: the corpus has 6,046 e-mails.
    expect(examples.length).toBeGreaterThan(5_800);
    expect(examples.every((example) => example.message.length > 0)).toBe(true);
    // Headers are gone: no text starts with a Received or Return-Path line (a body may quote one).
    expect(
      examples.filter((example) => /^(received|return-path|from \S+@)/i.test(example.message)),
    ).toHaveLength(0);
  });

  it('splits once, stratified, into a development half and the reported test half', () => {
    const { development, test } = spamAssassinSplit(examples);
    expect(new Set([...development, ...test]).size).toBe(examples.length);
    expect(development.length / examples.length).toBeCloseTo(SPAM_ASSASSIN_DEV_FRACTION, 2);
    const spamShare = (positions: readonly number[]) =>
      positions.filter((i) => examples[i]?.spam).length / positions.length;
    expect(spamShare(test)).toBeCloseTo(spamShare(development), 2);
    expect(spamAssassinSplit(examples)).toEqual({ development, test });
  });
});
