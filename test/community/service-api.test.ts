// The service API end to end, black-box through HTTP and the gateway, as a marketplace core uses
// it (the generated client): it creates a community from the template, upserts members in bulk
// and hears of them on its signed event webhook, a member chats in general, the community is
// archived (sends refused, history readable) and deleted (nothing of it left in MongoDB or
// Redis). A user token, even a marketplace admin's, is refused on every service route.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubOpenApi } from '../../hub/openapi.js';
import { processors } from '../../hub/processors.js';
import { startWorker, type WorkerProcess } from '../../hub/worker.js';
import { HubApiError, type HubApi } from '../../realtime/client/index.js';
import { createRedis, type RedisClient } from '../../storage/redis.js';
import { apiAs, serviceApi, type ApiCall } from '../support/api.js';
import { testDatabase } from '../support/community.js';
import { startEventReceiver, type EventReceiver } from '../support/event-receiver.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';

type Hub = Awaited<ReturnType<typeof startTestHub>>;
const EVENTS_SECRET = 'service-api-events-secret-0123456789';
interface Community {
  id: string;
  slug: string;
  ownerId: string;
  archived: boolean;
  roles: { id: string; key: string | null }[];
  channels: { id: string; name: string; topic: string; kind: string }[];
}

const MARKETPLACE_ADMIN = { roles: ['member', 'host', 'agent', 'moderator', 'admin'] };

