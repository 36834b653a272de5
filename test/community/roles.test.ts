// Role management and group conversations over REST, with their effect on live permissions.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

describe('roles and group conversations', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let c: TestCommunity;

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `rol${randomUUID().slice(0, 6)}` },
    });
    c = await createTestCommunity(hub.url);
    const admin = await apiAs(hub.url, 'boss', { roles: ['member', 'admin'] });
    await admin('POST', `/api/v1/communities/${c.id}/join`);
  });
  afterAll(async () => {
    await hub.shutdown();
    await db.drop();
  });

  it('lets an administrator create a role and give it, which changes what the member may do at once', async () => {
    const admin = await apiAs(hub.url, 'boss', { roles: ['member', 'admin'] });
    const ann = await apiAs(hub.url, 'ann');
    const writer = await TestClient.connect(hub.wsUrl, await tokenFor('bob'));
    await writer.ok({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'pin me' },
      nonce: randomUUID(),
    });
    const id = (
      (await ann('GET', `/api/v1/channels/${c.channels.general}/messages`)).body['items'] as { id: string }[]
    )[0]?.id as string;
    expect((await ann('PUT', `/api/v1/channels/${c.channels.general}/pins/${id}`)).status).toBe(403);

    const created = await admin('POST', `/api/v1/communities/${c.id}/roles`, {
      name: 'Helpers',
      permissions: ['PIN_MESSAGES'],
      position: 3,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Helpers', permissions: ['PIN_MESSAGES'], key: null });
    const roleId = created.body['id'] as string;
    expect((await admin('PUT', `/api/v1/communities/${c.id}/members/ann/roles/${roleId}`)).body).toEqual({
      ok: true,
      changed: true,
    });
    expect((await ann('PUT', `/api/v1/channels/${c.channels.general}/pins/${id}`)).status).toBe(200);

    const roles = (await ann('GET', `/api/v1/communities/${c.id}/roles`)).body['items'] as {
      name: string;
      position: number;
    }[];
    expect(roles.map((r) => r.position)).toEqual([...roles.map((r) => r.position)].sort((a, b) => b - a));
    expect(roles.map((r) => r.name)).toContain('Helpers');

    expect((await admin('DELETE', `/api/v1/communities/${c.id}/members/ann/roles/${roleId}`)).body).toEqual({
      ok: true,
      changed: true,
    });
    expect((await ann('DELETE', `/api/v1/channels/${c.channels.general}/pins/${id}`)).status).toBe(403);
    writer.close();
  });

  it('keeps role management to MANAGE_ROLES, below one’s own rank, within one’s own permissions', async () => {
    const mod = await apiAs(hub.url, 'mod');
    const refused = await mod('POST', `/api/v1/communities/${c.id}/roles`, {
      name: 'x',
      permissions: [],
      position: 1,
    });
    expect(refused.status).toBe(403);
    const admin = await apiAs(hub.url, 'boss', { roles: ['member', 'admin'] });
    const managers = await admin('POST', `/api/v1/communities/${c.id}/roles`, {
      name: 'Managers',
      permissions: ['MANAGE_ROLES'],
      position: 4,
    });
    await admin('PUT', `/api/v1/communities/${c.id}/members/mod/roles/${managers.body['id'] as string}`);
    // The moderator now manages roles, but not above their rank, nor with powers they lack.
    expect(
      (await mod('POST', `/api/v1/communities/${c.id}/roles`, { name: 'Tops', permissions: [], position: 9 }))
        .status,
    ).toBe(403);
    expect(
      (
        await mod('POST', `/api/v1/communities/${c.id}/roles`, {
          name: 'Gods',
          permissions: ['ADMINISTRATOR'],
          position: 1,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await mod('POST', `/api/v1/communities/${c.id}/roles`, {
          name: 'Pinners',
          permissions: ['PIN_MESSAGES'],
          position: 1,
        })
      ).status,
    ).toBe(201);
    const bad = await mod('POST', `/api/v1/communities/${c.id}/roles`, {
      name: 'x',
      permissions: ['FLY'],
      position: 1,
    });
    expect(bad.body['error']).toMatchObject({ code: 'validation_failed' });
  });

  it('opens a group conversation that only its participants can read', async () => {
    const ann = await apiAs(hub.url, 'ann');
    const group = await ann('POST', '/api/v1/dms', { userIds: ['bob', 'insider'], name: 'Lunch' });
    expect(group.body).toMatchObject({ topic: expect.stringMatching(/^chan:dm:/), created: true });
    const topic = group.body['topic'] as string;
    for (const user of ['ann', 'bob', 'insider']) {
      const ws = await TestClient.connect(hub.wsUrl, await tokenFor(user));
      expect((await ws.request({ type: 'subscribe', channel: topic })).result).toBeDefined();
      ws.close();
    }
    const outsider = await TestClient.connect(hub.wsUrl, await tokenFor('mod'));
    expect((await outsider.request({ type: 'subscribe', channel: topic })).error?.code).toBe('forbidden');
    outsider.close();
    expect((await ann('POST', '/api/v1/dms', { userId: 'ann' })).status).toBe(400);
    expect((await ann('POST', '/api/v1/dms', { userIds: ['ann', 'bob'] })).status).toBe(400);
    expect((await ann('POST', '/api/v1/dms', { userId: 'bob', extra: 1 })).status).toBe(400);
  });
});
