// Reminders: a delayed job per session, run by a worker, reaching the members who marked
// interest on their user topic; a moved session is reminded at its new time only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerProcess } from '../../hub/worker.js';
import { reminderProcessor } from '../../media/sessions/reminders.js';
import { GroupCommitStore } from '../../storage/messages/group-commit.js';
import { MongoMessageStore } from '../../storage/messages/message-store.mongo.js';
import { apiAs } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { testConfig } from '../support/config.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient, type Frame } from '../support/ws-client.js';

type Hub = Awaited<ReturnType<typeof startTestHub>>;

describe('live session reminders', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let c: TestCommunity;
  let hub: Hub;
  let worker: WorkerProcess;
  const clients: TestClient[] = [];
  const LEAD_S = 3;

  beforeAll(async () => {
    db = await testDatabase();
    const overrides = {
      mongodb: { url: db.url },
      redis: { keyPrefix: `remind${randomUUID().slice(0, 6)}` },
      media: { reminderLeadS: LEAD_S },
    };
    hub = await startTestHub(overrides);
    c = await createTestCommunity(hub.url, {
      members: [{ userId: 'host', roles: ['member', 'host'], name: 'Host' }],
    });
    const config = testConfig(overrides);
    worker = await startWorker(config, (resources) => [
      reminderProcessor(config, resources, new GroupCommitStore(new MongoMessageStore(resources.connection))),
    ]);
  }, 90_000);

  afterAll(async () => {
    clients.forEach((x) => x.close());
    await worker.shutdown();
    await hub.shutdown();
    await db.drop();
  });

  const reminders = (frames: Frame[]) =>
    frames.filter(
      (f) => f.type === 'pub' && (f['data'] as { kind?: string }).kind === 'live_session_reminder',
    );

  it('reminds the interested members shortly before the start, once, at the time it was moved to', async () => {
    const host = await apiAs(hub.url, 'host');
    // The first reminder is due in 8 s: time enough to move the session first, even on a busy machine.
    const firstStart = new Date(Date.now() + (LEAD_S + 8) * 1000);
    const created = await host('POST', `/api/v1/communities/${c.id}/live-sessions`, {
      title: 'Reminder check',
      startsAt: firstStart.toISOString(),
      durationMin: 30,
      capacity: 10,
    });
    const sessionId = created.body['id'] as string;
    const ann = await apiAs(hub.url, 'ann');
    expect(
      (await ann('PUT', `/api/v1/live-sessions/${sessionId}/interest`, { interested: true })).status,
    ).toBe(200);
    const annSocket = await TestClient.connect(hub.wsUrl, await tokenFor('ann'));
    const bobSocket = await TestClient.connect(hub.wsUrl, await tokenFor('bob'));
    clients.push(annSocket, bobSocket);
    await annSocket.ok({ type: 'subscribe', channel: 'user:ann' });
    await bobSocket.ok({ type: 'subscribe', channel: 'user:bob' });

    // Moved 3 s later: the first reminder finds the start changed and stays silent.
    const newStart = new Date(firstStart.getTime() + 3_000);
    const moved = await host('PATCH', `/api/v1/live-sessions/${sessionId}`, {
      startsAt: newStart.toISOString(),
    });
    expect(moved.body['startsAt']).toBe(newStart.toISOString());

    const reminder = await annSocket.next(
      (f) => f.type === 'pub' && (f['data'] as { kind?: string }).kind === 'live_session_reminder',
      40_000,
    );
    expect(reminder['data']).toMatchObject({
      kind: 'live_session_reminder',
      sessionId,
      communityId: c.id,
      startsAt: newStart.toISOString(),
    });
    expect(Date.now()).toBeGreaterThanOrEqual(newStart.getTime() - LEAD_S * 1000 - 100);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(reminders(annSocket.frames)).toHaveLength(0); // no second one (next() took the first)
    expect(reminders(bobSocket.frames)).toHaveLength(0);
  }, 90_000);
});
