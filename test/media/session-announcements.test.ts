// Who hears that a live session started: every member when every member may see the session,
// otherwise only the viewers of its channel (on the channel's topic), never the whole timeline.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../../community/permissions/permissions.js';
import { apiAs, hubApiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, TEST_OWNER, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

describe('live session announcements', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let c: TestCommunity;
  let host: ApiCall;
  let stage = '';

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `ann${randomUUID().slice(0, 6)}` },
    });
    c = await createTestCommunity(hub.url, {
      members: [{ userId: 'host', roles: ['member', 'host'], name: 'Hana Host' }],
    });
    // A stage only the Host role may view.
    const owner = await hubApiAs(hub.url, TEST_OWNER);
    const channel = await owner.createChannel({
      path: { communityId: c.id },
      body: {
        kind: 'stage',
        name: 'hosts-only',
        private: true,
        overwrites: [
          {
            targetType: 'role',
            targetId: c.roleIds['everyone'] as string,
            allow: 0,
            deny: Permission.VIEW_CHANNEL,
          },
          {
            targetType: 'role',
            targetId: c.roleIds['host'] as string,
            allow: Permission.VIEW_CHANNEL,
            deny: 0,
          },
        ],
      },
    });
    stage = channel.id;
    host = await apiAs(hub.url, 'host', { name: 'Hana Host' });
  });
  afterAll(async () => {
    await hub.shutdown();
    await db.drop();
  });

  const startSession = async (title: string, extra: Record<string, unknown>) => {
    const created = await host('POST', `/api/v1/communities/${c.id}/live-sessions`, {
      title,
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      durationMin: 30,
      capacity: 10,
      ...extra,
    });
    expect(created.status).toBe(201);
    const id = created.body['id'] as string;
    expect((await host('POST', `/api/v1/live-sessions/${id}/start`)).status).toBe(200);
    return id;
  };

  it('tells only the channel’s viewers of a session in a channel not every member may see', async () => {
    const ann = await TestClient.connect(hub.wsUrl, await tokenFor('ann'));
    await ann.ok({ type: 'subscribe', channel: `timeline:${c.id}` });
    const viewer = await TestClient.connect(hub.wsUrl, await tokenFor('host'));
    await viewer.ok({ type: 'subscribe', channel: `timeline:${c.id}` });
    await viewer.ok({ type: 'subscribe', channel: `chan:${c.id}:${stage}` });

    const hidden = await startSession('Hosts’ huddle', { channelId: stage, visibility: 'members' });
    const told = await viewer.next((f) => f.type === 'pub' && f['channel'] === `chan:${c.id}:${stage}`);
    expect(told['data']).toMatchObject({
      kind: 'live_session_started',
      sessionId: hidden,
      title: 'Hosts’ huddle',
      audience: 'channel',
    });

    // A session every member may see goes to the timeline; it is the only one ann hears of.
    const open = await startSession('Town hall', {});
    for (const client of [ann, viewer]) {
      const pub = await client.next((f) => f.type === 'pub' && f['channel'] === `timeline:${c.id}`);
      expect(pub['data']).toMatchObject({
        kind: 'live_session_started',
        sessionId: open,
        audience: 'community',
      });
    }
    expect(ann.frames.filter((f) => f.type === 'pub')).toEqual([]);
    expect(viewer.pubs(`timeline:${c.id}`)).toEqual([]);
    const history = await ann.ok({ type: 'history', channel: `timeline:${c.id}` });
    expect(JSON.stringify(history)).not.toContain(hidden);
    [ann, viewer].forEach((x) => x.close());
  });
});
