// Categories through the API, black-box: a category channel is created, a service moves a channel
// under it and out again by PATCH parentId; a channel cannot go under a non-category, nor a
// category under anything. Members' channel lists show the move at once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type ApiCall } from '../support/api.js';
import { testDatabase } from '../support/community.js';
import { startTestHub } from '../support/hub.js';

describe('channel categories through the API', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let service: ApiCall;

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `cat${randomUUID().slice(0, 6)}` },
    });
    service = await apiAs(hub.url, 'marketplace-core', { roles: [], scope: 'hub.admin' });
  });
  afterAll(async () => {
    await hub.shutdown();
    await db.drop();
  });

  it('moves a channel under a category and out again', async () => {
    const created = await service('POST', '/api/v1/communities', {
      slug: 'categories',
      name: 'Categories',
      ownerId: 'boss',
    });
    const community = created.body as { id: string; channels: { id: string; name: string }[] };
    const channelId = (name: string) => community.channels.find((c) => c.name === name)?.id ?? '';
    const owner = await apiAs(hub.url, 'boss', { roles: [] });
    const category = await owner('POST', `/api/v1/communities/${community.id}/channels`, {
      kind: 'category',
      name: 'Help',
    });
    expect(category.status).toBe(201);
    const categoryId = String(category.body['id']);
    const parentOf = async (id: string) => {
      const list = await owner('GET', `/api/v1/communities/${community.id}/channels`);
      return (list.body['items'] as { id: string; parentId: string | null }[]).find((c) => c.id === id)
        ?.parentId;
    };

    const general = channelId('general');
    expect((await service('PATCH', `/api/v1/channels/${general}`, { parentId: categoryId })).status).toBe(
      200,
    );
    expect(await parentOf(general)).toBe(categoryId);
    // Only a category can hold channels, and a category goes under nothing.
    const notCategory = await service('PATCH', `/api/v1/channels/${general}`, {
      parentId: channelId('announcements'),
    });
    expect(notCategory.status).toBe(400);
    expect((await owner('PATCH', `/api/v1/channels/${categoryId}`, { parentId: categoryId })).status).toBe(
      400,
    );
    expect((await owner('PATCH', `/api/v1/channels/${general}`, { parentId: null })).status).toBe(200);
    expect(await parentOf(general)).toBeNull();
  });
});
