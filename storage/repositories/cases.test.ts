import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { MongoConnection } from '../mongo.js';
import { moderationCaseModel } from '../models/moderation-case.model.js';
import {
  appealCase,
  claimCase,
  decideAppeal,
  decideCase,
  flagMessage,
  getCase,
  listCases,
  unclaimCase,
  undoAppealDecision,
  undoDecision,
  type NewFlag,
} from './cases.js';
import { authorHistory } from './case-history.js';
import { useTestDatabase } from '../../test/support/database.js';

let connection: MongoConnection;

useTestDatabase((c) => (connection = c));

const communityId = new Types.ObjectId();
const channelId = new Types.ObjectId();

const report = (messageId: Types.ObjectId, by: string, extra: Partial<NewFlag> = {}) =>
  flagMessage(connection, {
    communityId,
    channelId,
    messageId,
    authorId: 'ann',
    source: 'report',
    by,
    reason: `spam, says ${by}`,
    ...extra,
  });

/** A fresh case about a message of ann's, reported by bob. */
async function openCase(extra: Partial<NewFlag> = {}): Promise<string> {
  return (await report(new Types.ObjectId(), 'bob', extra)).case._id.toHexString();
}

/** A case decided by `by`, resolved with `action`. */
async function decided(action: 'remove' | 'warn' | 'approve' | 'timeout' | 'kick' | 'ban', by = 'mod1') {
  const id = await openCase();
  await decideCase(connection, id, {
    by,
    action,
    reason: 'rule 1',
    ...(action === 'timeout' ? { durationS: 600 } : {}),
  });
  return id;
}

