// Members' pictures through the API, against a real hub: the service API's member upsert (one
// and in bulk) stores a `picture` (https only, refused otherwise with validation_failed), keeps
// it when left out and removes it on null; members read the name and picture of the members
// among a list of ids (member-profiles), a picture from a token's join included; a non-member
// reads nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';

const PICTURE = 'https://cdn.marketplace.example/avatars/ann.png';

describe('member pictures', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let c: TestCommunity;
  let service: ApiCall;
  let bob: ApiCall;

  const profiles = (as: ApiCall, ids: string) =>
    as('GET', `/api/v1/communities/${c.id}/member-profiles?userIds=${ids}`);
  const pictureOf = async (userId: string) => {
    const res = await profiles(bob, userId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body['items'] as { picture: string | null }[])[0]?.picture;
  };

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `pic${randomUUID().slice(0, 6)}` },
    });
    c = await createTestCommunity(hub.url);
    // The marketplace core's service token (as serviceApi's), with answers read by status.
    service = await apiAs(hub.url, 'marketplace-core', { roles: [], scope: 'hub.admin' });
    bob = await apiAs(hub.url, 'bob');
  });
  afterAll(async () => {
    await hub.shutdown();
    await db.drop();
  });

  it('stores the picture the service upserts, keeps it when left out and removes it on null', async () => {
    const put = (body: unknown) => service('PUT', `/api/v1/communities/${c.id}/members/ann`, body);
    expect((await put({ roles: ['member'], picture: PICTURE })).status).toBe(200);
    const res = await profiles(bob, 'ann,bob,nobody');
    expect(res.status).toBe(200);
    expect(
      (res.body['items'] as { userId: string }[]).sort((a, b) => a.userId.localeCompare(b.userId)),
    ).toEqual([
      { userId: 'ann', name: 'Name ann', picture: PICTURE },
      { userId: 'bob', name: 'Name bob', picture: null },
    ]);
    // Left out: kept (a name change does not drop it); null: removed.
    expect((await put({ roles: ['member'], name: 'Ann Again' })).status).toBe(200);
    expect(await pictureOf('ann')).toBe(PICTURE);
    expect((await put({ roles: ['member'], picture: null })).status).toBe(200);
    expect(await pictureOf('ann')).toBeNull();
  });

  it('takes pictures in bulk, a new member included', async () => {
    const res = await service('POST', `/api/v1/communities/${c.id}/members:bulk`, {
      members: [
        { userId: 'cara', roles: ['member'], name: 'Cara', picture: 'https://cdn.example/cara.webp' },
        { userId: 'dan', roles: ['member'] },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await pictureOf('cara')).toBe('https://cdn.example/cara.webp');
    expect(await pictureOf('dan')).toBeNull();
    // A member who is removed is no one's member any more: left out.
    expect((await service('DELETE', `/api/v1/communities/${c.id}/members/cara`)).status).toBe(200);
    expect((await profiles(bob, 'cara,dan')).body['items']).toEqual([
      { userId: 'dan', name: 'dan', picture: null },
    ]);
  });

  it('refuses a picture that is not https, as it would never show, and changes nothing', async () => {
    for (const picture of [
      'http://cdn.example/ann.png',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      `https://cdn.example/${'a'.repeat(2_050)}.png`,
      'not a url',
    ]) {
      const one = await service('PUT', `/api/v1/communities/${c.id}/members/eve`, {
        roles: ['member'],
        picture,
      });
      expect(one.status, picture).toBe(400);
      expect((one.body['error'] as { code: string }).code).toBe('validation_failed');
      const bulk = await service('POST', `/api/v1/communities/${c.id}/members:bulk`, {
        members: [{ userId: 'eve', roles: ['member'], picture }],
      });
      expect(bulk.status, picture).toBe(400);
    }
    expect((await profiles(bob, 'eve')).body['items']).toEqual([]);
  });

  it("serves the picture of a member's token when they joined", async () => {
    const fay = await apiAs(hub.url, 'fay', { name: 'Fay', picture: 'https://pictures.example/fay.png' });
    expect((await fay('POST', `/api/v1/communities/${c.id}/join`)).status).toBe(200);
    expect(await pictureOf('fay')).toBe('https://pictures.example/fay.png');
  });

  it('answers members only, for at most 100 ids', async () => {
    const stranger = await apiAs(hub.url, 'stranger');
    const res = await profiles(stranger, 'ann');
    expect(res.status).toBe(404);
    expect((res.body['error'] as { code: string }).code).toBe('not_found');
    const many = Array.from({ length: 101 }, (_, i) => `u${i}`).join(',');
    const tooMany = await profiles(bob, many);
    expect(tooMany.status).toBe(400);
    expect((tooMany.body['error'] as { code: string }).code).toBe('validation_failed');
    expect((await profiles(bob, 'bad%20id')).status).toBe(400);
  });
});
