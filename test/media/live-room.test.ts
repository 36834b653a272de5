// A live session's Colyseus room across two hub processes (Colyseus' Redis presence and driver):
// seats are reserved only through the hub's checked route, whichever node takes the request;
// the room's replicated state follows changes made over REST on either node and actions sent
// through the room itself; questions AutoMod holds, and dismissed ones, reach hosts live through
// their view of the state and never reach members; one vote per member holds; bad messages get
// stable error codes; the room closes when the session ends.
import { randomUUID } from 'node:crypto';
import { Client, type Room } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PutAutoModConfigBody } from '../../realtime/client/api/hub-api.js';
import { apiAs, hubApiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, TEST_OWNER, testDatabase, type TestCommunity } from '../support/community.js';
import { spawnHub, type HubProcess } from '../support/hub-processes.js';
import { eventually } from '../support/wait.js';

interface RoomState {
  status: string;
  participants: Map<string, { userId: string; role: string }>;
  hands: { userId: string }[];
  speakers: string[];
  questions: { id: string; text: string; upvotes: number; status: string }[];
  /** Only in hosts' seats. */
  hostQuestions?: { id: string; status: string; heldFor?: string }[];
  polls: Map<string, { counts: number[]; voters: number; status: string }>;
}
/** The room's reply to one message: `ok` with a result, or `error` with a stable code. */
type Reply = { outcome: 'ok' | 'error'; ref?: string; type: string; code?: string; result?: unknown };

