// What subscribes cost the database, counted through the driver's command monitoring on a real
// hub node (issue 14): members subscribing together are read in one query, a channel's position
// is restored once however many subscribe to it at once, and once the standings are cached and
// the position is in Redis, subscribing again reads nothing from the database. Members arriving
// in successive waves (each wave connecting and subscribing once the last is in, as a load
// generator or a reconnecting crowd does) read the community's members once, not once a wave.
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceApi } from '../support/api.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

const READERS = 20;
const WAVES = 4;
const PER_WAVE = 5;
/** The collections a subscribe may read: members and bans (standing), publications (position). */
const WATCHED = new Set(['members', 'bans', 'publications']);

describe('the database reads of subscribes', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let community: TestCommunity;
  let arrivals: TestCommunity;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const reads: string[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    db = await testDatabase();
    const url = new URL(db.url);
    url.searchParams.set('monitorCommands', 'true');
    const known = new Set(mongoose.connections);
    hub = await startTestHub({
      mongodb: { url: url.toString() },
      redis: { keyPrefix: `subcost${randomUUID().slice(0, 6)}` },
    });
    for (const conn of mongoose.connections) {
      if (known.has(conn)) continue;
      conn
        .getClient()
        .on('commandStarted', (e: { commandName: string; command: Record<string, unknown> }) => {
          const collection = e.command[e.commandName];
          if (typeof collection === 'string' && WATCHED.has(collection))
            reads.push(`${e.commandName} ${collection}`);
        });
    }
    community = await createTestCommunity(hub.url);
    const service = await serviceApi(hub.url);
    await service.upsertMembersBulk({
      path: { communityId: community.id },
      body: {
        members: Array.from({ length: READERS }, (_, i) => ({
          userId: `reader-${i}`,
          roles: ['member'],
          name: `Reader ${i}`,
        })),
      },
    });
    // A community of its own, so no earlier subscription had its members read.
    arrivals = await createTestCommunity(hub.url, {
      members: Array.from({ length: WAVES * PER_WAVE }, (_, i) => ({
        userId: `arriving-${i}`,
        roles: ['member'],
      })),
    });
    for (let i = 0; i < READERS; i++) {
      clients.push(await TestClient.connect(hub.wsUrl, await tokenFor(`reader-${i}`)));
    }
  });

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await hub.shutdown();
    await db.drop();
  });

  it('reads the members in one query and the position once when they subscribe together', async () => {
    reads.length = 0;
    const channel = community.topic('general');
    await Promise.all(clients.map((c) => c.ok({ type: 'subscribe', channel })));
    const count = (what: string) => reads.filter((r) => r === what).length;
    // The community's roster (a large one's batched `$in`, two if a burst straddles a loop turn), not 20.
    expect(count('find members')).toBeGreaterThanOrEqual(1);
    expect(count('find members')).toBeLessThanOrEqual(2);
    expect(count('find bans')).toBeLessThanOrEqual(2);
    // Redis had no position: restored from the store by one read, shared by all 20.
    expect(count('find publications')).toBe(1);
  });

  it('reads nothing from the database for subscribes of cached members to a known channel', async () => {
    const channel = community.topic('general');
    await Promise.all(clients.map((c) => c.ok({ type: 'unsubscribe', channel })));
    reads.length = 0;
    await Promise.all(clients.map((c) => c.ok({ type: 'subscribe', channel })));
    expect(reads).toEqual([]);
  });

  it('reads the members once for members connecting and subscribing in successive waves', async () => {
    reads.length = 0;
    const channel = arrivals.topic('general');
    for (let wave = 0; wave < WAVES; wave++) {
      await Promise.all(
        Array.from({ length: PER_WAVE }, async (_, j) => {
          const client = await TestClient.connect(
            hub.wsUrl,
            await tokenFor(`arriving-${wave * PER_WAVE + j}`),
          );
          clients.push(client);
          await client.ok({ type: 'subscribe', channel });
        }),
      );
    }
    const count = (what: string) => reads.filter((r) => r === what).length;
    // The community's roster: one read of its members and one of its bans for all the waves.
    expect(count('find members')).toBe(1);
    expect(count('find bans')).toBe(1);
  });
});
