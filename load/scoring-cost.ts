// What scoring every message costs Redis, counted (issue 14): the Redis commands (INFO
// commandstats of a private Redis, scripts' inner commands included) per published message, from
// the publish to its scoring by a worker, for one or more source trees side by side (`--hub-roots
// a,b`: e.g. before and after a change). Each tree gets a fresh database (the bench community, its
// AutoMod rules on), a fresh Redis, one hub node and one worker (`bin/hub.mjs serve` / `worker`);
// publishers send `--messages` 128-byte messages in waves of `--wave` concurrent publishes, each
// to a random channel; the count runs until every message is scored. The Redis commands of an
// idle window of the same nodes (heartbeats, the worker's blocking reads) are measured first and
// subtracted in proportion to the time. Prints one JSON object per tree, then a summary line.
//   npx tsx load/scoring-cost.ts [--hub-roots dir1,dir2] [--messages 100] [--wave 10] [--channels 50]
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { testConfig } from '../test/support/config.js';
import { freePort, PrivateRedis } from '../test/support/redis-server.js';
import { benchCommunity } from './fanout/hubbub-community.js';
import { startProcess, type ServerProcess } from './fanout/processes.js';
import { probeClient, type ProbeClient } from './probe-client.js';

const { values: args } = parseArgs({
  options: {
    'hub-roots': { type: 'string', default: resolve(import.meta.dirname, '..') },
    messages: { type: 'string', default: '100' },
    wave: { type: 'string', default: '10' },
    channels: { type: 'string', default: '50' },
    'idle-s': { type: 'string', default: '5' },
  },
});
const MESSAGES = Number(args.messages);
const WAVE = Number(args.wave);
const CHANNELS = Number(args.channels);
const IDLE_MS = Number(args['idle-s']) * 1000;
const PUBLISHERS = WAVE;

function redisCalls(port: number): Map<string, number> {
  const text = execFileSync('redis-cli', ['-p', String(port), 'info', 'commandstats'], { encoding: 'utf8' });
  const calls = new Map<string, number>();
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    if (m[1] !== 'info') calls.set(m[1] as string, Number(m[2]));
  return calls;
}

const delta = (after: Map<string, number>, before: Map<string, number>) =>
  new Map([...after].map(([name, n]) => [name, n - (before.get(name) ?? 0)]));
const round = (n: number) => Math.round(n * 100) / 100;

async function measure(hubRoot: string): Promise<Record<string, unknown>> {
  const pubUsers = Array.from({ length: PUBLISHERS }, (_, i) => `cost-pub-${i}`);
  const community = await benchCommunity(pubUsers, CHANNELS);
  const redis = new PrivateRedis(await freePort());
  await redis.start();
  const db = await mongoose.createConnection(community.mongoUrl).asPromise();
  const procs: ServerProcess[] = [];
  const clients: ProbeClient[] = [];
  try {
    const port = await freePort();
    const env = {
      PATH: process.env['PATH'],
      HUB_ENV: 'test',
      HUB_DEMO_ENABLED: 'true',
      HUB_SERVER_PORT: String(port),
      HUB_REDIS_URL: redis.url,
      HUB_REDIS_KEY_PREFIX: 'cost',
      HUB_MONGODB_URL: community.mongoUrl,
      HUB_LIVEKIT_URL: testConfig().livekit.url,
      HUB_GATEWAY_PUBLISH_BURST: '1000000',
      HUB_GATEWAY_PUBLISH_RATE_PER_S: '1000000',
    };
    const hub = resolve(hubRoot, 'bin/hub.mjs');
    procs.push(
      await startProcess({
        argv: [process.execPath, hub, 'serve'],
        env: { ...env, HUB_LOG_LEVEL: 'error' },
        cpus: undefined,
        healthUrl: `http://127.0.0.1:${port}/healthz`,
        timeoutMs: 60_000,
      }),
      await startProcess({
        argv: [process.execPath, hub, 'worker'],
        env: { ...env, HUB_LOG_LEVEL: 'info' },
        cpus: undefined,
        readyText: 'worker started',
        timeoutMs: 60_000,
      }),
    );
    const tokens = await community.tokens('cost-pub', PUBLISHERS);
    clients.push(...(await Promise.all(tokens.map((t) => probeClient(`ws://127.0.0.1:${port}/ws`, t)))));

    const idleStart = performance.now();
    const idleBefore = redisCalls(redis.port);
    await sleep(IDLE_MS);
    const idle = delta(redisCalls(redis.port), idleBefore);
    const idleMs = performance.now() - idleStart;

    const before = redisCalls(redis.port);
    const start = performance.now();
    // A clean sentence: scored 'allow', so the count has no moderation effects (hide, case).
    const body = 'are we still meeting at the cafe tomorrow at 10? bring the notes from last week please';
    let errors = 0;
    for (let sent = 0; sent < MESSAGES; sent += WAVE) {
      const wave = clients.slice(0, Math.min(WAVE, MESSAGES - sent)).map((c, i) =>
        c.call({
          type: 'publish',
          channel: community.topics[Math.floor(Math.random() * CHANNELS)],
          nonce: `cost-${String(sent + i).padStart(6, '0')}`,
          data: { body },
        }),
      );
      for (const r of await Promise.all(wave)) if (r.includes('"error"') && errors++ === 0) console.error(r);
    }
    // Until every message is scored (a decision recorded about each), then a moment for its job to finish.
    const messages = db.collection('publications');
    const scored = await messages.countDocuments({ communityId: { $ne: null }, body: { $exists: true } });
    const decisions = db.collection('scoring_decisions');
    while ((await decisions.countDocuments({})) < scored) await sleep(100);
    await sleep(1_000);
    const ms = performance.now() - start;
    const used = delta(redisCalls(redis.port), before);
    const perMessage: Record<string, number> = {};
    for (const [name, n] of used) {
      const net = n - ((idle.get(name) ?? 0) * ms) / idleMs;
      if (net / MESSAGES >= 0.01) perMessage[name] = round(net / MESSAGES);
    }
    return {
      hubRoot,
      messages: MESSAGES,
      wave: WAVE,
      errors,
      scored,
      decisions: await db.collection('scoring_decisions').countDocuments({}),
      redisPerMessage: perMessage,
      redisPer100Messages: round(Object.values(perMessage).reduce((a, b) => a + b, 0) * 100),
      ms: Math.round(ms),
    };
  } finally {
    for (const c of clients) c.ws.terminate();
    for (const p of procs) await p.stop();
    await db.close();
    await redis.stop();
    await community.drop();
  }
}

const results: Record<string, unknown>[] = [];
for (const root of (args['hub-roots'] ?? '').split(',').filter(Boolean)) {
  const result = await measure(root);
  console.log(JSON.stringify(result));
  results.push(result);
}
console.log(
  JSON.stringify({ redisPer100Messages: results.map((r) => [r['hubRoot'], r['redisPer100Messages']]) }),
);
