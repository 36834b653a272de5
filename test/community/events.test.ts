// Signed event webhooks end to end: a hub node and a worker, a local receiver standing in for the
// marketplace core. The service provisions a community and members, a user joins, chats and is
// reported, a moderator decides the case by a kick: the core hears each step once, signed.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketplaceEvent } from '../../community/events/marketplace-events.js';
import { verifyWebhook } from '../../community/notifications/webhook-signature.js';
import { processors } from '../../hub/processors.js';
import { startWorker, type WorkerProcess } from '../../hub/worker.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { testDatabase } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';

const SECRET = 'marketplace-events-secret-0123456789';

describe('signed event webhooks to the marketplace', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let worker: WorkerProcess;
  let receiver: Server;
  let service: ApiCall;
  const received: { event: MarketplaceEvent; valid: boolean; delivery: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const valid = verifyWebhook(
          SECRET,
          {
            signature: String(req.headers['x-hubbub-signature']),
            timestamp: String(req.headers['x-hubbub-timestamp']),
          },
          body,
        );
        received.push({
          event: JSON.parse(body) as MarketplaceEvent,
          valid,
          delivery: String(req.headers['x-hubbub-delivery']),
        });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    db = await testDatabase();
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `evt${randomUUID().slice(0, 6)}` },
      events: {
        webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hubbub`,
        webhookSecret: SECRET,
        backoffMs: 100,
      },
    });
    worker = await startWorker(hub.config, (resources) => processors(hub.config, resources));
    service = await apiAs(hub.url, 'marketplace-core', { roles: [], scope: 'hub.admin' });
  });
  afterAll(async () => {
    await worker.shutdown();
    await hub.shutdown();
    await db.drop();
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  const ofType = <T extends MarketplaceEvent['type']>(type: T) =>
    received.filter((r) => r.event.type === type).map((r) => r.event as MarketplaceEvent<T>);

  it('tells the core of members joining and leaving, a flagged message and the decided case', async () => {
    const created = await service('POST', '/api/v1/communities', {
      slug: 'events-co',
      name: 'Events Co',
      ownerId: 'owner-1',
    });
    expect(created.status).toBe(201);
    const community = created.body as { id: string; channels: { id: string; name: string; topic: string }[] };
    const general = community.channels.find((c) => c.name === 'general');
    if (!general) throw new Error('no general channel');

    await service('POST', `/api/v1/communities/${community.id}/members:bulk`, {
      members: [{ userId: 'mo', roles: ['member', 'moderator'], name: 'Mo' }],
    });
    const ann = await apiAs(hub.url, 'ann', { name: 'Ann', roles: ['member'] });
    expect((await ann('POST', `/api/v1/communities/${community.id}/join`)).status).toBe(200);
    // Joining again changes nothing, so it tells the core nothing.
    expect((await ann('POST', `/api/v1/communities/${community.id}/join`)).status).toBe(200);
    await eventually(() => ofType('member.joined').length >= 2);
    expect(ofType('member.joined').map((e) => e.data)).toEqual(
      expect.arrayContaining([
        { userId: 'mo', name: 'Mo', via: 'service' },
        { userId: 'ann', name: 'Ann', via: 'join' },
      ]),
    );

    const client = await TestClient.connect(hub.wsUrl, await tokenFor('ann', { roles: ['member'] }));
    const sent = await client.request({
      type: 'publish',
      channel: general.topic,
      data: { body: 'buy my stuff' },
      nonce: randomUUID(),
    });
    client.close();
    const messageId = (sent.result as { messageId?: string } | undefined)?.messageId;
    if (!messageId) throw new Error(`the message was not sent: ${JSON.stringify(sent)}`);
    const bob = await apiAs(hub.url, 'bob', { roles: ['member'] });
    expect((await bob('POST', `/api/v1/communities/${community.id}/join`)).status).toBe(200);
    const report = await bob('POST', `/api/v1/channels/${general.id}/messages/${messageId}/report`, {
      reason: 'spam',
    });
    expect(report.status).toBe(200);
    await eventually(() => ofType('message.flagged').length === 1);
    const [flagged] = ofType('message.flagged');
    expect(flagged).toMatchObject({
      communityId: community.id,
      data: { channelId: general.id, messageId, authorId: 'ann', source: 'report', by: 'bob' },
    });

    const mo = await apiAs(hub.url, 'mo', { roles: [] });
    const decided = await mo('POST', `/api/v1/cases/${flagged?.data.caseId ?? ''}/decision`, {
      action: 'kick',
      reason: 'spam',
    });
    expect(decided.status).toBe(200);
    await eventually(() => ofType('case.decided').length === 1 && ofType('member.left').length === 1);
    expect(ofType('case.decided')[0]?.data).toMatchObject({
      caseId: flagged?.data.caseId,
      messageId,
      authorId: 'ann',
      action: 'kick',
      by: 'mo',
      reason: 'spam',
      durationS: null,
    });
    expect(ofType('member.left')[0]?.data).toEqual({ userId: 'ann', reason: 'kicked', by: 'mo' });

    expect((await bob('POST', `/api/v1/communities/${community.id}/leave`)).status).toBe(204);
    await service('DELETE', `/api/v1/communities/${community.id}/members/mo`);
    await eventually(() => ofType('member.left').length === 3);
    expect(ofType('member.left').map((e) => e.data)).toEqual(
      expect.arrayContaining([
        { userId: 'bob', reason: 'left', by: 'bob' },
        { userId: 'mo', reason: 'removed', by: 'marketplace-core' },
      ]),
    );

    // Every delivery signed, every event delivered once, its id the delivery id.
    expect(received.every((r) => r.valid && r.delivery === r.event.id)).toBe(true);
    expect(new Set(received.map((r) => r.event.id)).size).toBe(received.length);
  }, 60_000);
});
