// Counting mentions and capitals, the inputs of the mention-spam and shouting rules.
import { describe, expect, it } from 'vitest';
import { countCapitals } from './caps.js';
import { countMentions } from './mentions.js';

describe('countMentions', () => {
  it('counts distinct users, roles and @everyone/@here from the body', () => {
    expect(countMentions('<@ann> <@bob> <@ann> <@!bob>')).toBe(2);
    expect(countMentions('<@&5f1d7c3a9b8e4d2f1a0b9c8d> <@ann>')).toBe(2);
    expect(countMentions('@everyone and @here, @everyone')).toBe(2);
    expect(countMentions('mail@everyone.com')).toBe(0);
    expect(countMentions('no mentions')).toBe(0);
  });

  it("prefers the hub's parse when given", () => {
    const parsed = { userIds: ['ann', 'bob', 'ann'], roleIds: ['r1'], everyone: true };
    expect(countMentions('<@x> <@y> <@z> <@w> <@v> <@u>', parsed)).toBe(4);
  });
});

describe('countCapitals', () => {
  it('counts letters and capitals, accents and other scripts included', () => {
    expect(countCapitals('HELLO there')).toEqual({ letters: 10, capitals: 5 });
    expect(countCapitals('ÉCOLE Привет')).toEqual({ letters: 11, capitals: 6 });
  });

  it('leaves out mentions, links and caseless letters', () => {
    expect(countCapitals('<@ABCDEF> https://EXAMPLE.COM/ABC hi')).toEqual({ letters: 2, capitals: 0 });
    expect(countCapitals('日本語 OK')).toEqual({ letters: 2, capitals: 2 });
  });
});
