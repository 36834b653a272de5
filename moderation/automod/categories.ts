// AutoMod's categories, as Twitch's AutoMod has them: each finding of a message belongs to one
// category (identity attacks, sexual content, aggression, profanity, spam) with a strength from
// 1 (mild) to 4 (most severe). A community sets a level from 0 (off) to 4 (strictest) per
// category; a finding is caught when its strength is at least 5 − level, so level 1 catches
// only the most severe findings and level 4 everything the category knows.
import { countCapitals } from './caps.js';
import type { NormalizedText } from './normalize.js';
import type { ProfanityMatch } from './profanity.js';

export const CATEGORIES = ['identity', 'sexual', 'aggression', 'profanity', 'spam'] as const;
export type Category = (typeof CATEGORIES)[number];
export const MAX_LEVEL = 4;
export type Strength = 1 | 2 | 3 | 4;

export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  identity: 'identity attacks',
  sexual: 'sexual content',
  aggression: 'aggression',
  profanity: 'profanity',
  spam: 'spam',
};

export interface Finding {
  category: Category;
  strength: Strength;
  /** What was found, for moderators: a listed word, a phrase, a spam signal. */
  what: string;
}

/** Whether a community's level for the category catches a finding of this strength. */
export function caughtAt(level: number, strength: Strength): boolean {
  return level > 0 && strength >= MAX_LEVEL + 1 - level;
}

// ---- listed words ---------------------------------------------------------------------------

/** Stems of listed words by category and strength; a listed word no stem names is profanity 2. */
const WORD_CATEGORIES: readonly (readonly [Category, Strength, readonly string[]])[] = [
  ['sexual', 4, ['rape', 'incest', 'bestial', 'pedo', 'paedo']],
  ['aggression', 3, ['bitch', 'biatch', 'whore', 'slut', 'twat']],
  ['aggression', 2, ['bastard', 'basterd', 'tosser', 'douche', 'wank', 'prick', 'cuck', 'jerkoff']],
  ['profanity', 3, ['cunt', 'kunt']],
  [
    'sexual',
    3,
    [
      'anal',
      'blowjob',
      'buttplug',
      'cawk',
      'cock',
      'cok',
      'cum',
      'deepthroat',
      'dick',
      'dildo',
      'doggystyle',
      'felch',
      'fellat',
      'fingerbang',
      'fisting',
      'gangbang',
      'handjob',
      'hentai',
      'jism',
      'jiz',
      'kawk',
      'orgy',
      'porn',
      'pussy',
      'schlong',
    ],
  ],
  [
    'sexual',
    2,
    [
      'boner',
      'boob',
      'clit',
      'ejacul',
      'ejakul',
      'horn',
      'hooker',
      'masterb',
      'masturbat',
      'orgasm',
      'penis',
      'pen1s',
      'pube',
      'scrot',
      'semen',
      'sex',
      'testic',
      'tit',
      'vagina',
      'vulva',
    ],
  ],
  ['profanity', 2, ['fuck', 'fuk', 'motherf']],
  [
    'profanity',
    1,
    [
      'anus',
      'arse',
      'ass',
      'bloody',
      'bollock',
      'bollok',
      'bugger',
      'crap',
      'dam',
      'fart',
      'feck',
      'piss',
      'shit',
      'shyt',
      'turd',
    ],
  ],
];

const CATEGORY_OF_WORD = new Map<string, Omit<Finding, 'what'>>();

/** The category of a listed word: slurs attack identities; the rest by the stems above. */
export function categoryOfWord(match: ProfanityMatch): Omit<Finding, 'what'> {
  if (match.severity === 'slur') return { category: 'identity', strength: 4 };
  let known = CATEGORY_OF_WORD.get(match.word);
  if (known === undefined) {
    const w = match.word.replaceAll(' ', '');
    const entry = WORD_CATEGORIES.find(([, , stems]) => stems.some((stem) => w.includes(stem)));
    known = entry ? { category: entry[0], strength: entry[1] } : { category: 'profanity', strength: 2 };
    CATEGORY_OF_WORD.set(match.word, known);
  }
  return known;
}

// ---- aggression -----------------------------------------------------------------------------

