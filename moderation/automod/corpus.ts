// A fixed-seed corpus of varied chat messages and a realistic rule set, for measuring the
// engine: small talk, questions, marketplace talk, long paragraphs, links, mentions, shouting,
// other languages and scripts, spam and (obfuscated) profanity, in proportions meant to look
// like a busy community. Same seed, same corpus.
import type { AutoModConfigInput } from './rules.js';
import type { AutoModMessage } from './engine.js';

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SMALL_TALK = [
  'lol',
  'ok thanks!',
  'see you tomorrow 👋',
  'haha that is great',
  'good morning everyone',
  '👍',
  'sounds good to me',
  'brb',
  'congrats!! 🎉🎉',
  'nooooo way',
  'yessss finally',
  'that was sooooo good',
  'omg',
  'thx',
  'np :)',
  'same here',
  'wait what?',
  'gg',
];

const OPENERS = [
  'Hey all,',
  'Quick question:',
  'Hi folks!',
  'Update:',
  'FYI',
  'Hello there,',
  'So',
  'Honestly,',
];
const MIDDLES = [
  'is the meeting still on for 3pm tomorrow?',
  'I will bring the documents and the slides.',
  'does anyone know a good electrician in Lisbon?',
  'the booking page was down for a few minutes this morning.',
  'my cleaner cancelled twice this week, any recommendations?',
  'we are moving the workshop to Thursday at 18:30.',
  'can someone review my listing before I publish it?',
  'prices went up about 5% since last month.',
  'I paid €120 for a two hour session, is that normal?',
  'the new calendar sync works great with my phone.',
  'thanks for the help with the invoice yesterday.',
  'has anyone tried the new pottery class downtown?',
  'our therapist recommended a short analysis of the classic passage.',
  'the cocktail workshop in Scunthorpe was a blast.',
];
const CLOSERS = ['Thanks!', 'Cheers', '🙏', 'Let me know.', '', '', 'See you there.', ':)'];

const OTHER_LANGUAGES = [
  '¿Alguien sabe de un buen fontanero en Madrid?',
  'Danke für die schnelle Antwort, bis morgen!',
  'Привет всем, как дела? Встреча завтра в 10.',
  '明日の会議は何時からですか？',
  'Merci beaucoup, à demain !',
  'Obrigado pela ajuda com a reserva.',
  'Café com leite às três, combinado?',
];

const LINKS = [
  'check https://example.com/listing/42 for details',
  'docs are at https://github.com/hubbub/automod',
  'watch this youtube.com/watch?v=abc123',
  'new offers at cheap-deals.xyz/promo',
  'join discord.gg/abcdef for free stuff',
  'my portfolio: www.janedoe-design.com',
  'see hxxps://evil[.]ru/login to claim',
];

const SPAM = [
  'FREE NITRO at discord.gift/xyz claim now',
  'buy followers cheap, dm me',
  'crypto giveaway!!! send 0.1 btc get 1 back',
  'work from home and earn $5000 a week',
  'hot singles in your area',
];

const PROFANE = [
  'this is fucking great',
  'what the fuck',
  'shit happens',
  'you are such a b1tch',
  'f u c k this',
  'sh1t sh1t sh1t',
  'fuuuuuck',
  'what an a$$hole',
  'stop being a dick',
  'ｆｕｃｋ off',
];