describe('the service API', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Hub;
  let redis: RedisClient;
  let worker: WorkerProcess;
  let receiver: EventReceiver;
  /** The marketplace core: the generated client with a service token. */
  let core: HubApi;
  /** The same token, for answers a test reads by status. */
  let service: ApiCall;
  let prefix: string;

  const mongo = () => {
    if (!db.connection.db) throw new Error('the test database is not connected');
    return db.connection.db;
  };

  beforeAll(async () => {
    db = await testDatabase();
    prefix = `svc${randomUUID().slice(0, 6)}`;
    receiver = await startEventReceiver(EVENTS_SECRET);
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: prefix },
      events: { webhookUrl: receiver.url, webhookSecret: EVENTS_SECRET, backoffMs: 100 },
    });
    worker = await startWorker(hub.config, (resources) => processors(hub.config, resources));
    redis = createRedis(hub.config.redis, { name: 'service-api-test' });
    core = await serviceApi(hub.url);
    service = await apiAs(hub.url, 'marketplace-core', { roles: [], scope: 'hub.admin' });
  });
  afterAll(async () => {
    await worker.shutdown();
    await hub.shutdown();
    await redis.quit();
    await db.drop();
    await receiver.close();
  });

  it('takes a community from creation to deletion', async () => {
    const community = await core.createCommunity({
      body: { slug: 'acme-plumbing', name: 'Acme Plumbing', ownerId: 'owner-1' },
    });
    expect(community).toMatchObject({ slug: 'acme-plumbing', ownerId: 'owner-1', archived: false });
    expect(community.roles.map((r) => r.key)).toEqual(expect.arrayContaining(['everyone', 'moderator']));
    expect(community.channels.map((c) => c.name)).toEqual(['general', 'announcements']);
    const general = community.channels.find((c) => c.name === 'general');
    if (!general) throw new Error('no general channel');

    const taken = await core
      .createCommunity({ body: { slug: 'acme-plumbing', name: 'X', ownerId: 'o' } })
      .catch((err: unknown) => err);
    expect(taken).toBeInstanceOf(HubApiError);
    expect(taken).toMatchObject({ status: 409, code: 'conflict' });

    const bulk = await core.upsertMembersBulk({
      path: { communityId: community.id },
      body: {
        members: [
          { userId: 'ann', roles: ['member'], name: 'Ann' },
          { userId: 'mo', roles: ['member', 'moderator'] },
          ...Array.from({ length: 98 }, (_, i) => ({ userId: `crowd-${i}`, roles: ['member'] })),
        ],
      },
    });
    const outcomes = bulk.items.map((i) => i.outcome);
    expect(outcomes).toHaveLength(100);
    expect(new Set(outcomes)).toEqual(new Set(['created']));
    // Idempotent: the same declaration again changes nothing but reports the members as updated.
    const again = await core.upsertMember({
      path: { communityId: community.id, userId: 'ann' },
      body: { roles: ['member'] },
    });
    expect(again).toEqual({ userId: 'ann', outcome: 'updated' });
    // The core hears of each new member once, signed; the repeated upsert tells it nothing.
    await eventually(() => receiver.ofType('member.joined').length >= 100);
    const joined = receiver.ofType('member.joined').filter((e) => e.communityId === community.id);
    expect(joined.map((e) => e.data.userId).sort()).toEqual(bulk.items.map((i) => i.userId).sort());
    expect(joined.find((e) => e.data.userId === 'ann')?.data).toEqual({
      userId: 'ann',
      name: 'Ann',
      via: 'service',
    });
    expect(receiver.received.every((r) => r.valid && r.delivery === r.event.id)).toBe(true);

    // A member chats in general through the gateway; the message lands in the history.
    const ann = await TestClient.connect(hub.wsUrl, await tokenFor('ann', { roles: [] }));
    const send = (body: string) =>
      ann.request({ type: 'publish', channel: general.topic, data: { body }, nonce: randomUUID() });
    expect((await send('hello from ann')).result).toBeDefined();
    const annApi = await apiAs(hub.url, 'ann', { roles: [] });
    const history = () => annApi('GET', `/api/v1/channels/${general.id}/messages`);
    await eventually(async () => ((await history()).body['items'] as unknown[]).length === 1);

    // Archived: sends refused, history still readable.
    const archived = await core.archiveCommunity({ path: { communityId: community.id } });
    expect(archived.archived).toBe(true);
    const refused = await send('still there?');
    expect(refused.error?.code).toBe('forbidden');
    expect(refused.error?.message).toMatch(/archived/);
    const [sent] = (await history()).body['items'] as { id: string }[];
    const edit = await annApi('PATCH', `/api/v1/channels/${general.id}/messages/${sent?.id ?? ''}`, {
      body: 'x',
    });
    expect(edit.status).toBe(403);
    const read = await history();
    expect(read.status).toBe(200);
    expect((read.body['items'] as { body: string }[]).map((m) => m.body)).toEqual(['hello from ann']);
    ann.close();

    // Its Redis keys name the community, or one of its channels.
    const ids = [community.id, ...community.channels.map((c) => c.id)];
    const keysOfIt = async () =>
      (await redis.keys(`${prefix}:*`)).filter((k) => ids.some((id) => k.includes(id)));
    expect((await keysOfIt()).length).toBeGreaterThan(0);
    // Deleted: nothing of it left, and the system audit log says who deleted which community.
    const deleted = await core.deleteCommunity({ path: { communityId: community.id } });
    expect(deleted).toMatchObject({ deleted: true, messages: 1, members: 101 });
    expect((await service('GET', `/api/v1/communities/${community.id}`)).status).toBe(404);
    for (const name of await mongo().listCollections().toArray()) {
      if (name.name === 'audit_entries') continue;
      const collection = mongo().collection(name.name);
      const left = await collection
        .find({})
        .toArray()
        .then((docs) => docs.filter((d) => ids.some((id) => JSON.stringify(d).includes(id))));
      expect({ collection: name.name, left }).toEqual({ collection: name.name, left: [] });
    }
    const audit = await mongo().collection('audit_entries').find({}).toArray();
    const mentions = audit.filter((e) => JSON.stringify(e).includes(community.id));
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({
      communityId: null,
      action: 'community.delete',
      actorId: 'marketplace-core',
    });
    expect(await keysOfIt()).toEqual([]);
  }, 60_000);

  it('lets services and MANAGE_CHANNELS holders change and delete channels, and nobody else', async () => {
    const made = await service('POST', '/api/v1/communities', {
      slug: 'chan-ops',
      name: 'C',
      ownerId: 'boss',
    });
    const community = made.body as unknown as Community;
    const [general, announcements] = community.channels;
    if (!general || !announcements) throw new Error('template channels missing');
    await service('PUT', `/api/v1/communities/${community.id}/members/pat`, { roles: ['member'] });
    const renamed = await service('PATCH', `/api/v1/channels/${announcements.id}`, { name: 'news' });
    expect(renamed.status).toBe(200);
    const pat = await apiAs(hub.url, 'pat', { roles: [] });
    expect((await pat('DELETE', `/api/v1/channels/${general.id}`)).status).toBe(403);
    const boss = await apiAs(hub.url, 'boss', { roles: [] });
    expect((await boss('DELETE', `/api/v1/channels/${announcements.id}`)).status).toBe(200);
    expect((await service('DELETE', `/api/v1/channels/${general.id}`)).status).toBe(200);
    const after = (await service('GET', `/api/v1/communities/${community.id}`)).body as unknown as Community;
    expect(after.channels).toEqual([]);
  });

  it('refuses a user token with every marketplace role on every service route (403)', async () => {
    const admin = await apiAs(hub.url, 'ada', MARKETPLACE_ADMIN);
    const routes = Object.entries(hubOpenApi().paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { security?: Record<string, string[]>[] }>)
        .filter(([, op]) => op.security?.some((s) => Object.values(s).flat().includes('hub.admin')))
        .map(([method]) => ({
          method: method.toUpperCase(),
          path: path.replace(/\{[A-Za-z]+\}/g, 'a'.repeat(24)),
        })),
    );
    expect(routes.length).toBeGreaterThanOrEqual(9);
    for (const { method, path } of routes) {
      const res = await admin(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
    }
  });

  it('refuses a service token on the user routes', async () => {
    expect((await service('GET', '/api/v1/communities')).status).toBe(403);
  });
});
