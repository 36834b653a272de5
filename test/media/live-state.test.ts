// A live session's Q&A and polls under concurrent votes arriving through two hub processes:
// upvotes count once per member and sort live; each member's poll vote counts once, whichever
// node takes it; closing stops votes; AutoMod screens questions (block, hold, alert, timeout);
// results are saved at the end.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveSessionModel } from '../../media/sessions/session.model.js';
import { listAudit } from '../../storage/repositories/audit.js';
import type { PutAutoModConfigBody } from '../../realtime/client/api/hub-api.js';
import { apiAs, hubApiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, TEST_OWNER, testDatabase, type TestCommunity } from '../support/community.js';
import { spawnHub, type HubProcess } from '../support/hub-processes.js';
import { eventually } from '../support/wait.js';

const VOTERS = Array.from({ length: 16 }, (_, i) => `voter${i}`);

describe('live Q&A and polls across two hub nodes', { timeout: 120_000 }, () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let c: TestCommunity;
  let nodes: [HubProcess, HubProcess];
  let sessionId = '';
  /** The user's API on node 0 or 1. */
  const on = async (node: 0 | 1, user: string): Promise<ApiCall> => apiAs(nodes[node].url, user);
  const path = (rest = '') => `/api/v1/live-sessions/${sessionId}${rest}`;

  beforeAll(async () => {
    db = await testDatabase();
    const automod: PutAutoModConfigBody = {
      rules: [
        {
          name: 'scams',
          kind: 'keyword',
          keywords: ['free nitro'],
          actions: [{ type: 'block', reason: 'No scams here.' }],
        },
        { name: 'shouting', kind: 'keyword', keywords: ['buy now'], actions: [{ type: 'hide' }] },
        { name: 'urgent', kind: 'keyword', keywords: ['urgent refund'], actions: [{ type: 'alert' }] },
        {
          name: 'links',
          kind: 'keyword',
          keywords: ['click my link'],
          actions: [
            { type: 'block', reason: 'No self-promotion.' },
            { type: 'timeout', durationS: 120 },
          ],
        },
      ],
    };
    const env = { HUB_MONGODB_URL: db.url, HUB_REDIS_KEY_PREFIX: `state${randomUUID().slice(0, 6)}` };
    nodes = [await spawnHub(env), await spawnHub(env)];
    c = await createTestCommunity(nodes[0].url, {
      members: [
        { userId: 'host', roles: ['member', 'host'], name: 'Host' },
        ...VOTERS.map((v) => ({ userId: v, roles: ['member'], name: v })),
      ],
    });
    const owner = await hubApiAs(nodes[0].url, TEST_OWNER);
    await owner.putAutoModConfig({ path: { communityId: c.id }, body: automod });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.kill()));
    await db.drop();
  });

  it('goes live', async () => {
    const host = await on(0, 'host');
    const created = await host('POST', `/api/v1/communities/${c.id}/live-sessions`, {
      title: 'Office hours',
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      durationMin: 30,
      capacity: 50,
    });
    expect(created.status).toBe(201);
    sessionId = created.body['id'] as string;
    expect((await (await on(1, 'ann'))('POST', path('/questions'), { text: 'Too early?' })).status).toBe(409);
    expect((await (await on(1, 'host'))('POST', path('/start'))).body['status']).toBe('live');
  });

  it('sorts questions by upvotes counted once per member, whichever node takes them', async () => {
    const ask = async (node: 0 | 1, user: string, text: string) => {
      const res = await (await on(node, user))('POST', path('/questions'), { text });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body['id'] as string;
    };
    const q1 = await ask(0, 'ann', 'How do you price a first gig?');
    const q2 = await ask(1, 'bob', 'What makes a great profile?');
    const q3 = await ask(0, 'mod', 'Any tips for reviews?');

    // Every voter upvotes q2 through both nodes at once (each twice); a third of them upvote q1.
    const votes = VOTERS.flatMap((v, i) => [
      on(0, v).then((api) => api('PUT', path(`/questions/${q2}/upvote`), { up: true })),
      on(1, v).then((api) => api('PUT', path(`/questions/${q2}/upvote`), { up: true })),
      ...(i % 3 === 0
        ? [on((i % 2) as 0 | 1, v).then((api) => api('PUT', path(`/questions/${q1}/upvote`), { up: true }))]
        : []),
    ]);
    const replies = await Promise.all(votes);
    expect(replies.every((r) => r.status === 200)).toBe(true);

    const list = await (await on(1, 'ann'))('GET', path('/questions'));
    const items = list.body['items'] as { id: string; upvotes: number; youUpvoted: boolean }[];
    expect(items.map((q) => [q.id, q.upvotes])).toEqual([
      [q2, VOTERS.length],
      [q1, Math.ceil(VOTERS.length / 3)],
      [q3, 0],
    ]);

    // Answered questions move after the open ones; only hosts mark them.
    expect(
      (await (await on(0, 'ann'))('PUT', path(`/questions/${q2}/status`), { status: 'answered' })).status,
    ).toBe(403);
    await (
      await on(0, 'host')
    )('PUT', path(`/questions/${q2}/status`), { status: 'answered' });
    const after = await (await on(1, 'bob'))('GET', path('/questions'));
    expect((after.body['items'] as { id: string }[]).map((q) => q.id)).toEqual([q1, q3, q2]);
  });

  it('passes questions through the community’s AutoMod', async () => {
    const ann = await on(0, 'ann');
    const blocked = await ann('POST', path('/questions'), { text: 'get free nitro here' });
    expect(blocked.status).toBe(422);
    expect(blocked.body['error']).toMatchObject({ code: 'automod_blocked', message: 'No scams here.' });
    const held = await ann('POST', path('/questions'), { text: 'buy now, limited offer' });
    expect(held.body).toMatchObject({ status: 'held', heldFor: 'shouting' });
    const others = await (await on(1, 'bob'))('GET', path('/questions'));
    expect((others.body['items'] as { id: string }[]).map((q) => q.id)).not.toContain(held.body['id']);
    const hosts = await (await on(1, 'host'))('GET', path('/questions'));
    expect((hosts.body['items'] as { id: string }[]).map((q) => q.id)).toContain(held.body['id']);

    // An alert lets the question through and tells the moderators; every action is audited.
    const alerted = await (await on(1, 'bob'))('POST', path('/questions'), { text: 'urgent refund please?' });
    expect(alerted.body).toMatchObject({ status: 'open' });
    // A timeout holds before the reply: the author's next question is refused on either node.
    const promo = await (await on(0, 'voter15'))('POST', path('/questions'), { text: 'click my link!' });
    expect(promo.body['error']).toMatchObject({ code: 'automod_blocked', message: 'No self-promotion.' });
    const next = await (await on(1, 'voter15'))('POST', path('/questions'), { text: 'An honest question' });
    expect(next.status).toBe(403);
    expect((next.body['error'] as { code: string }).code).toBe('timed_out');
    await eventually(async () => {
      const actions = (await listAudit(db.connection, c.id, { limit: 200 })).map((e) => e.action);
      return ['automod.block', 'automod.hide', 'automod.alert', 'automod.timeout'].every((a) =>
        actions.includes(a),
      );
    });
  });

  it('counts one vote per member in a poll under concurrent votes on both nodes, until it closes', async () => {
    const host = await on(0, 'host');
    expect(
      (await (await on(0, 'ann'))('POST', path('/polls'), { question: 'x', options: ['a', 'b'] })).status,
    ).toBe(403);
    const created = await host('POST', path('/polls'), {
      question: 'Best day?',
      options: ['Mon', 'Wed', 'Fri'],
    });
    expect(created.status).toBe(201);
    const pollId = created.body['id'] as string;

    // Each voter votes twice at once, differently, through the two nodes: one of the two counts.
    const replies = await Promise.all(
      VOTERS.flatMap((v, i) => [
        on(0, v).then((api) => api('POST', path(`/polls/${pollId}/votes`), { choices: [i % 3] })),
        on(1, v).then((api) => api('POST', path(`/polls/${pollId}/votes`), { choices: [(i + 1) % 3] })),
      ]),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(VOTERS.length);
    expect(statuses.filter((s) => s === 409)).toHaveLength(VOTERS.length);
    const results = (await host('GET', path('/polls'))).body['items'] as {
      counts: number[];
      voters: number;
    }[];
    expect(results[0]?.voters).toBe(VOTERS.length);
    expect(results[0]?.counts.reduce((a, b) => a + b, 0)).toBe(VOTERS.length);

    const single = await (await on(1, 'ann'))('POST', path(`/polls/${pollId}/votes`), { choices: [0, 1] });
    expect(single.status).toBe(400);
    const closed = await (await on(1, 'host'))('POST', path(`/polls/${pollId}/close`));
    expect(closed.body['status']).toBe('closed');
    expect(
      (await (await on(0, 'ann'))('POST', path(`/polls/${pollId}/votes`), { choices: [0] })).status,
    ).toBe(409);

    const multi = await host('POST', path('/polls'), {
      question: 'Topics?',
      options: ['a', 'b', 'c'],
      multiple: true,
    });
    const voted = await (
      await on(1, 'ann')
    )('POST', path(`/polls/${multi.body['id'] as string}/votes`), { choices: [0, 2] });
    expect(voted.body).toMatchObject({ counts: [1, 0, 1], voters: 1, yourChoices: [0, 2] });
  });

  it('saves Q&A, polls and telemetry to MongoDB when the session ends', async () => {
    const ended = await (await on(1, 'host'))('POST', path('/end'));
    expect(ended.body['status']).toBe('ended');
    const saved = await liveSessionModel(db.connection).findById(sessionId).lean();
    const results = saved?.results as {
      questions: { text: string; upvotes: number }[];
      polls: { voters: number }[];
    };
    expect(results.questions.map((q) => q.upvotes).slice(0, 2)).toEqual([Math.ceil(VOTERS.length / 3), 0]);
    expect(results.polls.map((p) => p.voters)).toEqual([VOTERS.length, 1]);
    expect(saved?.summary).toMatchObject({ questions: 5, pollVoters: VOTERS.length + 1 });
    expect((await (await on(0, 'ann'))('GET', path('/questions'))).body['items']).toEqual([]);
  });
});