const SHOUTING = ['THIS IS AMAZING!!!', 'WHY IS NOBODY ANSWERING MY QUESTION', 'STOP POSTING THE SAME THING'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

export interface CorpusMessage {
  message: AutoModMessage;
  roleIds: string[];
  /** Milliseconds since the corpus started. */
  at: number;
}

const USERS = 300;
const CHANNELS = 12;

/** `count` messages from a few hundred users in a dozen channels, ~20 per second. */
export function buildCorpus(count: number, seed = 42): CorpusMessage[] {
  const random = seededRandom(seed);
  const corpus: CorpusMessage[] = [];
  let at = 0;
  let previous = '';
  for (let i = 0; i < count; i++) {
    at += Math.floor(random() * 100);
    const author = `user${Math.floor(random() ** 2 * USERS)}`;
    const roll = random();
    let body: string;
    if (roll < 0.28) body = pick(random, SMALL_TALK);
    else if (roll < 0.6)
      body = `${pick(random, OPENERS)} ${pick(random, MIDDLES)} ${pick(random, CLOSERS)}`.trim();
    else if (roll < 0.66) {
      const sentences = 5 + Math.floor(random() * 25);
      body = Array.from({ length: sentences }, () => pick(random, MIDDLES)).join(' ');
    } else if (roll < 0.72) body = pick(random, LINKS);
    else if (roll < 0.78) {
      const mentions = 1 + Math.floor(random() * 8);
      body = `${Array.from({ length: mentions }, () => `<@user${Math.floor(random() * USERS)}>`).join(' ')} ${pick(random, MIDDLES)}`;
    } else if (roll < 0.83) body = pick(random, PROFANE);
    else if (roll < 0.85) body = pick(random, SHOUTING);
    else if (roll < 0.9) body = pick(random, OTHER_LANGUAGES);
    else if (roll < 0.93) body = pick(random, SPAM);
    else if (roll < 0.96) body = previous || pick(random, SMALL_TALK);
    else body = `${pick(random, MIDDLES)} @everyone`;
    previous = body;
    corpus.push({
      message: { body, authorId: author, channelId: `channel${Math.floor(random() * CHANNELS)}` },
      roleIds: random() < 0.05 ? ['role-moderator'] : ['role-member'],
      at,
    });
  }
  return corpus;
}

const SPAM_KEYWORDS = [
  'free nitro',
  'nitro giveaway',
  'discord.gift',
  'steamcommunity.ru',
  'buy followers',
  'cheap followers',
  'crypto giveaway',
  'double your btc',
  'send btc',
  'earn $*',
  'work from home',
  'hot singles',
  'onlyfans',
  'telegram me',
  'whatsapp me',
  'dm me for*',
  'click here',
  'limited offer',
  'airdrop',
  'seed phrase',
  'wallet connect',
  'investment opportunity',
  'guaranteed profit',
  'forex signals',
  'casino bonus',
  'betting tips',
  'viagra',
  'cialis',
  'escort*',
  '*scam*',
  'pyramid*',
  'mlm',
  '*giveaway',
  'claim now',
  'verify your account',
  'account suspended',
  'password reset link',
  'gift card*',
  'paypal me',
  'cash app',
];

/**
 * A rule set like a busy community's: profanity (strong words blocked, slurs also time out),
 * ~200 spam keywords, three regular expressions, mention spam, links to listed domains only,
 * shouting, duplicates and flood.
 */
export function realisticConfig(): AutoModConfigInput {
  // Pad the keyword list to a realistic size with brand-impersonation entries.
  const brands = [
    'paypal',
    'steam',
    'discord',
    'netflix',
    'amazon',
    'apple',
    'google',
    'spotify',
    'roblox',
    'epic',
  ];
  const lures = [
    'free',
    'support',
    'giveaway',
    'refund',
    'verify',
    'login',
    'gift',
    'promo',
    'bonus',
    'prize',
    'hack',
    'crack',
    'generator',
    'unlock',
    'admin',
    'team',
  ];
  const keywords = [...SPAM_KEYWORDS];
  for (const brand of brands) for (const lure of lures) keywords.push(`${brand} ${lure}`);
  return {
    rules: [
      {
        name: 'strong language',
        kind: 'profanity',
        minSeverity: 'strong',
        allow: ['scunthorpe'],
        actions: [{ type: 'block', reason: 'Please keep it civil.' }],
        exemptRoleIds: ['role-moderator'],
      },
      {
        name: 'slurs',
        kind: 'profanity',
        minSeverity: 'slur',
        actions: [
          { type: 'block', reason: 'Slurs are not allowed here.' },
          { type: 'alert' },
          { type: 'timeout', durationS: 600 },
        ],
      },
      {
        name: 'spam phrases',
        kind: 'keyword',
        keywords: keywords.slice(0, 200),
        allow: ['nitrogen'],
        actions: [{ type: 'hide' }, { type: 'alert' }],
      },
      {
        name: 'invites and wallets',
        kind: 'regex',
        patterns: [
          'discord(?:\\.gg|app\\.com/invite)/\\w+',
          '\\b(?:bc1|[13])[a-hj-np-z0-9]{25,39}\\b',
          '\\+?\\d{2,3}[ -]?\\d{3}[ -]?\\d{3,4}[ -]?\\d{3,4}',
        ],
        actions: [{ type: 'block', reason: 'Invites, wallets and phone numbers are not allowed.' }],
      },
      {
        name: 'mention spam',
        kind: 'mentions',
        maxMentions: 5,
        actions: [
          { type: 'block', reason: 'Too many mentions.' },
          { type: 'timeout', durationS: 60 },
        ],
      },
      {
        name: 'links',
        kind: 'links',
        policy: 'allow_listed',
        domains: ['example.com', 'github.com', 'youtube.com', 'marketplace.example'],
        actions: [{ type: 'hide' }],
        exemptChannelIds: ['channel0'],
      },
      { name: 'shouting', kind: 'caps', maxRatio: 0.8, minLetters: 15, actions: [{ type: 'alert' }] },
      {
        name: 'repeats',
        kind: 'duplicates',
        times: 3,
        windowMs: 30_000,
        actions: [{ type: 'block', reason: 'You already said that.' }],
      },
      {
        name: 'flood',
        kind: 'flood',
        maxMessages: 8,
        windowMs: 10_000,
        actions: [
          { type: 'block', reason: 'Slow down.' },
          { type: 'timeout', durationS: 300 },
        ],
      },
    ],
  };
}
