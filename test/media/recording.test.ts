// Recording a live session through the hub (the local recorder, which records no media): hosts
// start one recording at a time while the session is live, stop it once, and list it with its
// status and link; members may not; ending the session stops a running recording.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, testDatabase } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { freePort } from '../support/redis-server.js';

type Hub = Awaited<ReturnType<typeof startTestHub>>;

describe('live session recordings (local recorder)', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Hub;
  let host: ApiCall;
  let ann: ApiCall;
  let sessionId = '';
  const at = (rest: string) => `/api/v1/live-sessions/${sessionId}${rest}`;

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({
      server: { port: await freePort() },
      mongodb: { url: db.url },
      redis: { keyPrefix: `rec${randomUUID().slice(0, 6)}` },
    });
    const c = await createTestCommunity(hub.url, {
      members: [{ userId: 'host', roles: ['member', 'host'], name: 'Host' }],
    });
    host = await apiAs(hub.url, 'host');
    ann = await apiAs(hub.url, 'ann');
    const created = await host('POST', `/api/v1/communities/${c.id}/live-sessions`, {
      title: 'Recorded clinic',
      startsAt: new Date(Date.now() + 600_000).toISOString(),
      durationMin: 30,
      capacity: 5,
    });
    sessionId = created.body['id'] as string;
  }, 60_000);

  afterAll(async () => {
    await hub?.shutdown();
    await db?.drop();
  });

  it('records only while live, for hosts only, one recording at a time', async () => {
    const early = await host('POST', at('/recordings'));
    expect(early.status).toBe(409);
    expect((await host('POST', at('/start'))).status).toBe(200);
    expect((await ann('POST', at('/recordings'))).status).toBe(403);

    const [a, b] = await Promise.all([host('POST', at('/recordings')), host('POST', at('/recordings'))]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const started = (a.status === 201 ? a : b).body;
    expect(started).toMatchObject({ backend: 'local', status: 'recording', url: null, stoppedAt: null });

    const stopped = await host('POST', at(`/recordings/${started['id'] as string}/stop`));
    expect(stopped.status).toBe(200);
    // The local recorder keeps no file: complete, with no link.
    expect(stopped.body).toMatchObject({ id: started['id'], status: 'complete', url: null });
    expect(stopped.body['stoppedAt']).toEqual(expect.any(String));
    const again = await host('POST', at(`/recordings/${started['id'] as string}/stop`));
    expect(again.status).toBe(409);
    expect((await host('POST', at('/recordings/nosuchrec123/stop'))).status).toBe(404);
    expect((await ann('GET', at('/recordings'))).status).toBe(403);
  });

  it('lists the recordings, and ending the session stops the one running', async () => {
    const second = await host('POST', at('/recordings'));
    expect(second.status).toBe(201);
    expect((await host('POST', at('/end'))).status).toBe(200);
    const list = await host('GET', at('/recordings'));
    expect(list.status).toBe(200);
    const items = list.body['items'] as { id: string; status: string }[];
    expect(items).toHaveLength(2);
    expect(items.map((r) => r.status)).toEqual(['complete', 'complete']);
    expect(items[1]?.id).toBe(second.body['id']);
  });
});
