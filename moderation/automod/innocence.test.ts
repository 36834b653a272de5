// The innocence rules, each on its own, and the held-out innocent suite (written before the
// rules, never tuned against): what the rules let through must stay profane.
import { describe, expect, it } from 'vitest';
import { HELD_OUT_INNOCENT } from './held-out-suite.js';
import { normalize } from './normalize.js';
import { findProfanity } from './profanity.js';

const words = (text: string): string[] => [...new Set(findProfanity(normalize(text)).map((m) => m.word))];

describe('word boundaries', () => {
  it.each(['Dickens', 'cockpit', 'Cumbria', 'niggardly', 'Hancock', 'cumin'])(
    'leaves a listed stem inside another word alone: %j',
    (text) => {
      expect(words(text)).toEqual([]);
    },
  );

  it.each(['bullshit', 'motherfucker', 'dickhead', 'shitty', 'fuckers', 'cocksucker', 'shithole', 'fuckwit'])(
    'still flags a profane compound: %j',
    (text) => {
      expect(words(text)).not.toEqual([]);
    },
  );

  it('judges words across a space each on their own', () => {
    expect(words('the pen is mightier')).toEqual([]);
    expect(words('pen island')).toEqual([]);
  });
});

describe('context', () => {
  it('reads a spelling with an innocent sense near nature and food words innocently', () => {
    expect(words('a cock pheasant in the field')).toEqual([]);
    expect(words('pussy willow catkins')).toEqual([]);
    expect(words('spotted dick with custard')).toEqual([]);
  });

  it('reads its collocations innocently', () => {
    expect(words('a chink in the armour')).toEqual([]);
    expect(words('summa cum laude')).toEqual([]);
  });

  it('does not excuse a word without an innocent sense near the same words', () => {
    expect(words('fuck the pheasant')).toEqual(['fuck']);
    expect(words('cunt soup')).toEqual(['cunt']);
  });

  it('flags the same spelling without that context', () => {
    expect(words('suck my cock')).toContain('cock');
    expect(words('nice tits')).not.toEqual([]);
    expect(words('a chink')).not.toEqual([]);
  });
});

describe('names', () => {
  it('reads a capitalised spelling with an innocent sense within a name as a name', () => {
    expect(words('Moby Dick')).toEqual([]);
    expect(words('I met Dick Smith')).toEqual([]);
  });

  it('reads a capitalised word after a common given name as a surname, unless a slur', () => {
    expect(words('Thomas Kuntz')).toEqual([]);
    expect(words('Thomas Nigger')).not.toEqual([]);
  });

  it('needs capitals as written, and a neighbour that is no profane part', () => {
    expect(words('moby dick')).not.toEqual([]);
    expect(words('DICK SMITH')).not.toEqual([]);
    expect(words('You Dick Head')).not.toEqual([]);
    expect(words('Fuck You')).not.toEqual([]);
  });
});

describe('the held-out innocent suite', () => {
  it('has at least 60 phrases', () => {
    expect(HELD_OUT_INNOCENT.length).toBeGreaterThanOrEqual(60);
  });

  // 7 of 70 at the time of writing (26 before the rules): a regression guard, not a target.
  it('flags at most one phrase in eight at the default severity', () => {
    const flagged = HELD_OUT_INNOCENT.filter((text) => findProfanity(normalize(text)).length > 0);
    expect(flagged.length / HELD_OUT_INNOCENT.length, JSON.stringify(flagged)).toBeLessThanOrEqual(0.125);
  });
});
