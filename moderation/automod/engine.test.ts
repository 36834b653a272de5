// The engine end to end: every rule kind, every action, exemptions, how actions combine, the
// injectable clock, bounded state, and hostile messages checked in bounded time.
import { describe, expect, it } from 'vitest';
import { buildCorpus, realisticConfig } from './corpus.js';
import { AutoMod, type AutoModMessage } from './engine.js';
import type { AutoModConfigInput } from './rules.js';

type RuleInput = AutoModConfigInput['rules'][number];

const message = (body: string, extra: Partial<AutoModMessage> = {}): AutoModMessage => ({
  body,
  authorId: 'ann',
  channelId: 'general',
  ...extra,
});
const member = { roleIds: ['member'] };
const hide = [{ type: 'hide' as const }];
const engine = (...rules: RuleInput[]) => new AutoMod({ rules });
const verdict = (automod: AutoMod, body: string, extra: Partial<AutoModMessage> = {}, now = 0) =>
  automod.check(message(body, extra), member, now).verdict;

describe('rule kinds', () => {
  it('keyword', () => {
    const automod = engine({
      name: 'spam',
      kind: 'keyword',
      keywords: ['free nitro', 'scam*'],
      actions: hide,
    });
    expect(verdict(automod, 'get FR33 N1TRO here')).toBe('hide');
    expect(verdict(automod, 'a scammer!')).toBe('hide');
    expect(verdict(automod, 'nitro is not free')).toBe('allow');
    expect(automod.check(message('free nitro'), member, 0).reasons).toEqual([
      { rule: 'spam', kind: 'keyword', detail: 'keyword "free nitro" in "free nitro"' },
    ]);
  });

  it('regex', () => {
    const automod = engine({
      name: 'invites',
      kind: 'regex',
      patterns: ['discord\\.gg/\\w+'],
      actions: hide,
    });
    expect(verdict(automod, 'join DISCORD.GG/abc')).toBe('hide');
    expect(verdict(automod, 'join our server')).toBe('allow');
  });

  it('profanity, from its minimum severity up, with its allow list', () => {
    const automod = engine({
      name: 'language',
      kind: 'profanity',
      minSeverity: 'strong',
      allow: ['cock'],
      actions: hide,
    });
    expect(verdict(automod, 'what the f.u.c.k')).toBe('hide');
    expect(verdict(automod, 'oh shit')).toBe('allow');
    expect(verdict(automod, 'a fine cock crowing')).toBe('allow');
    expect(verdict(automod, 'drinks in Scunthorpe')).toBe('allow');
  });

  it('mentions, from the body or from the hub', () => {
    const automod = engine({ name: 'mentions', kind: 'mentions', maxMentions: 2, actions: hide });
    expect(verdict(automod, '<@a> <@b>')).toBe('allow');
    expect(verdict(automod, '<@a> <@b> @everyone')).toBe('hide');
    expect(verdict(automod, '<@a> <@a> <@a> <@a>')).toBe('allow');
    expect(
      verdict(automod, 'hi', { mentions: { userIds: ['a', 'b', 'c'], roleIds: [], everyone: false } }),
    ).toBe('hide');
  });

  it('links: allow all, block all, allow listed domains', () => {
    const links = (policy: 'allow_all' | 'block_all' | 'allow_listed') =>
      engine({ name: 'links', kind: 'links', policy, domains: ['example.com'], actions: hide });
    expect(verdict(links('allow_all'), 'see evil.com')).toBe('allow');
    expect(verdict(links('block_all'), 'see https://example.com')).toBe('hide');
    expect(verdict(links('block_all'), 'no link here.')).toBe('allow');
    expect(verdict(links('allow_listed'), 'see docs.example.com/x')).toBe('allow');
    expect(verdict(links('allow_listed'), 'see docs.example.com and evil[.]com')).toBe('hide');
    expect(links('allow_listed').check(message('hxxp://evil.com'), member, 0).reasons[0]?.detail).toBe(
      'link to "evil.com", not an allowed domain',
    );
  });

  it('excessive capitals, over a minimum of letters', () => {
    const automod = engine({ name: 'caps', kind: 'caps', maxRatio: 0.7, minLetters: 10, actions: hide });
    expect(verdict(automod, 'WHY IS NOBODY ANSWERING')).toBe('hide');
    expect(verdict(automod, 'OK LOL')).toBe('allow');
    expect(verdict(automod, 'I met NASA and the FBI today')).toBe('allow');
  });

  it('duplicates: the same normalized text from one user N times within the window', () => {
    const automod = engine({ name: 'dup', kind: 'duplicates', times: 3, windowMs: 10_000, actions: hide });
    expect(verdict(automod, 'buy now', {}, 0)).toBe('allow');
    expect(verdict(automod, 'BUY NOW!!', {}, 1000)).toBe('allow');
    expect(verdict(automod, 'buy now', { authorId: 'bob' }, 1500)).toBe('allow');
    expect(verdict(automod, 'b u y  n o w', {}, 2000)).toBe('hide');
    expect(verdict(automod, 'buy now', {}, 30_000)).toBe('allow');
  });

  it('flood: more than N messages from one user within the window', () => {
    const automod = engine({ name: 'flood', kind: 'flood', maxMessages: 3, windowMs: 10_000, actions: hide });
    const verdicts = [0, 1, 2, 3].map((i) => verdict(automod, `message ${i}`, {}, i * 1000));
    expect(verdicts).toEqual(['allow', 'allow', 'allow', 'hide']);
    expect(verdict(automod, 'later', {}, 20_000)).toBe('allow');
    expect(verdict(automod, 'someone else', { authorId: 'bob' }, 3500)).toBe('allow');
  });

  it('skips disabled rules', () => {
    const automod = engine({
      name: 'off',
      kind: 'keyword',
      keywords: ['spam'],
      enabled: false,
      actions: hide,
    });
    expect(verdict(automod, 'spam')).toBe('allow');
  });
});

