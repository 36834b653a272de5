// A Redis Cluster failover while a channel is busy: the master holding the channel's slot is
// killed (SIGKILL) while a writer publishes one message after another. Its replica is promoted
// by the cluster itself; publishing, and live delivery to a subscriber, must resume within the
// documented bound (docs/operations.md#redis-cluster), every acknowledged message must be in
// durable history, and a reader resuming from before the kill either recovers exactly what it missed or is told it
// cannot (recovered: false), never silently skipped. The killed node is restarted afterwards
// (`services.sh up --profile cluster`), and rejoins as a replica.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChannels } from '../support/authorizers.js';
import { startTestHub } from '../support/hub.js';
import { redisTargets } from '../support/redis-targets.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient, type Frame } from '../support/ws-client.js';
import { eventually } from '../support/wait.js';
import { createRedis, type Cluster } from '../../storage/redis.js';
import { keySpace } from '../../storage/redis-keys.js';

/** Publishing resumes within this long after the master is killed (cluster-node-timeout 2 s of
 * the cluster profile, the replica's election, ioredis' slot refresh; generous for a loaded CI). */
const RESUME_BOUND_MS = 15_000;

const cluster = redisTargets().find((t) => t.name === 'cluster');
const run = promisify(execFile);

describe('publishing through a Redis Cluster failover', () => {
  const keyPrefix = `fo${randomUUID().slice(0, 6)}`;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let admin: Cluster;
  /** Times the node's control subscription came back (it then drops its cached permissions). */
  let resubscribed = 0;
  const clients: TestClient[] = [];
  const connect = async (user: string) => {
    const c = await TestClient.connect(hub.wsUrl, await tokenFor(user));
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    hub = await startTestHub(
      {
        redis: { ...cluster?.config.redis, keyPrefix },
        gateway: { publishBurst: 1000, publishRatePerS: 1000, frameBurst: 1000, frameRatePerS: 1000 },
      },
      { authorizer: openChannels },
    );
    admin = createRedis(hub.config.redis, { name: 'failover-test' }) as Cluster;
    hub.control.onResubscribed(() => resubscribed++);
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await hub?.shutdown();
    await admin?.quit();
    // Bring the killed node back (as a replica) for the tests that follow.
    if (!process.env['HUB_REDIS_CLUSTER_NODES'])
      await run('bash', ['scripts/services.sh', 'up', '--profile', 'cluster'], { timeout: 60_000 });
  }, 90_000);

  it('resumes within the bound, keeps every acked message, and never skips history silently', async () => {
    const channel = `chan:c1:busy-${randomUUID().slice(0, 6)}`;
    const writer = await connect('writer');
    const reader = await connect('reader');
    const start = (await reader.ok({ type: 'subscribe', channel }))['position'] as Frame;
    await reader.ok({ type: 'unsubscribe', channel });
    // A live subscriber throughout: its node's SSUBSCRIBE must move to the promoted replica.
    const watcher = await connect('watcher');
    await watcher.ok({ type: 'subscribe', channel });

    // The master serving the channel's slot, and its process.
    const slot = Number(await admin.call('CLUSTER', 'KEYSLOT', keySpace(keyPrefix).stream(channel).meta));
    const master = admin
      .nodes('master')
      .find((n) => (admin.slots[slot] ?? [])[0] === `${n.options.host}:${n.options.port}`);
    if (!master) throw new Error(`no master known for slot ${slot}`);
    const pid = Number(/process_id:(\d+)/.exec(await master.info('server'))?.[1]);

    const run8 = randomUUID().slice(0, 8);
    const acked: { i: number; offset: number }[] = [];
    let killedAt = 0;
    let resumedAt = 0;
    for (let i = 1; acked.length < 60 && Date.now() - (killedAt || Date.now()) < RESUME_BOUND_MS; i++) {
      if (i === 21) {
        process.kill(pid, 'SIGKILL');
        killedAt = Date.now();
      }
      const reply = await writer.request(
        { type: 'publish', channel, data: { i }, nonce: `fo-${i}-${run8}` },
        15_000,
      );
      if (reply.result) {
        acked.push({ i, offset: Number(reply.result['offset']) });
        if (killedAt && !resumedAt && i > 21) resumedAt = Date.now();
      } else {
        // The failover is a dependency unavailable for a while: never a bug's `internal`.
        expect(reply.error?.code).toBe('not_ready');
      }
    }
    expect(killedAt).toBeGreaterThan(0);
    expect(resumedAt, `publishing did not resume within ${RESUME_BOUND_MS} ms`).toBeGreaterThan(0);
    expect(resumedAt - killedAt).toBeLessThanOrEqual(RESUME_BOUND_MS);

    // Live delivery resumed too: the last acked publication reaches the live subscriber.
    const lastOffset = acked[acked.length - 1]?.offset;
    await watcher.next(
      (f) => f.type === 'pub' && f['channel'] === channel && f['offset'] === lastOffset,
      10_000,
    );

    // Control messages sent during the failover never reached the node: it learnt that its
    // subscription came back (and dropped what they would have dropped).
    await eventually(async () => resubscribed > 0, 10_000);

    // Durable history holds every acknowledged message.
    const stored = new Map<number, number>();
    let before: number | undefined;
    for (;;) {
      const page = await reader.ok({ type: 'history', channel, limit: 100, ...(before && { before }) });
      const pubs = page['publications'] as Frame[];
      for (const p of pubs) stored.set((p['data'] as { i: number }).i, Number(p['offset']));
      if (pubs.length < 100) break;
      before = Math.min(...pubs.map((p) => Number(p['offset'])));
    }
    for (const a of acked) expect(stored.has(a.i), `acked message ${a.i} missing from history`).toBe(true);

    // A reader resuming from before the kill: exactly what it missed, or an honest refusal.
    const resumed = await reader.ok({ type: 'subscribe', channel, since: start });
    if (resumed['recovered'] === true) {
      const got = (resumed['publications'] as Frame[]).map((p) => (p['data'] as { i: number }).i);
      expect(got).toEqual([...stored.entries()].sort((x, y) => x[1] - y[1]).map(([i]) => i));
    } else {
      expect(resumed).toMatchObject({ recovered: false, reason: expect.any(String), publications: [] });
    }
  }, 60_000);
});
