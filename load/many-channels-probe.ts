// A small reproducible probe of the many-channel workload (issue 14): how long distinct users
// take to subscribe to distinct channels, and the server CPU each publish costs when publishers
// spread their messages over many small channels. It seeds a community (1,000 text channels by
// default) in a database of its own, starts its own Redis and hub nodes (`bin/hub.mjs serve`,
// of this tree or of `--hub-root`, so two trees can be measured side by side), then:
//   subscribe  every subscriber is connected first; then all subscribe at once, each user to one
//              channel (user i to channel i mod channels): the time until every reply arrived.
//              With `--arrival bench`, as the benchmark's generator does it instead: each
//              subscriber opens, authenticates and subscribes in one go, `--batch` connections at a
//              time in each of `--lanes` lanes (its worker threads), a lane's next batch once the
//              last one is subscribed. Either way it prints each phase's p50/p99 per connection
//              (opening to hello, connect to its reply, subscribe to its reply)
//   publish    publishers send 128-byte messages (the benchmark's chat text) at a fixed total
//              rate, each to a random channel: hub CPU (from /proc) per 1,000 publishes, and the
//              test profile's FerretDB and PostgreSQL's (shared with whatever else runs: a rough
//              figure), ack p50/p99, deliveries, the nodes' durable writes (group-commit bulk
//              inserts, from their /metrics) per 1,000 publishes and rows per write
// Prints one JSON object as its last line.
//   npx tsx load/many-channels-probe.ts [--channels 1000] [--subs 5] [--publishers 50]
//     [--rate 200] [--seconds 20] [--nodes 1] [--hub-root /path/to/tree] [--cpu-prof dir]
//     [--auto-pipelining true|false] [--arrival split|bench] [--lanes 2] [--batch 100]
//     [--cpus 1] (pin the nodes with taskset, as the benchmark does)
//     [--writes-in-flight 1] (HUB_HISTORY_WRITES_IN_FLIGHT of the nodes)
//     [--shed-wait-ms 100] (HUB_GATEWAY_SHED_WAIT_MS of the nodes; 0 never sheds)
//     [--worker] (a hub worker scoring every stored message, as in the benchmark)
//     [--run-dir .data/test/run] (where the test profile's ferretdb.pid and postgres.pid are)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { testConfig } from '../test/support/config.js';
import { freePort, PrivateRedis } from '../test/support/redis-server.js';
import { chatText } from './chat-text.mjs';
import { benchCommunity } from './fanout/hubbub-community.js';
import { startProcess, withDescendants, type ServerProcess } from './fanout/processes.js';
import { cpuTicksOf } from './fanout/stats.js';
import { probeClient, type ProbeClient } from './probe-client.js';