describe('actions', () => {
  const withActions = (actions: RuleInput['actions']) =>
    engine({ name: 'r', kind: 'keyword', keywords: ['bad'], actions });

  it('block refuses the message with the reason shown to the sender', () => {
    const decision = withActions([{ type: 'block', reason: 'Not here, please.' }]).check(
      message('bad'),
      member,
      0,
    );
    expect(decision).toEqual({
      verdict: 'block',
      reasons: [{ rule: 'r', kind: 'keyword', detail: 'keyword "bad" in "bad"' }],
      actions: [{ type: 'block', reason: 'Not here, please.', rule: 'r' }],
      alert: false,
      blockReason: 'Not here, please.',
    });
  });

  it('hide publishes hidden', () => {
    expect(withActions([{ type: 'hide' }]).check(message('bad'), member, 0)).toMatchObject({
      verdict: 'hide',
      alert: false,
    });
  });

  it('alert notifies moderators and lets the message through', () => {
    expect(withActions([{ type: 'alert' }]).check(message('bad'), member, 0)).toMatchObject({
      verdict: 'allow',
      alert: true,
    });
  });

  it('timeout times the sender out', () => {
    const decision = withActions([{ type: 'timeout', durationS: 60 }]).check(message('bad'), member, 0);
    expect(decision).toMatchObject({ verdict: 'allow', timeoutS: 60, alert: false });
  });

  it('decides nothing for a message that breaks no rule', () => {
    expect(withActions([{ type: 'block' }]).check(message('good'), member, 0)).toEqual({
      verdict: 'allow',
      reasons: [],
      actions: [],
      alert: false,
    });
  });
});

describe('combining rules', () => {
  const automod = engine(
    {
      name: 'hider',
      kind: 'keyword',
      keywords: ['meh'],
      actions: [{ type: 'hide' }, { type: 'timeout', durationS: 60 }],
    },
    {
      name: 'alerter',
      kind: 'keyword',
      keywords: ['meh', 'bad'],
      actions: [{ type: 'alert' }, { type: 'timeout', durationS: 30 }],
    },
    { name: 'blocker', kind: 'keyword', keywords: ['bad'], actions: [{ type: 'block', reason: 'first' }] },
    { name: 'blocker 2', kind: 'keyword', keywords: ['bad'], actions: [{ type: 'block', reason: 'second' }] },
  );

  it('lets the strictest verdict win: block over hide over allow', () => {
    expect(automod.check(message('meh'), member, 0).verdict).toBe('hide');
    expect(automod.check(message('bad'), member, 0).verdict).toBe('block');
    expect(automod.check(message('meh bad'), member, 0).verdict).toBe('block');
  });

  it('accumulates alerts and timeouts, and names every broken rule', () => {
    const decision = automod.check(message('meh bad'), member, 0);
    expect(decision.alert).toBe(true);
    expect(decision.timeoutS).toBe(90);
    expect(decision.reasons.map((r) => r.rule)).toEqual(['hider', 'alerter', 'blocker', 'blocker 2']);
    expect(decision.actions.map((a) => `${a.rule}:${a.type}`)).toEqual([
      'hider:hide',
      'hider:timeout',
      'alerter:alert',
      'alerter:timeout',
      'blocker:block',
      'blocker 2:block',
    ]);
  });

  it('lets block win whatever the order of the rules', () => {
    const blockFirst = engine(
      { name: 'blocker', kind: 'keyword', keywords: ['x'], actions: [{ type: 'block' }] },
      { name: 'hider', kind: 'keyword', keywords: ['x'], actions: [{ type: 'hide' }] },
      { name: 'alerter', kind: 'keyword', keywords: ['x'], actions: [{ type: 'alert' }] },
    );
    expect(blockFirst.check(message('x'), member, 0).verdict).toBe('block');
    const hideFirst = engine(
      { name: 'hider', kind: 'keyword', keywords: ['x'], actions: [{ type: 'hide' }] },
      { name: 'alerter', kind: 'keyword', keywords: ['x'], actions: [{ type: 'alert' }] },
    );
    expect(hideFirst.check(message('x'), member, 0).verdict).toBe('hide');
  });

  it("shows the sender the first blocking rule's reason", () => {
    expect(automod.check(message('bad'), member, 0).blockReason).toBe('first');
  });

  it('caps the timeouts added up at 28 days', () => {
    const long = { type: 'timeout' as const, durationS: 20 * 24 * 3600 };
    const twice = engine(
      { name: 'a', kind: 'keyword', keywords: ['x'], actions: [long] },
      { name: 'b', kind: 'keyword', keywords: ['x'], actions: [long] },
    );
    expect(twice.check(message('x'), member, 0).timeoutS).toBe(28 * 24 * 3600);
  });
});