/** Threats, urging self-harm and insults, as phrases of normalized words. */
const AGGRESSION: readonly (readonly [Strength, readonly string[]])[] = [
  [
    4,
    [
      'kill yourself',
      'kill urself',
      'kill your self',
      'kys',
      'go die',
      'hope you die',
      'hope u die',
      'you should die',
      'neck yourself',
      'hang yourself',
      'i will kill you',
      'ill kill you',
      'i ll kill you',
      'gonna kill you',
      'going to kill you',
      'i will find you',
      'shoot you',
      'stab you',
      'slit your throat',
      'burn your house',
    ],
  ],
  [
    3,
    ['kill you', 'beat you up', 'punch you', 'smash your face', 'you are dead', 'youre dead', 'you re dead'],
  ],
  [
    2,
    [
      'idiot',
      'idiots',
      'moron',
      'morons',
      'imbecile',
      'cretin',
      'loser',
      'losers',
      'worthless',
      'pathetic',
      'scum',
      'dumbass',
      'jackass',
      'shut up',
      'piece of trash',
      'nobody likes you',
    ],
  ],
  [1, ['stupid', 'dumb', 'stfu', 'noob', 'clown', 'get lost', 'ugly', 'trash', 'lame']],
];

const AGGRESSION_STRENGTH = new Map<string, Strength>();
for (const [strength, phrases] of AGGRESSION) for (const p of phrases) AGGRESSION_STRENGTH.set(p, strength);
const AGGRESSION_PHRASES = new RegExp(
  `\\b(?:${[...AGGRESSION_STRENGTH.keys()]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replaceAll(' ', ' +'))
    .join('|')})\\b`,
  'g',
);

/** Threats and insults in the message's variants, strongest first, each phrase once. */
export function findAggression(text: NormalizedText): Finding[] {
  const found = new Map<string, Strength>();
  for (const variant of text.variants) {
    // Apostrophes are dropped so "i'll" reads "ill" and "you're" "youre".
    const words = variant.includes("'") ? variant.replaceAll("'", '') : variant;
    AGGRESSION_PHRASES.lastIndex = 0;
    for (let m = AGGRESSION_PHRASES.exec(words); m; m = AGGRESSION_PHRASES.exec(words)) {
      const phrase = m[0].replace(/ +/g, ' ');
      const strength = AGGRESSION_STRENGTH.get(phrase);
      if (strength !== undefined) found.set(phrase, strength);
    }
  }
  return [...found]
    .map(([what, strength]): Finding => ({ category: 'aggression', strength, what }))
    .sort((a, b) => b.strength - a.strength);
}

// ---- spam -----------------------------------------------------------------------------------

const SPAM_PHRASES =
  /\b(?:free nitro|free robux|free vbucks|giveaway|click here|dm me|check my bio|link in bio|onlyfans|whatsapp|telegram|crypto|bitcoin|nft|airdrop|investment|earn money|make money|work from home|sub4sub|follow4follow|promo code)\b/;
const REPEATED_CHARACTER = /(.)\1{9,}/;

export interface SpamInputs {
  body: string;
  normalized: NormalizedText;
  links: readonly string[];
  mentions: number;
}

/**
 * The synchronous spam signals, added up into one finding: links (one point each, at most two),
 * a spam phrase (two), five mentions or more (two), shouting (one), a character repeated ten
 * times (one). The asynchronous spam model scores every stored message besides (scoring/).
 */
export function spamFinding({ body, normalized, links, mentions }: SpamInputs): Finding | undefined {
  const signals: string[] = [];
  let points = 0;
  if (links.length > 0) {
    points += Math.min(2, links.length);
    signals.push(`${links.length} link${links.length === 1 ? '' : 's'}`);
  }
  const phrase = normalized.variants.map((v) => SPAM_PHRASES.exec(v)?.[0]).find((p) => p !== undefined);
  if (phrase !== undefined) {
    points += 2;
    signals.push(`"${phrase}"`);
  }
  if (mentions >= 5) {
    points += 2;
    signals.push(`${mentions} mentions`);
  }
  const { letters, capitals } = countCapitals(body);
  if (letters >= 10 && capitals / letters > 0.7) {
    points += 1;
    signals.push('capitals');
  }
  if (REPEATED_CHARACTER.test(body)) {
    points += 1;
    signals.push('a repeated character');
  }
  if (points === 0) return undefined;
  return { category: 'spam', strength: Math.min(MAX_LEVEL, points) as Strength, what: signals.join(', ') };
}