const { values: args } = parseArgs({
  options: {
    channels: { type: 'string', default: '1000' },
    subs: { type: 'string', default: '5' },
    publishers: { type: 'string', default: '50' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    nodes: { type: 'string', default: '1' },
    'hub-root': { type: 'string', default: resolve(import.meta.dirname, '..') },
    'cpu-prof': { type: 'string' },
    /** HUB_REDIS_AUTO_PIPELINING of the nodes: 'true' or 'false' (the configuration's default). */
    'auto-pipelining': { type: 'string' },
    arrival: { type: 'string', default: 'split' },
    lanes: { type: 'string', default: '2' },
    batch: { type: 'string', default: '100' },
    cpus: { type: 'string' },
    'writes-in-flight': { type: 'string' },
    'shed-wait-ms': { type: 'string' },
    worker: { type: 'boolean', default: false },
    'run-dir': { type: 'string', default: resolve(import.meta.dirname, '..', '.data/test/run') },
  },
});
const CHANNELS = Number(args.channels);
const SUBSCRIBERS = CHANNELS * Number(args.subs);
const PUBLISHERS = Number(args.publishers);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const NODES = Number(args.nodes);
const ARRIVAL = args.arrival === 'bench' ? 'bench' : 'split';
const LANES = Number(args.lanes);
const BATCH = Number(args.batch);
const CLOCK_TICKS_PER_S = 100;

/** Runs `task` over `items` with at most `limit` in flight. */
async function pooled<T, R>(
  items: T[],
  limit: number,
  task: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const ticksOf = (pids: number[]) =>
  pids.reduce((sum, pid) => sum + cpuTicksOf(readFileSync(`/proc/${pid}/stat`, 'utf8')), 0);

/** CPU ticks so far of each process of the test profile's FerretDB and PostgreSQL, by pid. */
function databaseTicks(): Map<number, number> {
  const pidIn = (file: string) => {
    const path = resolve(args['run-dir'], file);
    return existsSync(path) ? Number(readFileSync(path, 'utf8').trim()) : NaN;
  };
  const ticks = new Map<number, number>();
  for (const top of [pidIn('ferretdb.pid'), pidIn('postgres.pid')].filter(Number.isInteger))
    for (const pid of withDescendants(top)) {
      try {
        ticks.set(pid, cpuTicksOf(readFileSync(`/proc/${pid}/stat`, 'utf8')));
      } catch {
        // gone meanwhile
      }
    }
  return ticks;
}

/** CPU seconds the database processes used between two databaseTicks() (new ones count whole). */
const databaseCpuS = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, ticks]) => sum + ticks - (before.get(pid) ?? 0), 0) / CLOCK_TICKS_PER_S;

interface NodeCounters {
  /** Group-commit batches written and their rows (zero for a tree without these counters). */
  writes: number;
  rows: number;
  /** hubbub_publish_duration_seconds: publishes by bucket upper bound (s), cumulative. */
  publishBuckets: Map<number, number>;
}

/** The nodes' counters from /metrics, summed. */
async function nodeCounters(ports: number[]): Promise<NodeCounters> {
  const sum: NodeCounters = { writes: 0, rows: 0, publishBuckets: new Map() };
  for (const port of ports) {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
    sum.writes += value('hubbub_message_writes_total');
    sum.rows += value('hubbub_message_rows_written_total');
    for (const m of text.matchAll(/^hubbub_publish_duration_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm)) {
      const le = m[1] === '+Inf' ? Infinity : Number(m[1]);
      sum.publishBuckets.set(le, (sum.publishBuckets.get(le) ?? 0) + Number(m[2]));
    }
  }
  return sum;
}

/**
 * The server's own publish-to-ack time (the gateway's histogram, so without the probe's event
 * loop): the bucket bound under which p50 and p99 of the phase's publishes fell, in ms.
 */
function serverAckMs(before: NodeCounters, after: NodeCounters): { p50: number; p99: number } | null {
  const bounds = [...after.publishBuckets.keys()].sort((a, b) => a - b);
  const counts = bounds.map(
    (le) => (after.publishBuckets.get(le) ?? 0) - (before.publishBuckets.get(le) ?? 0),
  );
  const total = counts.at(-1) ?? 0;
  if (total === 0) return null;
  const bound = (p: number) => (bounds[counts.findIndex((c) => c >= total * p)] ?? Infinity) * 1000;
  return { p50: bound(0.5), p99: bound(0.99) };
}

/** Calls per Redis command so far (INFO commandstats), e.g. { evalsha: 1200, zadd: 300 }. */
function redisCalls(port: number): Record<string, number> {
  const text = execFileSync('redis-cli', ['-p', String(port), 'info', 'commandstats'], { encoding: 'utf8' });
  const calls: Record<string, number> = {};
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[m[1] as string] = Number(m[2]);
  return calls;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number);
}

