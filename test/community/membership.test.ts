// Membership actions take effect on live connections at once, on every node: across two nodes
// on the standalone Redis and on the Redis Cluster.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.js';
import {
  createTestCommunity,
  testDatabase,
  upsertTestMember,
  type TestCommunity,
} from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';
import { redisTargets } from '../support/redis-targets.js';

type Hub = Awaited<ReturnType<typeof startTestHub>>;

describe.each(redisTargets())('membership actions on live connections, on $name', (target) => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let a: Hub;
  let b: Hub;
  let c: TestCommunity;

  beforeAll(async () => {
    db = await testDatabase();
    const overrides = {
      mongodb: { url: db.url },
      redis: { ...target.config.redis, keyPrefix: `mem${randomUUID().slice(0, 6)}` },
    };
    a = await startTestHub(overrides);
    b = await startTestHub(overrides);
    c = await createTestCommunity(a.url);
  });
  afterAll(async () => {
    await Promise.all([a.shutdown(), b.shutdown()]);
    await db.drop();
  });

  it('stops a timed-out member’s sends at once, and lets them speak again when lifted', async () => {
    const ann = await TestClient.connect(b.wsUrl, await tokenFor('ann'));
    const send = () =>
      ann.request({
        type: 'publish',
        channel: c.topic('general'),
        data: { body: 'hello' },
        nonce: randomUUID(),
      });
    expect((await send()).result).toBeDefined(); // the member's permissions are now cached on node B
    const mod = await apiAs(a.url, 'mod');
    expect(
      (
        await mod('POST', `/api/v1/communities/${c.id}/members/ann/timeout`, {
          durationS: 600,
          reason: 'cool down',
        })
      ).status,
    ).toBe(200);
    const refused = await send();
    expect(refused.error?.code).toBe('timed_out');
    expect(refused.error?.retryAfterMs).toBeGreaterThan(590_000);
    await mod('POST', `/api/v1/communities/${c.id}/members/ann/timeout`, { durationS: 0, reason: '' });
    expect((await send()).result).toBeDefined();
    ann.close();
  });

  it('stops sends at once on every node when a role change takes SEND_MESSAGES from a cached standing', async () => {
    const join = (userId: string, role: string) => upsertTestMember(a.url, c.id, { userId, roles: [role] });
    await join('carl', 'member');
    await join('root', 'admin');
    const carl = await TestClient.connect(b.wsUrl, await tokenFor('carl'));
    const send = () =>
      carl.request({
        type: 'publish',
        channel: c.topic('general'),
        data: { body: 'hi' },
        nonce: randomUUID(),
      });
    await carl.ok({ type: 'subscribe', channel: c.topic('general') });
    expect((await send()).result).toBeDefined(); // carl's channel standing is now cached on node B
    const root = await apiAs(a.url, 'root');
    const taken = await root(
      'DELETE',
      `/api/v1/communities/${c.id}/members/carl/roles/${c.roleIds['member']}`,
    );
    expect(taken).toMatchObject({ status: 200, body: { ok: true, changed: true } });
    expect((await send()).error?.code).toBe('forbidden'); // @everyone may view, not send
    const root2 = await apiAs(b.url, 'root');
    await root2('PUT', `/api/v1/communities/${c.id}/members/carl/roles/${c.roleIds['member']}`);
    expect((await send()).result).toBeDefined();
    carl.close();
  });

  it('ends a banned member’s subscriptions on every node at once, and keeps them out', async () => {
    const [onA, onB] = [
      await TestClient.connect(a.wsUrl, await tokenFor('bob')),
      await TestClient.connect(b.wsUrl, await tokenFor('bob')),
    ];
    await onA.ok({ type: 'subscribe', channel: c.topic('general') });
    await onB.ok({ type: 'subscribe', channel: `timeline:${c.id}` });
    const mod = await apiAs(b.url, 'mod');
    expect(
      (await mod('POST', `/api/v1/communities/${c.id}/members/bob/ban`, { reason: 'spam' })).status,
    ).toBe(200);
    expect(await onA.next((f) => f.type === 'unsub')).toEqual({
      type: 'unsub',
      channel: c.topic('general'),
      code: 'forbidden',
    });
    expect(await onB.next((f) => f.type === 'unsub')).toEqual({
      type: 'unsub',
      channel: `timeline:${c.id}`,
      code: 'forbidden',
    });
    expect((await onA.request({ type: 'subscribe', channel: c.topic('general') })).error?.code).toBe(
      'forbidden',
    );
    expect(
      (
        await onB.request({
          type: 'publish',
          channel: c.topic('general'),
          data: { body: 'back!' },
          nonce: randomUUID(),
        })
      ).error?.code,
    ).toBe('forbidden');
    const rejoin = await (await apiAs(a.url, 'bob'))('POST', `/api/v1/communities/${c.id}/join`);
    expect(rejoin.status).toBe(403);
    onA.close();
    onB.close();
  });

  it('lets only moderators act, and never on someone ranked as high', async () => {
    const ann = await apiAs(a.url, 'ann');
    expect(
      (await ann('POST', `/api/v1/communities/${c.id}/members/insider/kick`, { reason: '' })).status,
    ).toBe(403);
    const mod = await apiAs(a.url, 'mod');
    expect(
      (await mod('POST', `/api/v1/communities/${c.id}/members/mod/timeout`, { durationS: 5, reason: '' }))
        .status,
    ).toBe(403);
    const watcher = await TestClient.connect(b.wsUrl, await tokenFor('insider'));
    await watcher.ok({ type: 'subscribe', channel: `timeline:${c.id}` });
    const admin = await apiAs(a.url, 'boss', { roles: ['member', 'admin'], name: 'The Boss' });
    expect((await admin('POST', `/api/v1/communities/${c.id}/join`)).body).toMatchObject({
      member: true,
      permissions: expect.arrayContaining(['ADMINISTRATOR']),
    });
    const joined = await watcher.next(
      (f) => f.type === 'pub' && (f['data'] as { kind: string }).kind === 'member.joined',
    );
    expect(joined['data']).toEqual({ kind: 'member.joined', userId: 'boss', name: 'The Boss' });
    watcher.close();
    expect((await mod('POST', `/api/v1/communities/${c.id}/members/boss/kick`, { reason: '' })).status).toBe(
      403,
    );
    expect(
      (
        await admin('POST', `/api/v1/communities/${c.id}/members/mod/timeout`, {
          durationS: 5,
          reason: 'test',
        })
      ).status,
    ).toBe(200);
  });
});
