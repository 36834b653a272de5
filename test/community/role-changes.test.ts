// Renaming, recolouring, moving and deleting roles through the API, black-box: a service may edit
// any role; a member with MANAGE_ROLES only roles below their highest, and never to or above it;
// a deleted role is gone from its members at once, so a connected member's sends stop at once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type ApiCall } from '../support/api.js';
import { testDatabase } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

interface Community {
  id: string;
  roles: { id: string; key: string | null; position: number }[];
  channels: { id: string; name: string; topic: string }[];
}

describe('role changes through the API', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let service: ApiCall;
  let community: Community;
  const roleId = (key: string) => community.roles.find((r) => r.key === key)?.id ?? '';

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `rol${randomUUID().slice(0, 6)}` },
    });
    service = await apiAs(hub.url, 'marketplace-core', { roles: [], scope: 'hub.admin' });
    const created = await service('POST', '/api/v1/communities', {
      slug: 'role-changes',
      name: 'Role changes',
      ownerId: 'boss',
    });
    community = created.body as unknown as Community;
    const owner = await apiAs(hub.url, 'boss', { roles: [] });
    const manager = await owner('POST', `/api/v1/communities/${community.id}/roles`, {
      name: 'Role manager',
      permissions: ['MANAGE_ROLES', 'VIEW_CHANNEL'],
      position: 3,
    });
    expect(manager.status).toBe(201);
    await service('POST', `/api/v1/communities/${community.id}/members:bulk`, {
      members: [
        { userId: 'ann', roles: ['member'] },
        { userId: 'rita', roles: ['member', String(manager.body['id'])] },
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await hub.shutdown();
    await db.drop();
  });

  it('lets a manager edit roles below their highest only, and a service any role', async () => {
    const rita = await apiAs(hub.url, 'rita', { roles: [] });
    const ann = await apiAs(hub.url, 'ann', { roles: [] });
    const path = (key: string) => `/api/v1/communities/${community.id}/roles/${roleId(key)}`;

    const renamed = await rita('PATCH', path('member'), { name: 'Regulars', color: '#3366ff' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Regulars', color: '#3366ff', position: 1, key: 'member' });
    // At or above rita's highest role (3): refused, whether the role or its new place.
    expect((await rita('PATCH', path('moderator'), { name: 'Mods' })).status).toBe(403);
    expect((await rita('PATCH', path('member'), { position: 3 })).status).toBe(403);
    expect((await rita('DELETE', path('host'))).status).toBe(200);
    expect((await rita('DELETE', path('moderator'))).status).toBe(403);
    // No MANAGE_ROLES: refused.
    expect((await ann('PATCH', path('member'), { name: 'x' })).status).toBe(403);
    expect((await rita('PATCH', path('member'), {})).status).toBe(400);
    expect((await rita('DELETE', path('everyone'))).status).toBe(403);

    const moved = await service('PATCH', path('moderator'), { name: 'Mods', position: 6, color: null });
    expect(moved.body).toMatchObject({ name: 'Mods', position: 6, color: null });
    const roles = await service('GET', `/api/v1/communities/${community.id}`);
    expect((roles.body['roles'] as { key: string | null }[]).map((r) => r.key)).not.toContain('host');
  });

  it('takes a deleted role from its members at once: a connected member can no longer send', async () => {
    const general = community.channels.find((c) => c.name === 'general');
    if (!general) throw new Error('no general channel');
    const client = await TestClient.connect(hub.wsUrl, await tokenFor('ann', { roles: [] }));
    const send = (body: string) =>
      client.request({ type: 'publish', channel: general.topic, data: { body }, nonce: randomUUID() });
    expect((await send('before')).result).toBeDefined();
    const deleted = await service('DELETE', `/api/v1/communities/${community.id}/roles/${roleId('member')}`);
    expect(deleted.body).toEqual({ deleted: true, members: 2 });
    const refused = await send('after');
    expect(refused.error?.code).toBe('forbidden');
    client.close();
    expect(
      (await service('DELETE', `/api/v1/communities/${community.id}/roles/${roleId('member')}`)).status,
    ).toBe(404);
  });
});