async function main(): Promise<void> {
  const started = Date.now();
  const subUsers = Array.from({ length: SUBSCRIBERS }, (_, i) => `probe-sub-${i}`);
  const pubUsers = Array.from({ length: PUBLISHERS }, (_, i) => `probe-pub-${i}`);
  const community = await benchCommunity([...pubUsers, ...subUsers], CHANNELS);
  const redis = new PrivateRedis(await freePort());
  await redis.start();
  const nodes: ServerProcess[] = [];
  const clients: ProbeClient[] = [];
  try {
    const seededS = (Date.now() - started) / 1000;
    const ports = await Promise.all(Array.from({ length: NODES }, () => freePort()));
    // When the first node was started: a --cpu-prof profile starts then (near enough), so the
    // phases' windows below can be handed to bench:profile-top --window.
    const spawnedAt = performance.now();
    const hubEnv = (port: number) => ({
      PATH: process.env['PATH'],
      HUB_ENV: 'test',
      HUB_DEMO_ENABLED: 'true',
      HUB_LOG_LEVEL: 'error',
      HUB_SERVER_PORT: String(port),
      HUB_REDIS_URL: redis.url,
      HUB_REDIS_KEY_PREFIX: 'probe',
      HUB_MONGODB_URL: community.mongoUrl,
      HUB_LIVEKIT_URL: testConfig().livekit.url,
      HUB_GATEWAY_PUBLISH_BURST: '1000000',
      HUB_GATEWAY_PUBLISH_RATE_PER_S: '1000000',
      HUB_GATEWAY_FRAME_BURST: '1000000',
      HUB_GATEWAY_FRAME_RATE_PER_S: '1000000',
      ...(args['auto-pipelining'] !== undefined && {
        HUB_REDIS_AUTO_PIPELINING: args['auto-pipelining'],
      }),
      ...(args['shed-wait-ms'] !== undefined && { HUB_GATEWAY_SHED_WAIT_MS: args['shed-wait-ms'] }),
      ...(args['writes-in-flight'] !== undefined && {
        HUB_HISTORY_WRITES_IN_FLIGHT: args['writes-in-flight'],
      }),
    });
    for (const port of ports) {
      nodes.push(
        await startProcess({
          argv: [
            process.execPath,
            ...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : []),
            resolve(args['hub-root'], 'bin/hub.mjs'),
            'serve',
          ],
          env: hubEnv(port),
          cpus: args.cpus,
          healthUrl: `http://127.0.0.1:${port}/healthz`,
          timeoutMs: 60_000,
        }),
      );
    }
    // A worker scoring every stored message, as in the benchmark (its CPU is counted apart).
    const worker = args.worker
      ? await startProcess({
          argv: [
            process.execPath,
            ...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : []),
            resolve(args['hub-root'], 'bin/hub.mjs'),
            'worker',
          ],
          env: { ...hubEnv(0), HUB_LOG_LEVEL: 'info' },
          cpus: args.cpus,
          readyText: 'worker started',
          timeoutMs: 60_000,
        })
      : undefined;
    if (worker) nodes.push(worker);
    const urls = ports.map((port) => `ws://127.0.0.1:${port}/ws`);
    const pids = nodes.filter((n) => n !== worker).map((n) => n.pid);

    let delivered = 0;
    const onPub = () => void delivered++;
    const subTokens = await community.tokens('probe-sub', SUBSCRIBERS);
    // A channel's subscribers spread over the nodes (one round of channels per node), as in
    // the benchmark.
    const subscriber = (i: number) => ({
      url: urls[Math.floor(i / CHANNELS) % urls.length] as string,
      token: subTokens[i] as string,
      channel: community.topics[i % CHANNELS] as string,
    });
    const arrived = ARRIVAL === 'bench' ? arriveAsTheBench : arriveSplit;
    const subTicks = ticksOf(pids);
    const subStart = performance.now();
    const { subs, replies, subscribeStart } = await arrived(SUBSCRIBERS, subscriber, onPub);
    const subEnd = performance.now();
    clients.push(...subs);
    // Split: the subscribe phase alone; bench: connect, authenticate and subscribe together.
    const subscribeS = (subEnd - (subscribeStart ?? subStart)) / 1000;
    const subscribeCpuS = (ticksOf(pids) - subTicks) / CLOCK_TICKS_PER_S;
    const subscribeErrors = replies.filter((r) => r.text.includes('"error"')).length;
    const phaseMs = (values: number[]) => {
      const sorted = values.sort((a, b) => a - b);
      return { p50: round(percentile(sorted, 0.5)), p99: round(percentile(sorted, 0.99)) };
    };
    const phases = {
      helloMs: phaseMs(subs.map((c) => c.timings.helloMs)),
      connectMs: phaseMs(subs.map((c) => c.timings.connectMs)),
      subscribeMs: phaseMs(replies.map((r) => r.ms)),
    };

    // Publish at a fixed total rate, each message to a random channel.
    const pubTokens = await community.tokens('probe-pub', PUBLISHERS);
    const pubs = await Promise.all(
      pubTokens.map((token, i) => probeClient(urls[i % urls.length] as string, token, onPub)),
    );
    clients.push(...pubs);
    // The benchmark's chat text (chat-text.mjs): filler would be scored as spam, and the worker's
    // cases and hides would then be most of what the probe measured.
    const bodyChars = 128 - '{"body":""}'.length;
    const acks: number[] = [];
    let publishErrors = 0;
    /** Refused publishes by error code (`overloaded` while a node sheds load). */
    const publishErrorCodes: Record<string, number> = {};
    let sent = 0;
    const inFlight = new Set<Promise<void>>();
    const deliveredBefore = delivered;
    const callsBefore = redisCalls(redis.port);
    const countersBefore = await nodeCounters(ports);
    const dbTicks = databaseTicks();
    const pubTicks = ticksOf(pids);
    const workerTicks = worker ? ticksOf([worker.pid]) : 0;
    const pubStart = performance.now();
    const total = RATE * SECONDS;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - pubStart) / 1000) * RATE));
      for (; sent < due; sent++) {
        const c = pubs[sent % PUBLISHERS] as ProbeClient;
        const channel = community.topics[Math.floor(Math.random() * CHANNELS)];
        const at = performance.now();
        const done = c
          .call({
            type: 'publish',
            channel,
            nonce: `nonce-${String(sent).padStart(6, '0')}`,
            data: { body: chatText(bodyChars, Date.now()) },
          })
          .then((text) => {
            if (text.includes('"error"')) {
              if (publishErrors++ === 0) console.error(text);
              const code = /"code":"([a-z_]+)"/.exec(text)?.[1] ?? 'unknown';
              publishErrorCodes[code] = (publishErrorCodes[code] ?? 0) + 1;
            } else acks.push(performance.now() - at);
          });
        inFlight.add(done);
        void done.finally(() => inFlight.delete(done));
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const sentWindowS = (performance.now() - pubStart) / 1000;
    await Promise.all(inFlight);
    const pubEnd = performance.now();
    const publishCpuS = (ticksOf(pids) - pubTicks) / CLOCK_TICKS_PER_S;
    const publishDatabaseCpuS = databaseCpuS(dbTicks, databaseTicks());
    const publishWorkerCpuS = worker ? (ticksOf([worker.pid]) - workerTicks) / CLOCK_TICKS_PER_S : 0;
    const callsAfter = redisCalls(redis.port);
    const countersAfter = await nodeCounters(ports);
    const writes = countersAfter.writes - countersBefore.writes;
    const rowsWritten = countersAfter.rows - countersBefore.rows;
    const sinceSpawn = (at: number) => round((at - spawnedAt) / 1000);
    const redisPerPublish: Record<string, number> = {};
    for (const [command, calls] of Object.entries(callsAfter)) {
      const per = (calls - (callsBefore[command] ?? 0)) / total;
      if (per >= 0.01) redisPerPublish[command] = round(per);
    }
    acks.sort((a, b) => a - b);
    const result = {
      hubRoot: args['hub-root'],
      autoPipelining: args['auto-pipelining'] ?? 'default',
      channels: CHANNELS,
      subscribers: SUBSCRIBERS,
      nodes: NODES,
      seededS,
      arrival: ARRIVAL,
      ...(ARRIVAL === 'bench' && { lanes: LANES, batch: BATCH }),
      subscribeS: round(subscribeS),
      subscribesPerSec: round(SUBSCRIBERS / subscribeS),
      subscribeCpuS: round(subscribeCpuS),
      subscribeErrors,
      subscriberPhases: phases,
      publishes: total,
      publishRate: round(total / sentWindowS),
      publishErrors,
      publishErrorCodes,
      // Until the last ack: a node that queues answers after the sending window closes.
      ackedPerSec: round(acks.length / ((pubEnd - pubStart) / 1000)),
      ackP50Ms: round(percentile(acks, 0.5)),
      ackP99Ms: round(percentile(acks, 0.99)),
      serverAckMsAtMost: serverAckMs(countersBefore, countersAfter),
      cpuSPer1000Publishes: round((publishCpuS / total) * 1000),
      databaseCpuSPer1000Publishes: round((publishDatabaseCpuS / total) * 1000),
      ...(worker && { workerCpuSPer1000Publishes: round((publishWorkerCpuS / total) * 1000) }),
      writesInFlight: args['writes-in-flight'] ?? 'default',
      durableWritesPer1000Publishes: round((writes / total) * 1000),
      rowsPerDurableWrite: writes > 0 ? round(rowsWritten / writes) : null,
      delivered: delivered - deliveredBefore,
      redisCommandsPerPublish: redisPerPublish,
      redisCommandsPerPublishTotal: round(Object.values(redisPerPublish).reduce((a, b) => a + b, 0)),
      // Seconds since the first node started: `--window FROM,TO` for bench:profile-top.
      profileWindowsS: {
        subscribe: [sinceSpawn(subStart), sinceSpawn(subEnd)],
        publish: [sinceSpawn(pubStart), sinceSpawn(pubEnd)],
      },
    };
    console.log(JSON.stringify(result));
  } finally {
    for (const c of clients) c.ws.terminate();
    await Promise.all(nodes.map((n) => n.stop()));
    await redis.stop();
    await community.drop();
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

interface Subscriber {
  url: string;
  token: string;
  channel: string;
}

interface Arrival {
  subs: ProbeClient[];
  /** Each subscribe's reply and its time from sending to reply. */
  replies: { text: string; ms: number }[];
  /** When the subscribes started, if they started after every connection was made. */
  subscribeStart?: number;
}

async function timedSubscribe(c: ProbeClient, channel: string): Promise<{ text: string; ms: number }> {
  const at = performance.now();
  const text = await c.call({ type: 'subscribe', channel });
  return { text, ms: performance.now() - at };
}

/** Every subscriber connected first (200 at a time), then all subscribing at once. */
async function arriveSplit(
  count: number,
  subscriber: (i: number) => Subscriber,
  onPub: () => void,
): Promise<Arrival> {
  const subs = await pooled(
    Array.from({ length: count }, (_, i) => subscriber(i)),
    200,
    (s) => probeClient(s.url, s.token, onPub),
  );
  const subscribeStart = performance.now();
  const replies = await Promise.all(subs.map((c, i) => timedSubscribe(c, subscriber(i).channel)));
  return { subs, replies, subscribeStart };
}

/**
 * As the benchmark's generator (load/fanout/connections-worker.mjs): `LANES` lanes, each
 * opening its share `BATCH` at a time, every connection authenticating and subscribing in one
 * go, the next batch once the whole batch is subscribed.
 */
async function arriveAsTheBench(
  count: number,
  subscriber: (i: number) => Subscriber,
  onPub: () => void,
): Promise<Arrival> {
  const subs: ProbeClient[] = new Array<ProbeClient>(count);
  const replies: Arrival['replies'] = new Array<Arrival['replies'][number]>(count);
  const per = Math.ceil(count / LANES);
  const lane = async (first: number, end: number) => {
    for (let i = first; i < end; i += BATCH) {
      await Promise.all(
        Array.from({ length: Math.min(BATCH, end - i) }, async (_, j) => {
          const s = subscriber(i + j);
          const c = await probeClient(s.url, s.token, onPub);
          subs[i + j] = c;
          replies[i + j] = await timedSubscribe(c, s.channel);
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: LANES }, (_, l) => lane(l * per, Math.min(count, (l + 1) * per))));
  return { subs, replies };
}

await main();
