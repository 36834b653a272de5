// Normalization, one row per technique: what a message becomes before matching, and what must
// stay as it is.
import { describe, expect, it } from 'vitest';
import { foldText, joinSpacedLetters, normalize, normalizeTerm } from './normalize.js';

describe('foldText', () => {
  it.each([
    ['NFKC: full-width', 'ｆｕｃｋ', 'fuck'],
    ['NFKC: mathematical bold', '𝐟𝐮𝐜𝐤', 'fuck'],
    ['NFKC: circled', 'ⓕⓤⓒⓚ', 'fuck'],
    ['NFKC: ligature', 'ﬁne', 'fine'],
    ['enclosed capitals', '🅵🆄🅲🅺', 'fuck'],
    ['regional indicators', '🇫🇺🇨🇰', 'fuck'],
    ['lower case', 'HeLLo', 'hello'],
    ['accents', 'fück façade Ångström', 'fuck facade angstrom'],
    ['zero-width space', 'f\u200bu\u200bck', 'fuck'],
    ['zero-width joiner and non-joiner', 'f\u200du\u200cck', 'fuck'],
    ['left-to-right and right-to-left marks', 'f\u200eu\u200fck', 'fuck'],
    ['word joiner and invisible operators', 'f\u2060u\u2062c\u2064k', 'fuck'],
    ['byte order mark', '\ufefffuck', 'fuck'],
    ['soft hyphen', 'fu\u00adck', 'fuck'],
    ['combining marks', 'f\u0336u\u0336c\u0336k\u0336', 'fuck'],
    ['Cyrillic look-alikes', 'ѕһіт саr рoх', 'shit car pox'],
    ['Cyrillic upper case', 'НЕLLО', 'hello'],
    ['Greek look-alikes', 'fυck ΑΒΕ', 'fuck abe'],
    ['small capitals', 'ᴄᴜɴᴛ', 'cunt'],
    ['whitespace collapsed', '  a \t b\n\nc  ', 'a b c'],
  ])('%s', (_name, input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('keeps the letters of other scripts that look like no Latin letter', () => {
    // е and т are look-alikes, ж, л, ы and и are not; й loses its breve like any accent.
    expect(foldText('Жёлтый 日本語')).toBe('жeлtыи 日本語');
  });
});

describe('joinSpacedLetters', () => {
  it.each([
    ['f u c k', 'fuck'],
    ['f.u.c.k', 'fuck'],
    ['f-u-c-k', 'fuck'],
    ['f_u_c_k', 'fuck'],
    ['f*u*c*k', 'fuck'],
    ['f - u - c - k', 'fuck'],
    ['f u c k you', 'fuck you'],
    ['you f u c k!', 'you fuck!'],
    ['$ h ! t', '$h!t'],
    ['s-h-1-t', 'sh1t'],
    ['5_h_1_7', '5h17'],
    ['@_$_$', '@$$'],
    ['sh-i-t', 'shit'],
    ['f_u_ck off', 'fuck off'],
    ['ph_u_c_k', 'phuck'],
    ['f|u|c|k', 'fuck'],
    ['f+u+c+k', 'fuck'],
    ['f\u2014u\u2014c\u2014k', 'fuck'],
    ['b\u00b7i\u00b7t\u00b7c\u00b7h', 'bitch'],
  ])('joins %j', (input, expected) => {
    expect(joinSpacedLetters(input)).toBe(expected);
  });

  it.each([
    ['a cat sat', 'words stay apart'],
    ['i am ok', 'one lone letter'],
    ['plan a b or c', 'two lone letters'],
    ['e.g. this', 'an abbreviation of two letters'],
    ['version 1.2.3', 'digits only'],
    ['a, b, c', 'a comma is no separator'],
    ['fu ck', 'letters in pairs'],
    ['oh i see', 'a pair between spaces'],
    ['co-op', 'two pairs'],
    ['mm-dd-yy', 'pairs only'],
    ['3 x 4', 'one letter among digits'],
  ])('leaves %j alone (%s)', (input) => {
    expect(joinSpacedLetters(input)).toBe(input);
  });
});

describe('normalize', () => {
  it('returns the literal form first, then the leet reading', () => {
    expect(normalize('sh1t').variants).toEqual(['sh1t', 'shit', 'shlt']);
  });

  it.each([
    ['a$$hole', 'asshole'],
    ['@$$', 'ass'],
    ['b!tch', 'bitch'],
    ['5h1t', 'shit'],
    ['c0ck', 'cock'],
    ['wh0r3', 'whore'],
    ['sl|_|t', 'slut'],
    ['b€tch', 'betch'],
    ['shi+', 'shit'],
    ['455hole', 'asshole'],
  ])('reads %j as leetspeak', (input, expected) => {
    expect(normalize(input).variants).toContain(expected);
  });

  it.each([
    ['hello!', 'punctuation after a word'],
    ['c++ rocks', 'a symbol after a letter that is no letter'],
    ['meet at 3pm on the 2nd', 'times and ordinals'],
    ['it costs $100 or €120', 'prices'],
    ['(hi)', 'brackets'],
    ['id=480 and t=1796621041938.480', 'numbers joined to a word by punctuation'],
  ])('does not read %j as leetspeak (%s)', (input) => {
    expect(normalize(input).variants).toEqual([foldText(input)]);
  });

  it('caps elongations at two letters and adds a variant cut to one', () => {
    const n = normalize('fuuuuuuck yeahhhh');
    expect(n.variants).toEqual(['fuuck yeahh', 'fuck yeah']);
    expect(n.firstSqueezed).toBe(1);
  });

  it('leaves double letters alone', () => {
    expect(normalize('good cool class').variants).toEqual(['good cool class']);
  });

  it('keeps the folded text for regular expressions', () => {
    expect(normalize('F u c k  THIS').base).toBe('f u c k this');
  });

  it('gives the same fingerprint to spellings of the same message', () => {
    const fingerprints = ['Sh1t!!', 'shiiiit', 'SHIT', 's h i t', 'ѕһіт'].map(
      (t) => normalize(t).fingerprint,
    );
    expect(new Set(fingerprints)).toEqual(new Set(['shit']));
  });

  it('gives a message without letters a fingerprint all the same', () => {
    expect(normalize('🎉🎉').fingerprint).toBe('🎉🎉');
  });

  it('normalizes a term exactly like the first variant of a message', () => {
    for (const text of ['F U C K', 'Fuuuuck', 'Ｆｏｏ Bar', 'ѕһіт']) {
      expect(normalizeTerm(text)).toBe(normalize(text).variants[0]);
    }
  });

  // Its speed on such input is measured by `npm run bench:moderation` (hostileMaxUs).
  it('handles long and hostile input', () => {
    const hostile = [
      'a'.repeat(4000),
      'a b '.repeat(1000),
      '1'.repeat(4000),
      '$!|'.repeat(1300),
      'ä'.repeat(4000),
    ];
    for (const text of hostile) expect(() => normalize(text)).not.toThrow();
  });
});
