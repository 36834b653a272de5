// Erasure covers everything a user left, in every feature: a member opens a support conversation
// (synced to Chatwoot), marks interest in a live session, asks a question in another that is live
// and votes in its poll, and in a third asks a question saved with its results when it ends. Once
// erased, their Chatwoot contact is gone (deleted through Chatwoot's API), the jobs naming them
// are gone from the queues, and no MongoDB collection and no Redis key at all (every key of the
// server, names and values) holds their id, name or words: nothing is excluded.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EVENTS_QUEUE } from '../../community/events/event-queue.js';
import { NOTIFICATIONS_QUEUE } from '../../hub/processors.js';
import { liveSessionModel } from '../../media/sessions/session.model.js';
import { BullJobQueue } from '../../storage/queue/job-queue.bullmq.js';
import { createRedis } from '../../storage/redis.js';
import { deliver, signedWebhook } from '../media/webhooks.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity } from '../support/community.js';
import { SUPPORT_WAIT_MS, useSupportStack } from '../support/support-inbox.js';
import { eventually } from '../support/wait.js';

const USER = `zoe-erasable-${randomUUID().slice(0, 6)}`;
const NAME = 'Zoe Quartzfeld';
const WORDS = 'QUOKKA-PRIVATE-WORDS';

const stack = useSupportStack({ name: 'erase' });

describe('erasing a user from every feature', { timeout: 120_000 }, () => {
  it('leaves nothing of them in MongoDB, Redis or Chatwoot', async () => {
    const { hub, db, double } = stack;
    const c = await createTestCommunity(hub.url, {
      members: [{ userId: 'host', roles: ['member', 'host'], name: 'Host' }],
    });
    const host = await apiAs(hub.url, 'host');
    const zoe = await apiAs(hub.url, USER, { name: NAME });
    expect((await zoe('POST', `/api/v1/communities/${c.id}/join`)).status, 'join the community').toBeLessThan(
      300,
    );

    // Support: a conversation, synced to Chatwoot with a contact for the member.
    const opened = await zoe('POST', '/api/v1/support/conversations', {
      subject: `Help ${WORDS}`,
      message: `My problem: ${WORDS}`,
    });
    expect(opened.status).toBe(201);
    const conversationId = (opened.body['conversation'] as { id: string }).id;
    await eventually(() => stack.chatwootConversation(conversationId) !== undefined, SUPPORT_WAIT_MS);
    expect(double.contacts.some((x) => x.identifier === USER)).toBe(true);

    // Live sessions: interest in one, a question and a poll vote in a live one, and a question in
    // one that ends (its results, questions included, are saved with it).
    const session = async (title: string) => {
      const created = await host('POST', `/api/v1/communities/${c.id}/live-sessions`, {
        title,
        startsAt: new Date(Date.now() + 600_000).toISOString(),
        durationMin: 30,
        capacity: 5,
      });
      const id = created.body['id'] as string;
      const room = (await liveSessionModel(db.connection).findById(id).lean())?.room as string;
      return { id, room };
    };
    const live = (s: { room: string }, event: string) =>
      signedWebhook({ event, room: s.room }, hub.config.livekit).then((w) => deliver(hub.url, w));
    const later = await session('Later');
    expect(
      (await zoe('PUT', `/api/v1/live-sessions/${later.id}/interest`, { interested: true })).status,
    ).toBe(200);
    const running = await session('Running');
    const ended = await session('Ended');
    for (const s of [running, ended]) expect((await live(s, 'room_started')).status).toBe(200);
    const ask = async (api: ApiCall, sessionId: string) =>
      api('POST', `/api/v1/live-sessions/${sessionId}/questions`, { text: `Why ${WORDS}?` });
    expect((await ask(zoe, running.id)).status).toBeLessThan(300);
    expect((await ask(zoe, ended.id)).status).toBeLessThan(300);
    const poll = await host('POST', `/api/v1/live-sessions/${running.id}/polls`, {
      question: 'Tea or coffee?',
      options: ['tea', 'coffee'],
    });
    const pollId = (poll.body['id'] ?? (poll.body['poll'] as { id?: string } | undefined)?.id) as string;
    expect(
      (await zoe('POST', `/api/v1/live-sessions/${running.id}/polls/${pollId}/votes`, { choices: [0] }))
        .status,
    ).toBeLessThan(300);
    expect((await live(ended, 'room_finished')).status).toBe(200);
    const saved = await liveSessionModel(db.connection).findById(ended.id).lean();
    expect(JSON.stringify(saved?.results)).toContain(WORDS);

    // The export holds all of it.
    const exported = JSON.stringify((await zoe('GET', `/api/v1/users/${USER}/export`)).body);
    for (const part of [`Help ${WORDS}`, `My problem: ${WORDS}`, `Why ${WORDS}?`, later.id]) {
      expect(exported).toContain(part);
    }

    // Jobs naming them wait in the queues (a notification and a marketplace event, due later).
    for (const name of [NOTIFICATIONS_QUEUE, EVENTS_QUEUE]) {
      const queue = new BullJobQueue<unknown>(name, {
        keyPrefix: hub.config.redis.keyPrefix,
        redis: hub.config.redis,
      });
      await queue.add('later', { userId: USER, name: NAME, text: WORDS }, { delayMs: 3_600_000 });
      await queue.close();
    }

    const erased = await zoe('DELETE', `/api/v1/users/${USER}`);
    expect(erased.status).toBe(200);
    expect(erased.body['features']).toMatchObject({
      support: expect.any(Number),
      liveSessions: 3,
    });
    // The two above at least; the inbox's own jobs about the conversation too.
    expect((erased.body['features'] as { jobs: number }).jobs).toBeGreaterThanOrEqual(2);

    // Chatwoot: the contact is deleted through its API, its conversation with it.
    expect(double.requests.some((r) => r.operationId === 'contactDelete')).toBe(true);
    expect(double.contacts.some((x) => x.identifier === USER)).toBe(false);
    expect(JSON.stringify(double.conversations)).not.toContain(WORDS);

    // Every MongoDB collection, read raw.
    const leftover = (text: string) => [USER, NAME, WORDS].filter((needle) => text.includes(needle));
    const leaks = new Set<string>();
    for (const { name } of (await db.connection.db?.listCollections().toArray()) ?? []) {
      const docs = JSON.stringify(await db.connection.db?.collection(name).find({}).toArray());
      if (leftover(docs).length > 0) leaks.add(`mongo ${name}`);
    }
    // Every Redis key of the server (of every master, on a cluster): its name and its value.
    const redis = createRedis(hub.config.redis, { name: 'erase-everything-test' });
    try {
      for (const server of 'nodes' in redis ? redis.nodes('master') : [redis]) {
        let cursor = '0';
        do {
          const [next, keys] = await server.scan(cursor, 'COUNT', 1000);
          cursor = next;
          for (const key of keys) {
            const type = await server.type(key);
            const value =
              type === 'stream'
                ? await server.xrange(key, '-', '+')
                : type === 'hash'
                  ? await server.hgetall(key)
                  : type === 'zset'
                    ? await server.zrange(key, '0', '-1')
                    : type === 'set'
                      ? await server.smembers(key)
                      : type === 'list'
                        ? await server.lrange(key, 0, -1)
                        : type === 'string'
                          ? await server.get(key)
                          : null;
            if (leftover(key + JSON.stringify(value)).length > 0) leaks.add(key);
          }
        } while (cursor !== '0');
      }
    } finally {
      redis.disconnect();
    }
    expect([...leaks], 'traces of the erased user').toEqual([]);
  });
});