describe('flagging a message', () => {
  it('opens one case and adds each flagger once', async () => {
    const messageId = new Types.ObjectId();
    const first = await report(messageId, 'bob');
    expect(first).toMatchObject({ created: true, changed: true });
    expect(first.case).toMatchObject({
      communityId,
      channelId,
      messageId,
      authorId: 'ann',
      source: 'report',
      status: 'open',
      flags: [{ by: 'bob', reason: 'spam, says bob' }],
    });

    const again = await report(messageId, 'bob', { reason: 'really spam' });
    expect(again).toMatchObject({ created: false, changed: false });
    expect(again.case.flags).toHaveLength(1);

    const automod = await report(messageId, 'automod', {
      source: 'automod',
      reason: 'blocked word',
      scores: { words: 2 },
    });
    expect(automod).toMatchObject({ created: false, changed: true });
    expect(automod.case.source).toBe('report'); // the case keeps where it came from
    expect(automod.case.flags.map((f) => f.by)).toEqual(['bob', 'automod']);

    // A flagger's second flag adds no flag, but its scores still land, merged key by key.
    const rescored = await report(messageId, 'automod', {
      source: 'automod',
      scores: { links: 1, words: 3 },
    });
    expect(rescored).toMatchObject({ created: false, changed: true });
    expect(rescored.case.flags).toHaveLength(2);
    expect(rescored.case.scores).toBe('{"links":1,"words":3}');
    expect(await moderationCaseModel(connection).countDocuments({ messageId })).toBe(1);
  });

  it('makes one case with the right flags from 10 parallel reports', async () => {
    const messageId = new Types.ObjectId();
    const reporters = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u1', 'u2', 'u3'];
    const outcomes = await Promise.all(reporters.map((by) => report(messageId, by)));
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(outcomes.filter((o) => o.changed)).toHaveLength(7);
    const stored = await moderationCaseModel(connection).find({ messageId }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.flags.map((f) => f.by).sort()).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']);
  });

  it('refuses invalid input before it reaches a query', async () => {
    await expect(report(new Types.ObjectId(), 'not a user')).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      report(new Types.ObjectId(), 'bob', { source: 'rumour' as NewFlag['source'] }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(report(new Types.ObjectId(), 'bob', { reason: 'x'.repeat(513) })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

describe('claiming', () => {
  it('lets one moderator hold a case; another’s claim or unclaim is a conflict', async () => {
    const id = await openCase();
    const claimed = await claimCase(connection, id, 'mod1');
    expect(claimed).toMatchObject({ changed: true, case: { status: 'claimed', claimedBy: 'mod1' } });
    expect(claimed.case.claimedAt).toBeInstanceOf(Date);
    expect((await claimCase(connection, id, 'mod1')).changed).toBe(false);
    await expect(claimCase(connection, id, 'mod2')).rejects.toMatchObject({ code: 'conflict' });
    await expect(unclaimCase(connection, id, 'mod2')).rejects.toMatchObject({ code: 'conflict' });
    expect(await unclaimCase(connection, id, 'mod1')).toMatchObject({
      changed: true,
      case: { status: 'open', claimedBy: null, claimedAt: null },
    });
    expect((await unclaimCase(connection, id, 'mod1')).changed).toBe(false);
    expect((await claimCase(connection, id, 'mod2')).case.claimedBy).toBe('mod2');
  });

  it('gives a case to exactly one of several moderators claiming it at once', async () => {
    const id = await openCase();
    const mods = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
    const results = await Promise.allSettled(mods.map((m) => claimCase(connection, id, m)));
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5);
    expect((await getCase(connection, id))?.claimedBy).toBe(won[0]?.case.claimedBy);
  });

  it('refuses unknown and resolved cases', async () => {
    await expect(claimCase(connection, new Types.ObjectId(), 'mod1')).rejects.toMatchObject({
      code: 'not_found',
    });
    const id = await decided('approve');
    await expect(claimCase(connection, id, 'mod1')).rejects.toMatchObject({ code: 'conflict' });
    await expect(unclaimCase(connection, id, 'mod1')).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('deciding', () => {
  it('lets only the claimant decide a claimed case, once', async () => {
    const id = await openCase();
    await claimCase(connection, id, 'mod1');
    const decision = { action: 'remove' as const, reason: 'spam' };
    await expect(decideCase(connection, id, { ...decision, by: 'mod2' })).rejects.toMatchObject({
      code: 'conflict',
    });
    const resolved = await decideCase(connection, id, { ...decision, by: 'mod1' });
    expect(resolved).toMatchObject({
      status: 'resolved',
      claimedBy: 'mod1',
      decision: { action: 'remove', reason: 'spam', by: 'mod1', durationS: null },
    });
    await expect(decideCase(connection, id, { ...decision, by: 'mod1' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('lets any moderator decide an open case, and only one of two deciding at once', async () => {
    const id = await openCase();
    const results = await Promise.allSettled(
      ['mod1', 'mod2'].map((by) => decideCase(connection, id, { by, action: 'warn', reason: 'be nice' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('checks the decision: a reason, and a duration for a timeout only', async () => {
    const id = await openCase();
    const bad = [
      { by: 'mod1', action: 'timeout' as const, reason: 'flood' },
      { by: 'mod1', action: 'timeout' as const, reason: 'flood', durationS: 0 },
      { by: 'mod1', action: 'warn' as const, reason: 'flood', durationS: 60 },
      { by: 'mod1', action: 'warn' as const, reason: '   ' },
      { by: 'mod1', action: 'shame' as 'warn', reason: 'x' },
    ];
    for (const input of bad) {
      await expect(decideCase(connection, id, input), JSON.stringify(input)).rejects.toMatchObject({
        code: 'validation_failed',
      });
    }
    expect(
      (await decideCase(connection, id, { by: 'mod1', action: 'timeout', reason: 'flood', durationS: 60 }))
        .decision,
    ).toMatchObject({ action: 'timeout', durationS: 60 });
  });

  it('takes back a decision whose effects failed, returning the case to its claimant', async () => {
    const id = await openCase();
    await claimCase(connection, id, 'mod1');
    const resolved = await decideCase(connection, id, { by: 'mod1', action: 'kick', reason: 'x' });
    const at = resolved.decision?.at ?? new Date(0);
    expect((await undoDecision(connection, id, { by: 'mod2', at })).changed).toBe(false);
    expect(await undoDecision(connection, id, { by: 'mod1', at })).toMatchObject({
      changed: true,
      case: { status: 'claimed', claimedBy: 'mod1', decision: null },
    });
  });
});

describe('appeals', () => {
  it('lets only the author appeal, once, and only a decision that cost them something', async () => {
    for (const action of ['approve', 'warn'] as const) {
      await expect(
        appealCase(connection, await decided(action), { by: 'ann', reason: 'why' }),
      ).rejects.toMatchObject({ code: 'conflict' });
    }
    await expect(
      appealCase(connection, await openCase(), { by: 'ann', reason: 'why' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    const id = await decided('remove');
    await expect(appealCase(connection, id, { by: 'bob', reason: 'for ann' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await appealCase(connection, id, { by: 'ann', reason: 'it was a joke' })).toMatchObject({
      appeal: { by: 'ann', reason: 'it was a joke', status: 'open', decidedBy: null, effect: 'none' },
    });
    await expect(appealCase(connection, id, { by: 'ann', reason: 'again' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('has an appeal decided by another moderator than the decision, once', async () => {
    const id = await decided('timeout', 'mod1');
    await expect(
      decideAppeal(connection, id, { by: 'mod2', upheld: true, reason: 'x' }),
    ).rejects.toMatchObject({
      code: 'conflict', // nothing appealed yet
    });
    await appealCase(connection, id, { by: 'ann', reason: 'sorry' });
    await expect(
      decideAppeal(connection, id, { by: 'mod1', upheld: false, reason: 'x' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      decideAppeal(connection, id, { by: 'ann', upheld: false, reason: 'x' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    const overturned = await decideAppeal(connection, id, { by: 'mod2', upheld: false, reason: 'too harsh' });
    expect(overturned.appeal).toMatchObject({
      status: 'overturned',
      decidedBy: 'mod2',
      decisionReason: 'too harsh',
      effect: 'timeout_lifted',
    });
    await expect(
      decideAppeal(connection, id, { by: 'mod3', upheld: true, reason: 'x' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('records what overturning did, and reopens an appeal whose overturning failed', async () => {
    const removed = await decided('remove');
    await appealCase(connection, removed, { by: 'ann', reason: 'sorry' });
    const outcome = await decideAppeal(connection, removed, { by: 'mod2', upheld: false, reason: 'fine' });
    expect(outcome.appeal?.effect).toBe('not_restored');
    const at = outcome.appeal?.decidedAt ?? new Date(0);
    expect(await undoAppealDecision(connection, removed, { by: 'mod2', at })).toMatchObject({
      changed: true,
      case: { appeal: { status: 'open', decidedBy: null, decidedAt: null, effect: 'none' } },
    });

    const banned = await decided('ban');
    await appealCase(connection, banned, { by: 'ann', reason: 'sorry' });
    expect(
      (await decideAppeal(connection, banned, { by: 'mod2', upheld: false, reason: 'ok' })).appeal?.effect,
    ).toBe('ban_lifted');
    const kept = await decided('kick');
    await appealCase(connection, kept, { by: 'ann', reason: 'sorry' });
    expect(
      (await decideAppeal(connection, kept, { by: 'mod2', upheld: true, reason: 'rules are rules' })).appeal,
    ).toMatchObject({ status: 'upheld', effect: 'none' });
  });
});

describe('the review list and an author’s history', () => {
  it('lists a community’s cases newest first, by status and source, in pages', async () => {
    const community = new Types.ObjectId();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const flagged = await flagMessage(connection, {
        communityId: community,
        channelId,
        messageId: new Types.ObjectId(),
        authorId: 'carl',
        source: i === 4 ? 'automod' : 'report',
        by: i === 4 ? 'automod' : 'bob',
        at: new Date(Date.UTC(2030, 0, 1, 0, 0, i < 2 ? 0 : i)), // the first two share a time
      });
      ids.push(flagged.case._id.toHexString());
    }
    await claimCase(connection, ids[1] as string, 'mod1');
    const all = await listCases(connection, { communityId: community, limit: 10 });
    expect(all.map((c) => c._id.toHexString())).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]]);
    const open = await listCases(connection, { communityId: community, status: 'open', limit: 10 });
    expect(open.map((c) => c._id.toHexString())).toEqual([ids[4], ids[3], ids[2], ids[0]]);
    const automod = await listCases(connection, { communityId: community, source: 'automod', limit: 10 });
    expect(automod.map((c) => c._id.toHexString())).toEqual([ids[4]]);

    const pages: string[] = [];
    let before: { createdAt: Date; id: Types.ObjectId } | undefined;
    for (;;) {
      const page = await listCases(connection, { communityId: community, limit: 2, before });
      pages.push(...page.map((c) => c._id.toHexString()));
      const last = page.at(-1);
      if (page.length < 2 || !last) break;
      before = { createdAt: last.createdAt, id: last._id };
    }
    expect(pages).toEqual(all.map((c) => c._id.toHexString()));
    expect(await listCases(connection, { communityId: new Types.ObjectId(), limit: 10 })).toEqual([]);
  });

  it('counts an author’s cases by decision, leaving out the case at hand', async () => {
    const community = new Types.ObjectId();
    const flag = () =>
      flagMessage(connection, {
        communityId: community,
        channelId,
        messageId: new Types.ObjectId(),
        authorId: 'dave',
        source: 'report',
        by: 'bob',
      });
    const ids = await Promise.all([flag(), flag(), flag(), flag()]).then((o) =>
      o.map((x) => x.case._id.toHexString()),
    );
    const [a, b, c, d] = ids as [string, string, string, string];
    await decideCase(connection, a, { by: 'mod1', action: 'remove', reason: 'x' });
    await decideCase(connection, b, { by: 'mod1', action: 'remove', reason: 'x' });
    await decideCase(connection, c, { by: 'mod1', action: 'warn', reason: 'x' });
    await appealCase(connection, a, { by: 'dave', reason: 'no' });
    await decideAppeal(connection, a, { by: 'mod2', upheld: false, reason: 'ok' });
    const history = await authorHistory(connection, community, 'dave', { except: d });
    expect(history).toMatchObject({
      total: 3,
      undecided: 0,
      decisions: { remove: 2, warn: 1, approve: 0, timeout: 0, kick: 0, ban: 0 },
      overturned: 1,
    });
    expect(history.recent.map((x) => x._id.toHexString()).sort()).toEqual([a, b, c].sort());
    expect(await authorHistory(connection, community, 'dave')).toMatchObject({ total: 4, undecided: 1 });
    expect((await authorHistory(connection, community, 'nobody')).total).toBe(0);
  });
});
