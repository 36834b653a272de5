// A LiveKit webhook whose handling fails is not lost: the hub answers 500, LiveKit retries the
// same delivery, and the retry is handled (it used to be answered "duplicate", so a failed
// room_finished left the session live for ever). A second delivery of an event another is
// handling right now answers 503 (retried), never "duplicate".
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaKeys } from '../../media/keys.js';
import { liveSessionModel } from '../../media/sessions/session.model.js';
import { createRedis, type RedisClient } from '../../storage/redis.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { deliver, signedWebhook } from './webhooks.js';

type Hub = Awaited<ReturnType<typeof startTestHub>>;

describe('LiveKit webhook retries', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let c: TestCommunity;
  let hub: Hub;
  let host: ApiCall;
  let redis: RedisClient;

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `lkretry${randomUUID().slice(0, 6)}` },
    });
    c = await createTestCommunity(hub.url, {
      members: [{ userId: 'host', roles: ['member', 'host'], name: 'Host' }],
    });
    redis = createRedis(hub.config.redis, { name: 'webhook-retry-test' });
    host = await apiAs(hub.url, 'host');
  }, 60_000);

  afterAll(async () => {
    redis?.disconnect();
    await hub?.shutdown();
    await db?.drop();
  });

  async function newSession(): Promise<{ id: string; room: string }> {
    const created = await host('POST', `/api/v1/communities/${c.id}/live-sessions`, {
      title: 'Retried webhooks',
      startsAt: new Date(Date.now() + 600_000).toISOString(),
      durationMin: 30,
      capacity: 5,
    });
    const id = created.body['id'] as string;
    const doc = await liveSessionModel(db.connection).findById(id).lean();
    return { id, room: doc?.room as string };
  }
  const statusOf = async (id: string) => (await liveSessionModel(db.connection).findById(id).lean())?.status;

  it('handles the retry of a room_finished whose handling failed', async () => {
    const session = await newSession();
    const started = await signedWebhook({ event: 'room_started', room: session.room }, hub.config.livekit);
    expect((await deliver(hub.url, started)).body).toEqual({ outcome: 'handled' });
    expect(await statusOf(session.id)).toBe('live');

    // A real failure while ending: the session's telemetry key holds the wrong type, so reading
    // it (to save the summary) fails with Redis' WRONGTYPE error.
    const counters = mediaKeys(hub.config.redis.keyPrefix).session(session.id).counters;
    await redis.set(counters, 'not a hash');
    const finished = await signedWebhook({ event: 'room_finished', room: session.room }, hub.config.livekit);
    expect((await deliver(hub.url, finished)).status).toBe(500);
    expect(await statusOf(session.id)).toBe('live');

    // The fault is gone; LiveKit delivers the very same event again.
    await redis.del(counters);
    const retried = await deliver(hub.url, finished);
    expect(retried).toEqual({ status: 200, body: { outcome: 'handled' } });
    expect(await statusOf(session.id)).toBe('ended');
    // Handled once: a further repeat is a duplicate.
    expect((await deliver(hub.url, finished)).body).toEqual({ outcome: 'duplicate' });
  });

  it('answers 503 (retried), not "duplicate", while another delivery of the event is handled', async () => {
    const session = await newSession();
    const started = await signedWebhook({ event: 'room_started', room: session.room }, hub.config.livekit);
    const eventId = (JSON.parse(started.body) as { id: string }).id;
    // Another node's claim on this event, as it holds while handling it.
    const marker = mediaKeys(hub.config.redis.keyPrefix).webhookSeen(eventId);
    await redis.set(marker, randomUUID(), 'PX', 60_000);
    const busy = await deliver(hub.url, started);
    expect(busy.status).toBe(503);
    expect(busy.body['error']).toMatchObject({ code: 'not_ready' });
    expect(await statusOf(session.id)).toBe('scheduled');
    // That handling failed and released its claim: the retry is handled.
    await redis.del(marker);
    expect((await deliver(hub.url, started)).body).toEqual({ outcome: 'handled' });
    expect(await statusOf(session.id)).toBe('live');
  });
});