describe('exemptions', () => {
  const automod = engine({
    name: 'spam',
    kind: 'keyword',
    keywords: ['spam'],
    exemptRoleIds: ['moderator'],
    exemptChannelIds: ['off-topic'],
    actions: hide,
  });

  it('exempts members with an exempt role', () => {
    expect(automod.check(message('spam'), { roleIds: ['member', 'moderator'] }, 0).verdict).toBe('allow');
    expect(automod.check(message('spam'), { roleIds: ['member'] }, 0).verdict).toBe('hide');
  });

  it('exempts exempt channels', () => {
    expect(verdict(automod, 'spam', { channelId: 'off-topic' })).toBe('allow');
  });

  it('keeps no flood state for exempt members', () => {
    const flood = engine({
      name: 'flood',
      kind: 'flood',
      maxMessages: 1,
      windowMs: 10_000,
      exemptRoleIds: ['moderator'],
      actions: hide,
    });
    for (let i = 0; i < 5; i++) flood.check(message(`m${i}`), { roleIds: ['moderator'] }, i);
    expect(flood.trackedUsers()).toBe(0);
    expect(flood.check(message('now'), member, 10).verdict).toBe('allow');
  });
});

describe('the engine', () => {
  it('validates its configuration', () => {
    expect(
      () => new AutoMod({ rules: [{ name: 'r', kind: 'regex', patterns: ['(a'], actions: hide }] }),
    ).toThrow(/not a valid RE2 expression/);
  });

  it('reads the injected clock when not given a time', () => {
    let now = 0;
    const automod = new AutoMod(
      { rules: [{ name: 'flood', kind: 'flood', maxMessages: 1, windowMs: 1000, actions: hide }] },
      { clock: () => now },
    );
    expect(automod.check(message('a'), member).verdict).toBe('allow');
    now = 500;
    expect(automod.check(message('b'), member).verdict).toBe('hide');
    now = 5000;
    expect(automod.check(message('c'), member).verdict).toBe('allow');
  });

  it('keeps its per-user state bounded', () => {
    const automod = new AutoMod(
      {
        rules: [
          { name: 'flood', kind: 'flood', maxMessages: 5, windowMs: 60_000, actions: hide },
          { name: 'dup', kind: 'duplicates', times: 3, windowMs: 60_000, actions: hide },
        ],
      },
      { maxTrackedUsers: 100 },
    );
    for (let i = 0; i < 5000; i++) automod.check(message('hello', { authorId: `user${i}` }), member, i);
    expect(automod.trackedUsers()).toBe(200);
  });

  // Speed (p99 per message, hostile worst case) is measured by `npm run bench:moderation`.
  it('reaches every verdict over the realistic rule set and corpus', () => {
    const corpus = buildCorpus(2000, 7);
    const automod = new AutoMod(realisticConfig());
    const verdicts = corpus.map((c) => automod.check(c.message, { roleIds: c.roleIds }, c.at).verdict);
    expect(new Set(verdicts)).toEqual(new Set(['allow', 'hide', 'block']));
  });

  it('judges hostile messages', () => {
    const automod = new AutoMod(realisticConfig());
    const verdict = (body: string, i: number) =>
      automod.check(message(body, { authorId: `h${i}` }), member, i).verdict;
    expect(verdict('f u c k '.repeat(500), 0)).not.toBe('allow');
    expect(verdict(`${'<@a> '.repeat(800)}`, 1)).toBe('allow'); // one distinct mention
    expect(verdict('free nitro '.repeat(360), 2)).not.toBe('allow');
    for (const [i, body] of [
      'a'.repeat(4000),
      'a.'.repeat(2000),
      'x\u200b'.repeat(2000),
      `${'a'.repeat(3990)}!`,
    ].entries())
      expect(['allow', 'hide', 'block']).toContain(verdict(body, 10 + i));
  });
});
