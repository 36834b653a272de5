// The demo seed: idempotent, and a real history the gateway continues from.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_EPOCH, seedDemoCommunities } from '../../community/seed.js';
import { MongoMessageStore } from '../../storage/messages/message-store.mongo.js';
import type { DemoSeed } from '../../storage/seed.js';
import { apiAs } from '../support/api.js';
import { testDatabase } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient, type Frame } from '../support/ws-client.js';

describe('demo seed', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let seed: DemoSeed;

  beforeAll(async () => {
    db = await testDatabase();
    const store = new MongoMessageStore(db.connection);
    await store.syncIndexes();
    seed = await seedDemoCommunities(db.connection);
    const again = await seedDemoCommunities(db.connection);
    expect(again).toEqual(seed);
  });
  afterAll(() => db.drop());

  it('gives two communities whose history the gateway recovers and continues', async () => {
    expect(seed.communities.map((c) => c.slug).sort()).toEqual(['designers', 'plumbers']);
    const hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `seed${randomUUID().slice(0, 6)}` },
    });
    try {
      const plumbers = seed.communities.find((c) => c.slug === 'plumbers');
      const general = plumbers?.channels['general'] as string;
      const topic = `chan:${plumbers?.id}:${general}`;
      const member = await TestClient.connect(hub.wsUrl, await tokenFor('demo-member'));
      const result = await member.ok({
        type: 'subscribe',
        channel: topic,
        since: { offset: 0, epoch: SEED_EPOCH },
      });
      const seeded = result['publications'] as Frame[];
      expect(result['recovered']).toBe(true);
      expect(seeded.length).toBeGreaterThan(3);
      expect(seeded.map((p) => p['offset'])).toEqual(seeded.map((_, i) => i + 1));

      const ack = await member.ok({
        type: 'publish',
        channel: topic,
        data: { body: 'hello from the demo' },
        nonce: randomUUID(),
      });
      expect(ack).toMatchObject({ offset: seeded.length + 1, epoch: SEED_EPOCH });
      const page = (
        await (
          await apiAs(hub.url, 'demo-member-2')
        )('GET', `/api/v1/channels/${general}/messages`)
      ).body['items'] as { body: string }[];
      expect(page.at(-1)?.body).toBe('hello from the demo');
      expect(page).toHaveLength(seeded.length + 1);
      member.close();
    } finally {
      await hub.shutdown();
    }
  });
});
