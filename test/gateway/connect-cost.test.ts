// What authenticating costs a hub node, counted (issue 14): on a private Redis (so that the
// command counts are this node's alone) and through the driver's command monitoring, members
// connecting together cost one presence script each, publish nothing (nobody subscribes to the
// node's `online` presence) and read nothing from the database.
import { execFileSync } from 'node:child_process';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { freePort, PrivateRedis } from '../support/redis-server.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

const CONNECTS = 20;
/** Reads and writes of documents (the node's start-up index work may still be running). */
const DATA_COMMANDS = new Set([
  'find',
  'getMore',
  'aggregate',
  'count',
  'insert',
  'update',
  'delete',
  'findAndModify',
]);

/** Calls per Redis command so far (INFO commandstats; scripts' inner commands included). */
function redisCalls(port: number): Map<string, number> {
  const text = execFileSync('redis-cli', ['-p', String(port), 'info', 'commandstats'], { encoding: 'utf8' });
  return new Map(
    [...text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [m[1] as string, Number(m[2])]),
  );
}

describe('the cost of connects', () => {
  let redis: PrivateRedis;
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const mongoCommands: string[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    db = await testDatabase();
    const url = new URL(db.url);
    url.searchParams.set('monitorCommands', 'true');
    const known = new Set(mongoose.connections);
    hub = await startTestHub({ redis: { url: redis.url }, mongodb: { url: url.toString() } });
    for (const conn of mongoose.connections) {
      if (known.has(conn)) continue;
      conn
        .getClient()
        .on('commandStarted', (e: { commandName: string }) => mongoCommands.push(e.commandName));
    }
  });

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await hub.shutdown();
    await redis.stop();
    await db.drop();
  });

  it('runs one presence script per connect, publishes nothing and reads no database', async () => {
    const tokens = await Promise.all(Array.from({ length: CONNECTS }, (_, i) => tokenFor(`connector-${i}`)));
    const before = redisCalls(redis.port);
    mongoCommands.length = 0;
    clients.push(...(await Promise.all(tokens.map((token) => TestClient.connect(hub.wsUrl, token)))));
    const after = redisCalls(redis.port);
    const delta = (command: string) => (after.get(command) ?? 0) - (before.get(command) ?? 0);
    expect(delta('evalsha') + delta('eval')).toBe(CONNECTS);
    expect(delta('spublish') + delta('publish')).toBe(0);
    expect(mongoCommands.filter((c) => DATA_COMMANDS.has(c))).toEqual([]);
  });
});
