// What one connect and one subscribe cost a hub node, counted (issue 14): Redis commands (INFO
// commandstats of a private Redis) and MongoDB commands (the driver's command monitoring) per
// connect (token check and presence), per first subscribe of a channel on the node and per later
// one. Each configuration runs on a
// fresh in-process node and a flushed Redis, in the same run, so their wall times compare as a
// ratio (never as absolute speed: the machine is shared).
//   npx tsx load/subscribe-cost.ts [--channels 200] [--modes pipelined,plain]
// Prints one JSON object per mode, then a summary line.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { startHubNode } from '../hub/node.js';
import { createLogger } from '../hub/logger.js';
import { testConfig } from '../test/support/config.js';
import { freePort, PrivateRedis } from '../test/support/redis-server.js';
import { benchCommunity } from './fanout/hubbub-community.js';
import { probeClient, type ProbeClient } from './probe-client.js';

const { values: args } = parseArgs({
  options: {
    channels: { type: 'string', default: '200' },
    modes: { type: 'string', default: 'pipelined,plain' },
  },
});
const CHANNELS = Number(args.channels);
const MODES = (args.modes ?? '').split(',').filter(Boolean);
/** Connection upkeep, not the subscribe's own cost. */
const IGNORED_MONGO = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo']);

function redisCalls(port: number): Map<string, number> {
  const text = execFileSync('redis-cli', ['-p', String(port), 'info', 'commandstats'], { encoding: 'utf8' });
  return new Map(
    [...text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [m[1] as string, Number(m[2])]),
  );
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Per connection, what a phase cost: Redis and MongoDB commands by name, and its wall time. */
async function phase(
  redisPort: number,
  mongoCalls: Map<string, number>,
  count: number,
  run: () => Promise<string[]>,
): Promise<Record<string, unknown>> {
  const redisBefore = redisCalls(redisPort);
  mongoCalls.clear();
  const start = performance.now();
  const replies = await run();
  const ms = performance.now() - start;
  const redisAfter = redisCalls(redisPort);
  const per = (m: Map<string, number>, before?: Map<string, number>) => {
    const out: Record<string, number> = {};
    for (const [name, n] of m) {
      const d = (n - (before?.get(name) ?? 0)) / count;
      if (d > 0 && name !== 'info') out[name] = round(d);
    }
    return out;
  };
  const redis = per(redisAfter, redisBefore);
  const mongo = per(mongoCalls);
  return {
    errors: replies.filter((r) => r.includes('"error"')).length,
    redisPer: redis,
    redisTotal: round(Object.values(redis).reduce((a, b) => a + b, 0)),
    mongoPer: mongo,
    mongoTotal: round(Object.values(mongo).reduce((a, b) => a + b, 0)),
    ms: round(ms),
  };
}

/** Every client subscribing at once, client i to topic i. */
const subscribeAll = (clients: ProbeClient[], topics: string[]) => () =>
  Promise.all(clients.map((c, i) => c.call({ type: 'subscribe', channel: topics[i] })));

async function measure(mode: string): Promise<Record<string, unknown>> {
  const first = Array.from({ length: CHANNELS }, (_, i) => `cost-a-${i}`);
  const later = Array.from({ length: CHANNELS }, (_, i) => `cost-b-${i}`);
  const community = await benchCommunity([...first, ...later], CHANNELS);
  const redis = new PrivateRedis(await freePort());
  await redis.start();
  const mongoUrl = new URL(community.mongoUrl);
  mongoUrl.searchParams.set('monitorCommands', 'true');
  const config = testConfig({
    redis: { url: redis.url, keyPrefix: 'cost', autoPipelining: mode === 'pipelined' },
    mongodb: { url: mongoUrl.toString() },
  });
  const known = new Set(mongoose.connections);
  const node = await startHubNode(config, createLogger(config, 'hub'));
  const mongoCalls = new Map<string, number>();
  for (const conn of mongoose.connections) {
    if (known.has(conn)) continue;
    conn.getClient().on('commandStarted', (e: { commandName: string }) => {
      if (!IGNORED_MONGO.has(e.commandName))
        mongoCalls.set(e.commandName, (mongoCalls.get(e.commandName) ?? 0) + 1);
    });
  }
  const wsUrl = `${node.url.replace(/^http/, 'ws')}/ws`;
  const clients: ProbeClient[] = [];
  try {
    const connectAll = async (tokens: string[], into: ProbeClient[]) => {
      into.push(...(await Promise.all(tokens.map((t) => probeClient(wsUrl, t)))));
      clients.push(...into);
      return [];
    };
    const a: ProbeClient[] = [];
    const b: ProbeClient[] = [];
    const [aTokens, bTokens] = [
      await community.tokens('cost-a', CHANNELS),
      await community.tokens('cost-b', CHANNELS),
    ];
    const connect = await phase(redis.port, mongoCalls, CHANNELS, () => connectAll(aTokens, a));
    await connectAll(bTokens, b);
    const topics = community.topics.slice(0, CHANNELS);
    const firstOfChannel = await phase(redis.port, mongoCalls, CHANNELS, subscribeAll(a, topics));
    const laterOfChannel = await phase(redis.port, mongoCalls, CHANNELS, subscribeAll(b, topics));
    return { mode, channels: CHANNELS, connect, firstOfChannel, laterOfChannel };
  } finally {
    for (const c of clients) c.ws.terminate();
    await node.shutdown('measured');
    await redis.stop();
    await community.drop();
  }
}

const results = [];
for (const mode of MODES) {
  const result = await measure(mode);
  console.log(JSON.stringify(result));
  results.push(result);
}
const msOf = (r: Record<string, unknown>, key: string) => (r[key] as { ms: number }).ms;
if (results.length === 2) {
  const [x, y] = results as [Record<string, unknown>, Record<string, unknown>];
  console.log(
    JSON.stringify({
      ratio: `${String(x['mode'])} / ${String(y['mode'])} wall time`,
      firstOfChannel: round(msOf(x, 'firstOfChannel') / msOf(y, 'firstOfChannel')),
      laterOfChannel: round(msOf(x, 'laterOfChannel') / msOf(y, 'laterOfChannel')),
    }),
  );
}
process.exit(0);
