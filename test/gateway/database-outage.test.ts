// The durable write cannot happen (the database is stopped): the sender gets `not_ready` with
// retryAfterMs and never an ack, the HTTP API answers 503 with Retry-After; the publication a
// subscriber already received (delivery comes first: docs/protocol.md "Durability") is stored
// once the database is back, under its offset, without a restart, and publishing acks again.
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubNode } from '../../hub/node.js';
import { openChannels } from '../support/authorizers.js';
import { PrivateFerretDB } from '../support/ferretdb-server.js';
import { startTestHub } from '../support/hub.js';
import { freePort } from '../support/redis-server.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';

describe('the database down', () => {
  let ferret: PrivateFerretDB;
  let hub: HubNode & { wsUrl: string };
  const database = `outage_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    ferret = new PrivateFerretDB(await freePort());
    await ferret.start();
    hub = await startTestHub(
      {
        mongodb: { url: ferret.url(database) },
        redis: { keyPrefix: `dbout${randomUUID().slice(0, 6)}` },
      },
      { authorizer: openChannels },
    );
  }, 60_000);
  afterAll(async () => {
    await hub?.shutdown();
    await ferret?.stop();
  }, 60_000);

  it('refuses with not_ready, never acks, and stores what was delivered once the database is back', async () => {
    const channel = `chan:c1:db-${randomUUID().slice(0, 6)}`;
    const reader = await TestClient.connect(hub.wsUrl, await tokenFor('bob'));
    await reader.ok({ type: 'subscribe', channel });
    const writer = await TestClient.connect(hub.wsUrl, await tokenFor('ann'));
    const publish = (body: string) =>
      writer.request({ type: 'publish', channel, data: { body }, nonce: randomUUID() }, 30_000);
    expect((await publish('before')).result).toBeDefined();

    await ferret.stop();
    const refused = await publish('during');
    expect(refused.result).toBeUndefined();
    expect(refused.error).toMatchObject({ code: 'not_ready', message: expect.stringMatching(/database/) });
    expect((refused.error as { retryAfterMs?: number }).retryAfterMs).toBeGreaterThan(0);
    // The subscriber received it: the Redis step (offset and delivery) came first.
    const during = await reader.next(
      (f) => f.type === 'pub' && (f['data'] as { body?: string } | undefined)?.body === 'during',
    );
    const res = await fetch(`${hub.url}/api/v1/communities`, {
      headers: { authorization: `Bearer ${await tokenFor('ann')}` },
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_ready');

    await ferret.start();
    // Without a restart of the hub: the failed batch is written again, and publishing acks.
    const after = await eventually(async () => (await publish('after')).result, 30_000);
    expect(after).toBeDefined();

    const db = await mongoose.createConnection(ferret.url(database)).asPromise();
    try {
      const rows = await eventually(async () => {
        const found = await db
          .collection('publications')
          .find({ channel }, { projection: { offset: 1, data: 1 } })
          .sort({ offset: 1 })
          .toArray();
        return found.length >= 3 ? found : undefined;
      }, 30_000);
      const bodyOf = (data: unknown) =>
        ((typeof data === 'string' ? JSON.parse(data) : data) as { body: string }).body;
      const stored = rows.map((r) => [r['offset'] as number, bodyOf(r['data'])]);
      expect(stored).toContainEqual([during['offset'], 'during']);
      // Every offset the channel handed out is stored once: 1 before, 2 during, then after.
      expect(stored.map(([offset]) => offset)).toEqual(
        Array.from({ length: stored.length }, (_, i) => i + 1),
      );
      expect(stored.slice(0, 2)).toEqual([
        [1, 'before'],
        [2, 'during'],
      ]);
    } finally {
      await db.close();
    }
  }, 120_000);
});
