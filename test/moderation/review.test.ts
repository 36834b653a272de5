// The review queue on two hub nodes: a report reaches the moderators live, a decision takes
// effect live for everyone (a removed message disappears, a warning reaches its author, a timeout
// stops them at once), and bulk decisions decide each case on its own.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type ApiCall } from '../support/api.js';
import {
  createTestCommunity,
  testDatabase,
  upsertTestMember,
  type TestCommunity,
} from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import type { TestClient } from '../support/ws-client.js';
import {
  addModerator,
  caseOf,
  dataOf,
  event,
  hubOverrides,
  post,
  report,
  socketOf,
  type CaseJson,
  type Hub,
} from './review-support.js';

describe('the review queue, live across nodes', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let a: Hub;
  let b: Hub;
  let c: TestCommunity;
  let mod: ApiCall;
  let mod2: ApiCall;
  const clients: TestClient[] = [];
  const socket = async (hub: Hub, user: string, topics: string[]) => {
    const client = await socketOf(hub, user, topics);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    db = await testDatabase();
    const overrides = hubOverrides(db.url, 'rev');
    a = await startTestHub(overrides);
    b = await startTestHub(overrides);
    c = await createTestCommunity(a.url);
    await addModerator(a.url, c, 'mod2');
    mod = await apiAs(a.url, 'mod');
    mod2 = await apiAs(b.url, 'mod2');
  });
  afterAll(async () => {
    clients.forEach((x) => x.close());
    await Promise.all([a.shutdown(), b.shutdown()]);
    await db.drop();
  });

  it('shows a report to the moderators live; claiming and removing deletes the message everywhere', async () => {
    const moderators = await socket(b, 'mod', [`mods:${c.id}`]);
    const reader = await socket(b, 'bob', [c.topic('general')]);
    const id = await post(a, c, 'ann', 'buy cheap pills at example.com');
    const bob = await apiAs(a.url, 'bob');

    await report(bob, c, id, 'spam link');
    const opened = dataOf<{ kind: string; case: CaseJson }>(await event(moderators, 'case.opened'));
    expect(opened.case).toMatchObject({
      messageId: id,
      communityId: c.id,
      channelId: c.channels.general,
      authorId: 'ann',
      source: 'report',
      status: 'open',
      flags: [{ by: 'bob', reason: 'spam link' }],
      decision: null,
    });
    const caseId = opened.case.id;

    // The author may not report themselves; a second report by bob adds nothing; insider's adds a flag.
    const ann = await apiAs(b.url, 'ann');
    const own = await ann('POST', `/api/v1/channels/${c.channels.general}/messages/${id}/report`, {
      reason: 'me',
    });
    expect(own.status).toBe(403);
    await report(bob, c, id, 'still spam');
    await report(await apiAs(a.url, 'insider'), c, id, 'ads');
    const updated = dataOf<{ case: CaseJson }>(await event(moderators, 'case.updated'));
    expect(updated.case.flags.map((f) => f.by)).toEqual(['bob', 'insider']);
    const stranger = await apiAs(a.url, 'stranger');
    expect(
      (
        await stranger('POST', `/api/v1/channels/${c.channels.general}/messages/${id}/report`, {
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    expect(
      (await bob('POST', `/api/v1/channels/${c.channels.general}/messages/${id}/report`, { reason: '' }))
        .status,
    ).toBe(400);

    // The queue: for moderators only.
    const open = await mod('GET', `/api/v1/communities/${c.id}/cases?status=open`);
    expect((open.body['items'] as CaseJson[]).map((x) => x.id)).toContain(caseId);
    expect((await ann('GET', `/api/v1/communities/${c.id}/cases`)).status).toBe(403);
    expect((await ann('GET', `/api/v1/cases/${caseId}`)).status).toBe(404);

    const claimed = await mod('POST', `/api/v1/cases/${caseId}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body['case']).toMatchObject({ status: 'claimed', claimedBy: 'mod' });
    expect(dataOf<{ case: CaseJson }>(await event(moderators, 'case.updated')).case).toMatchObject({
      status: 'claimed',
      claimedBy: 'mod',
    });
    expect((await mod2('POST', `/api/v1/cases/${caseId}/claim`)).status).toBe(409);
    const decision = { action: 'remove', reason: 'spam is not allowed' };
    expect((await mod2('POST', `/api/v1/cases/${caseId}/decision`, decision)).status).toBe(409);

    const decided = await mod('POST', `/api/v1/cases/${caseId}/decision`, decision);
    expect(decided.status).toBe(200);
    expect(decided.body['case']).toMatchObject({
      status: 'resolved',
      decision: { action: 'remove', reason: 'spam is not allowed', by: 'mod', durationS: null },
    });
    expect(dataOf(await event(reader, 'message.deleted'))).toEqual({
      kind: 'message.deleted',
      id,
      deletedBy: 'mod',
    });
    expect(dataOf<{ case: CaseJson }>(await event(moderators, 'case.updated')).case).toMatchObject({
      status: 'resolved',
      decision: { action: 'remove' },
    });
    const history = await bob('GET', `/api/v1/channels/${c.channels.general}/messages`);
    expect((history.body['items'] as { id: string }[]).find((m) => m.id === id)).toMatchObject({
      body: '',
      deleted: true,
    });
    expect((await mod('POST', `/api/v1/cases/${caseId}/decision`, decision)).status).toBe(409);
    expect((await mod('POST', `/api/v1/cases/${caseId}/claim`)).status).toBe(409);
    // A deleted message cannot be reported any more.
    expect(
      (
        await stranger('POST', `/api/v1/channels/${c.channels.general}/messages/${id}/report`, {
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await (
          await apiAs(a.url, 'insider')
        )('POST', `/api/v1/channels/${c.channels.general}/messages/${id}/report`, { reason: 'x' })
      ).status,
    ).toBe(409);
  });

  it('shows a case with the messages around it and its author’s history', async () => {
    const ids: string[] = [];
    for (const body of ['one', 'two', 'three', 'four', 'REPORTED', 'six', 'seven', 'eight', 'nine']) {
      ids.push(await post(a, c, body === 'REPORTED' ? 'bob' : 'insider', body));
    }
    const reported = ids[4] as string;
    await report(await apiAs(a.url, 'ann'), c, reported, 'rude');
    const { id: caseId } = await caseOf(mod, c, reported);
    const shown = await mod('GET', `/api/v1/cases/${caseId}`);
    expect(shown.status).toBe(200);
    const bodies = (list: unknown) => (list as { body: string }[]).map((m) => m.body);
    const context = shown.body['context'] as { before: unknown; after: unknown };
    expect(bodies(context.before)).toEqual(['two', 'three', 'four']);
    expect(bodies(context.after)).toEqual(['six', 'seven', 'eight']);
    expect(shown.body['message']).toMatchObject({ id: reported, body: 'REPORTED', author: { id: 'bob' } });
    expect(shown.body['case']).toMatchObject({
      id: caseId,
      flags: [{ by: 'ann', reason: 'rude' }],
      scores: {},
    });
    expect(shown.body['history']).toMatchObject({ total: 0, undecided: 0, recent: [] });

    // A decided earlier case of bob's shows in the history of the next one.
    await mod('POST', `/api/v1/cases/${caseId}/decision`, { action: 'approve', reason: 'it is fine' });
    const next = await post(a, c, 'bob', 'again');
    await report(await apiAs(a.url, 'ann'), c, next, 'rude again');
    const second = await caseOf(mod, c, next);
    const history = (await mod('GET', `/api/v1/cases/${second.id}`)).body['history'];
    expect(history).toMatchObject({
      total: 1,
      decisions: { approve: 1, remove: 0 },
      recent: [{ id: caseId, decision: { action: 'approve' } }],
    });
  });

  it('sends a warning to the author’s own topic', async () => {
    const author = await socket(a, 'insider', ['user:insider']);
    const id = await post(b, c, 'insider', 'you are all idiots');
    await report(await apiAs(b.url, 'bob'), c, id, 'insult');
    const { id: caseId } = await caseOf(mod2, c, id);
    const warned = await mod2('POST', `/api/v1/cases/${caseId}/decision`, {
      action: 'warn',
      reason: 'Please be civil',
    });
    expect(warned.status).toBe(200);
    expect(dataOf(await event(author, 'warning'))).toEqual({
      kind: 'warning',
      communityId: c.id,
      reason: 'Please be civil',
      messageId: id,
    });
    const page = await mod('GET', `/api/v1/channels/${c.channels.general}/messages`);
    expect((page.body['items'] as { id: string; deleted: boolean }[]).find((m) => m.id === id)?.deleted).toBe(
      false,
    );
  });

  it('times the author out at once: their next publish is refused', async () => {
    const author = await socket(b, 'ann', []);
    const send = () =>
      author.request({
        type: 'publish',
        channel: c.topic('general'),
        data: { body: 'hi' },
        nonce: randomUUID(),
      });
    expect((await send()).result).toBeDefined(); // ann's permissions are now cached on node B
    const id = await post(b, c, 'ann', 'flood flood flood');
    await report(await apiAs(a.url, 'bob'), c, id, 'flooding');
    const { id: caseId } = await caseOf(mod, c, id);
    const missing = await mod('POST', `/api/v1/cases/${caseId}/decision`, {
      action: 'timeout',
      reason: 'flood',
    });
    expect(missing.status).toBe(400);
    expect(missing.body['error']).toMatchObject({ code: 'validation_failed' });
    const decided = await mod('POST', `/api/v1/cases/${caseId}/decision`, {
      action: 'timeout',
      reason: 'flood',
      durationS: 600,
    });
    expect(decided.status).toBe(200);
    expect(decided.body['case']).toMatchObject({ decision: { action: 'timeout', durationS: 600 } });
    const refused = await send();
    expect(refused.error?.code).toBe('timed_out');
    expect(refused.error?.retryAfterMs).toBeGreaterThan(590_000);
    await mod('POST', `/api/v1/communities/${c.id}/members/ann/timeout`, { durationS: 0, reason: '' });
    expect((await send()).result).toBeDefined();
  });

  it('leaves a case open when its effect is refused: nobody times out a moderator of equal rank', async () => {
    const id = await post(a, c, 'mod2', 'a moderator’s message');
    await report(await apiAs(a.url, 'bob'), c, id, 'rude');
    const { id: caseId } = await caseOf(mod, c, id);
    const refused = await mod('POST', `/api/v1/cases/${caseId}/decision`, {
      action: 'timeout',
      reason: 'x',
      durationS: 60,
    });
    expect(refused.status).toBe(403);
    expect((await caseOf(mod, c, id)).status).toBe('open');
    expect(
      (await mod2('POST', `/api/v1/cases/${caseId}/decision`, { action: 'approve', reason: 'mine' })).status,
    ).toBe(403);
  });

  it('takes a decision back when its effect fails: kicking an author who already left', async () => {
    await upsertTestMember(a.url, c.id, { userId: 'dora', roles: ['member'], name: 'Dora' });
    const id = await post(a, c, 'dora', 'hit and run');
    await report(await apiAs(a.url, 'bob'), c, id, 'rude');
    const left = await (await apiAs(a.url, 'dora'))('POST', `/api/v1/communities/${c.id}/leave`);
    expect(left.status).toBe(204);
    const { id: caseId } = await caseOf(mod, c, id);
    const kick = await mod('POST', `/api/v1/cases/${caseId}/decision`, { action: 'kick', reason: 'rude' });
    expect(kick.status).toBe(404);
    expect(await caseOf(mod, c, id)).toMatchObject({ status: 'open', decision: null });
    // A ban needs no membership: it keeps them out.
    const ban = await mod('POST', `/api/v1/cases/${caseId}/decision`, { action: 'ban', reason: 'rude' });
    expect(ban.status).toBe(200);
    expect((await (await apiAs(a.url, 'dora'))('POST', `/api/v1/communities/${c.id}/join`)).status).toBe(403);
  });

  it('decides cases in bulk, each on its own, and reports every outcome', async () => {
    const reader = await socket(a, 'insider', [c.topic('general')]);
    const ids = [
      await post(b, c, 'bob', 'spam 1'),
      await post(b, c, 'bob', 'spam 2'),
      await post(b, c, 'bob', 'spam 3'),
    ];
    const insider = await apiAs(a.url, 'insider');
    for (const id of ids) await report(insider, c, id, 'spam');
    const caseIds = await Promise.all(ids.map(async (id) => (await caseOf(mod, c, id)).id));
    await mod2('POST', `/api/v1/cases/${caseIds[2] as string}/claim`);
    const foreign = new Types.ObjectId().toHexString();
    const bulk = (api: ApiCall, body: Record<string, unknown>) =>
      api('POST', `/api/v1/communities/${c.id}/cases/decisions`, body);

    expect((await bulk(await apiAs(a.url, 'ann'), { caseIds, action: 'remove', reason: 'x' })).status).toBe(
      403,
    );
    expect((await bulk(mod, { caseIds, action: 'remove', reason: 'x', durationS: 5 })).status).toBe(400);
    expect((await bulk(mod, { caseIds: [], action: 'remove', reason: 'x' })).status).toBe(400);

    const res = await bulk(mod, { caseIds: [...caseIds, foreign], action: 'remove', reason: 'spam wave' });
    expect(res.status).toBe(200);
    const results = res.body['results'] as { caseId: string; ok: boolean; error: { code: string } | null }[];
    expect(results.map((r) => [r.caseId, r.ok, r.error?.code ?? null])).toEqual([
      [caseIds[0], true, null],
      [caseIds[1], true, null],
      [caseIds[2], false, 'conflict'], // claimed by mod2
      [foreign, false, 'not_found'],
    ]);
    const deleted = new Set<string>();
    for (let i = 0; i < 2; i++)
      deleted.add(dataOf<{ id: string }>(await event(reader, 'message.deleted')).id);
    expect([...deleted].sort()).toEqual([ids[0], ids[1]].sort());
    const page = await mod('GET', `/api/v1/channels/${c.channels.general}/messages`);
    const stored = page.body['items'] as { id: string; deleted: boolean }[];
    expect(ids.map((id) => stored.find((m) => m.id === id)?.deleted)).toEqual([true, true, false]);
  });
});