describe('live session room (Colyseus) across two hub nodes', { timeout: 120_000 }, () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let c: TestCommunity;
  let nodes: [HubProcess, HubProcess];
  let sessionId = '';
  const rooms: Room[] = [];
  const on = (node: 0 | 1, user: string): Promise<ApiCall> => apiAs(nodes[node].url, user);
  const path = (rest = '') => `/api/v1/live-sessions/${sessionId}${rest}`;

  /** Reserves a seat through the hub on `node` and takes it with the Colyseus SDK. */
  async function enter(node: 0 | 1, user: string): Promise<Room> {
    const res = await (await on(node, user))('POST', path('/room'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const client = new Client(nodes[node].url);
    const room = await client.consumeSeatReservation(res.body['reservation'] as never);
    rooms.push(room);
    return room;
  }
  const stateOf = (room: Room) => room.state as unknown as RoomState;
  /** Sends a message and waits for the room's reply to it. */
  function ask(room: Room, type: string, message: Record<string, unknown>): Promise<Reply> {
    const ref = randomUUID();
    return new Promise((resolve) => {
      const done = (outcome: Reply['outcome']) => (reply: Omit<Reply, 'outcome'>) => {
        if (reply.ref === ref) resolve({ ...reply, outcome });
      };
      room.onMessage('ok', done('ok'));
      room.onMessage('error', done('error'));
      room.send(type, { ...message, ref });
    });
  }

  beforeAll(async () => {
    db = await testDatabase();
    const automod: PutAutoModConfigBody = {
      rules: [{ name: 'shouting', kind: 'keyword', keywords: ['buy now'], actions: [{ type: 'hide' }] }],
    };
    const env = { HUB_MONGODB_URL: db.url, HUB_REDIS_KEY_PREFIX: `room${randomUUID().slice(0, 6)}` };
    nodes = [await spawnHub(env), await spawnHub(env)];
    c = await createTestCommunity(nodes[0].url, {
      members: [{ userId: 'host', roles: ['member', 'host'], name: 'Host' }],
    });
    const owner = await hubApiAs(nodes[0].url, TEST_OWNER);
    await owner.putAutoModConfig({ path: { communityId: c.id }, body: automod });
    const host = await on(0, 'host');
    const created = await host('POST', `/api/v1/communities/${c.id}/live-sessions`, {
      title: 'Portfolio reviews',
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      durationMin: 30,
      capacity: 20,
    });
    sessionId = created.body['id'] as string;
  }, 90_000);

  afterAll(async () => {
    // The rooms closed with the session; the nodes go first so nothing waits on a closed room.
    await Promise.all(nodes.map((n) => n.kill()));
    await db.drop();
  });

  it('admits nobody before the session is live, nor anyone who may not see it', async () => {
    expect((await (await on(0, 'ann'))('POST', path('/room'))).status).toBe(409);
    await (
      await on(0, 'host')
    )('POST', path('/start'));
    const outsider = await (await on(1, 'stranger'))('POST', path('/room'));
    expect(outsider.status).toBe(404);
    expect((outsider.body['error'] as { code: string }).code).toBe('not_found');
  });

  it('refuses a socket without a reserved seat', async () => {
    const res = await (await on(0, 'ann'))('POST', path('/room'));
    const reservation = res.body['reservation'] as Record<string, string>;
    const forged = { ...reservation, sessionId: 'forged-seat-id' };
    await expect(new Client(nodes[0].url).consumeSeatReservation(forged as never)).rejects.toThrow();
  });

  it('replicates participants, hands and the stage, whichever node took the seat', async () => {
    const hostRoom = await enter(0, 'host');
    const annRoom = await enter(1, 'ann');
    const bobRoom = await enter(0, 'bob');
    // All three share one room, wherever it lives.
    expect(new Set([hostRoom.roomId, annRoom.roomId, bobRoom.roomId]).size).toBe(1);
    await eventually(() => stateOf(hostRoom).participants.size === 3);
    const roles = [...stateOf(bobRoom).participants.values()].map((p) => `${p.userId}:${p.role}`).sort();
    expect(roles).toEqual(['ann:audience', 'bob:audience', 'host:host']);

    expect((await ask(annRoom, 'hand', { raised: true })).result).toEqual({ position: 1 });
    await (
      await on(1, 'bob')
    )('POST', path('/hand'));
    await eventually(
      () =>
        stateOf(hostRoom)
          .hands.map((h) => h.userId)
          .join() === 'ann,bob',
    );
    // The host invites over REST on the other node: the room's stage and roles follow.
    expect((await (await on(1, 'host'))('PUT', path('/speakers/ann'))).status).toBe(200);
    await eventually(() => {
      expect([...stateOf(bobRoom).speakers]).toEqual(['ann']);
      expect([...stateOf(bobRoom).hands].map((h) => h.userId)).toEqual(['bob']);
      const ann = [...stateOf(bobRoom).participants.values()].find((p) => p.userId === 'ann');
      expect(ann?.role).toBe('speaker');
      return true;
    });
  });

  it('takes questions and upvotes through the room, sorted live for everyone', async () => {
    const [, annRoom, bobRoom] = rooms as [Room, Room, Room];
    const first = await ask(annRoom, 'ask', { text: 'How long should a portfolio be?' });
    const second = await ask(bobRoom, 'ask', { text: 'Which projects go first?' });
    expect(first.outcome).toBe('ok');
    const secondId = (second.result as { id: string }).id;
    await ask(annRoom, 'upvote', { questionId: secondId, up: true });
    await ask(annRoom, 'upvote', { questionId: secondId, up: true });
    await eventually(() => {
      const qs = [...stateOf(annRoom).questions];
      expect(qs.map((q) => q.text)).toEqual(['Which projects go first?', 'How long should a portfolio be?']);
      expect(qs[0]?.upvotes).toBe(1);
      return true;
    });
  });

  it('shows held and dismissed questions live to hosts only, through their view of the state', async () => {
    const [hostRoom, annRoom, bobRoom] = rooms as [Room, Room, Room];
    const held = await ask(bobRoom, 'ask', { text: 'buy now, two for one' });
    expect(held).toMatchObject({ outcome: 'ok', result: { status: 'held' } });
    const heldId = (held.result as { id: string }).id;
    const hostSees = (status: string) =>
      eventually(() =>
        (stateOf(hostRoom).hostQuestions ?? []).some((q) => q.id === heldId && q.status === status),
      );
    await hostSees('held');
    expect(stateOf(hostRoom).hostQuestions?.find((q) => q.id === heldId)?.heldFor).toBe('shouting');
    // A later change every seat receives: the members' seats are as current as the host's.
    expect((await ask(bobRoom, 'hand', { raised: false })).outcome).toBe('ok');
    await eventually(() => stateOf(bobRoom).hands.length === 0 && stateOf(annRoom).hands.length === 0);
    for (const room of [annRoom, bobRoom]) {
      expect(stateOf(room).hostQuestions).toBeUndefined();
      expect(stateOf(room).questions.map((q) => q.id)).not.toContain(heldId);
    }

    // Released by a host on the other node: everyone gets it, and it leaves the hosts' part.
    const host = await on(1, 'host');
    expect((await host('PUT', path(`/questions/${heldId}/status`), { status: 'open' })).status).toBe(200);
    await eventually(() => stateOf(annRoom).questions.some((q) => q.id === heldId));
    await eventually(() => !(stateOf(hostRoom).hostQuestions ?? []).some((q) => q.id === heldId));
    // Dismissed: back to the hosts' part, gone from everyone else's.
    expect((await host('PUT', path(`/questions/${heldId}/status`), { status: 'dismissed' })).status).toBe(
      200,
    );
    await hostSees('dismissed');
    await eventually(() => !stateOf(annRoom).questions.some((q) => q.id === heldId));
    expect(stateOf(annRoom).hostQuestions).toBeUndefined();
  });

  it('counts one vote per member, from the room or over REST', async () => {
    const [hostRoom, annRoom, bobRoom] = rooms as [Room, Room, Room];
    const created = await (
      await on(1, 'host')
    )('POST', path('/polls'), {
      question: 'Next topic?',
      options: ['Pricing', 'Profiles'],
      multiple: false,
    });
    const pollId = created.body['id'] as string;
    const [a, b, again] = await Promise.all([
      ask(annRoom, 'vote', { pollId, choices: [1] }),
      ask(bobRoom, 'vote', { pollId, choices: [0] }),
      ask(annRoom, 'vote', { pollId, choices: [0] }),
    ]);
    // Ann's two votes race: one counts, the other is refused.
    expect(b.outcome).toBe('ok');
    expect([a.outcome, again.outcome].sort()).toEqual(['error', 'ok']);
    expect([a, again].find((r) => r.outcome === 'error')).toMatchObject({ type: 'vote', code: 'conflict' });
    const rest = await (await on(0, 'ann'))('POST', path(`/polls/${pollId}/votes`), { choices: [0] });
    expect(rest.status).toBe(409);
    await eventually(() => {
      const poll = stateOf(hostRoom).polls.get(pollId);
      expect(poll?.voters).toBe(2);
      const bobAndAnn = a.outcome === 'ok' ? [1, 1] : [2, 0];
      expect([...(poll?.counts ?? [])]).toEqual(bobAndAnn);
      return true;
    });
  });

  it('answers bad messages with stable codes and changes nothing', async () => {
    const [, annRoom] = rooms as [Room, Room, Room];
    expect(await ask(annRoom, 'ask', { text: '' })).toMatchObject({ code: 'validation_failed' });
    expect(await ask(annRoom, 'ask', { text: 'hi', $where: 'sleep(1000)' })).toMatchObject({
      code: 'validation_failed',
    });
    expect(await ask(annRoom, 'react', { emoji: '<script>' })).toMatchObject({ code: 'validation_failed' });
    expect(await ask(annRoom, 'vote', { pollId: 'nope1234', choices: [0] })).toMatchObject({
      code: 'not_found',
    });
    expect(stateOf(annRoom).questions).toHaveLength(2);
  });

  it('closes the room for everyone when the session ends', async () => {
    const [hostRoom] = rooms as [Room];
    const left = new Promise<number>((resolve) => hostRoom.onLeave((code) => resolve(code)));
    expect((await (await on(1, 'host'))('POST', path('/end'))).status).toBe(200);
    await left;
    expect(stateOf(hostRoom).status).toBe('ended');
    expect((await (await on(0, 'ann'))('POST', path('/room'))).status).toBe(409);
  });
});
