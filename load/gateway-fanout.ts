// npm run bench:gateway — the gateway's figures: one channel, N subscribers over two hub
// nodes (full authentication, persistence to MongoDB, fan-out through Redis), publishers on
// node A stamping the send time. Reports delivered messages per second and publish-to-deliver
// latency percentiles at a fixed publish rate, and RSS per idle authenticated connection.
// The last line printed is one JSON object. Loopback only; bounded in time.
//
//   npm run bench:gateway -- --subscribers 2000 --rates 20,100,400 --seconds 5
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { spawnHub, type HubProcess } from '../test/support/hub-processes.js';
import { testConfig } from '../test/support/config.js';
import { tokenFor } from '../test/support/tokens.js';
import { connectMongo } from '../storage/mongo.js';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '2000' },
    rates: { type: 'string', default: '20,100,200' },
    seconds: { type: 'string', default: '5' },
    workers: { type: 'string', default: '2' },
    idle: { type: 'string', default: '2000' },
    publishers: { type: 'string', default: '8' },
  },
});
const SUBSCRIBERS = Number(values.subscribers);
const RATES = String(values.rates).split(',').map(Number);
const SECONDS = Number(values.seconds);
const WORKERS = Number(values.workers);
const IDLE = Number(values.idle);
/** Publishing connections, round robin: a channel's traffic comes from many users. */
const PUBLISHERS = Number(values.publishers);

// A database of its own, so the figures do not depend on what earlier runs left behind.
const benchDb = new URL(testConfig().mongodb.url);
benchDb.pathname = `/bench_${randomUUID().slice(0, 8)}`;
const env = {
  HUB_MONGODB_URL: benchDb.toString(),
  HUB_REDIS_KEY_PREFIX: `bench${randomUUID().slice(0, 6)}`,
  HUB_GATEWAY_PUBLISH_BURST: '100000',
  HUB_GATEWAY_PUBLISH_RATE_PER_S: '100000',
  HUB_GATEWAY_FRAME_BURST: '100000',
  HUB_GATEWAY_FRAME_RATE_PER_S: '100000',
  HUB_LOG_LEVEL: 'error',
  HUB_GATEWAY_MAX_BACKPRESSURE_BYTES: process.env['BENCH_BACKPRESSURE'] ?? '1048576',
};

const rssKB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function connectPublisher(url: string, n: number): Promise<(data: object) => void> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  let id = 10;
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (raw: Buffer) => {
      const text = raw.toString();
      if (text.startsWith('{"type":"hello"'))
        void tokenFor(`publisher-${n}`).then((token) =>
          ws.send(JSON.stringify({ type: 'connect', id: 1, token })),
        );
      else if (text.startsWith('{"type":"reply","id":1,')) resolve();
      else if (text.includes('"error"')) console.error('publish refused:', text);
    });
    ws.once('error', reject);
  });
  return (data) => ws.send(JSON.stringify({ type: 'publish', id: ++id, channel, data, nonce: randomUUID() }));
}

const channel = `chan:bench:fanout-${randomUUID().slice(0, 6)}`;

async function fanout(a: HubProcess, b: HubProcess) {
  const tokens = await Promise.all(Array.from({ length: SUBSCRIBERS }, (_, i) => tokenFor(`sub-${i}`)));
  const perWorker = Math.ceil(SUBSCRIBERS / WORKERS);
  const workers = Array.from(
    { length: WORKERS },
    (_, w) =>
      new Worker(new URL('./gateway-subscriber.mjs', import.meta.url), {
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
        workerData: {
          urls: [a.wsUrl, b.wsUrl],
          tokens: tokens.slice(w * perWorker, (w + 1) * perWorker),
          channel,
        },
      }),
  );
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  const publishers = await Promise.all(
    Array.from({ length: PUBLISHERS }, (_, n) => connectPublisher(a.wsUrl, n)),
  );
  let next = 0;
  const publish = (data: object) => (publishers[next++ % publishers.length] as (d: object) => void)(data);
  const ask = (m: string) =>
    Promise.all(
      workers.map(
        (w) =>
          new Promise<{ delivered: number; latencies: number[] }>((r) => {
            w.once('message', r);
            w.postMessage(m);
          }),
      ),
    );

  const results = [];
  for (const rate of RATES) {
    await ask('report'); // reset
    const started = performance.now();
    let sent = 0;
    const timer = setInterval(() => {
      const due = Math.floor(((performance.now() - started) / 1000) * rate) - sent;
      for (let i = 0; i < due; i++, sent++)
        publish({ t: performance.timeOrigin + performance.now(), pad: 'x'.repeat(64) });
    }, 5);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    clearInterval(timer);
    await new Promise((r) => setTimeout(r, 500)); // let the last ones arrive
    const elapsedS = (performance.now() - started) / 1000;
    const reports = await ask('report');
    const delivered = reports.reduce((n, r) => n + r.delivered, 0);
    const lat = reports.flatMap((r) => r.latencies).sort((x, y) => x - y);
    results.push({
      publishRate: rate,
      published: sent,
      expected: sent * SUBSCRIBERS,
      delivered,
      loss: round(1 - delivered / (sent * SUBSCRIBERS), 4),
      deliveredPerSec: Math.round(delivered / elapsedS),
      p50Ms: round(percentile(lat, 50)),
      p90Ms: round(percentile(lat, 90)),
      p99Ms: round(percentile(lat, 99)),
      maxMs: round(lat[lat.length - 1] ?? NaN),
    });
    console.log(JSON.stringify(results[results.length - 1]));
  }
  await ask('close');
  await Promise.all(workers.map((w) => w.terminate()));
  return results;
}

async function idleMemory(): Promise<{ connections: number; rssPerConnKB: number }> {
  const node = await spawnHub(env);
  try {
    const pid = node.child.pid as number;
    const tokens = await Promise.all(Array.from({ length: IDLE }, (_, i) => tokenFor(`idle-${i}`)));
    // Warm up the process (JIT, pools) with a few connections before the baseline.
    const open = async (token: string) => {
      const ws = new WebSocket(node.wsUrl, { perMessageDeflate: false });
      await new Promise<void>((resolve, reject) => {
        ws.on('message', (raw: Buffer) => {
          const t = raw.toString();
          if (t.startsWith('{"type":"hello"')) ws.send(JSON.stringify({ type: 'connect', id: 1, token }));
          else if (t.startsWith('{"type":"reply","id":1,')) resolve();
        });
        ws.once('error', reject);
      });
      return ws;
    };
    const warm = await Promise.all(tokens.slice(0, 50).map(open));
    await new Promise((r) => setTimeout(r, 1000));
    const before = rssKB(pid);
    const sockets: WebSocket[] = [];
    for (let i = 50; i < tokens.length; i += 200)
      sockets.push(...(await Promise.all(tokens.slice(i, i + 200).map(open))));
    await new Promise((r) => setTimeout(r, 2000));
    const after = rssKB(pid);
    [...warm, ...sockets].forEach((s) => s.close());
    return { connections: sockets.length, rssPerConnKB: round((after - before) / sockets.length) };
  } finally {
    await node.kill();
  }
}

const [a, b] = await Promise.all([spawnHub(env), spawnHub(env)]);
let runs;
try {
  runs = await fanout(a, b);
} finally {
  await Promise.all([a.kill(), b.kill()]);
}
const idle = await idleMemory();
const db = await connectMongo(benchDb.toString());
await db.dropDatabase();
await db.close();
const best = runs.reduce((x, y) => (y.deliveredPerSec > x.deliveredPerSec && y.loss < 0.001 ? y : x));
console.log(
  JSON.stringify({
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    subscribers: SUBSCRIBERS,
    nodes: 2,
    runs,
    best: {
      publishRate: best.publishRate,
      deliveredPerSec: best.deliveredPerSec,
      p50Ms: best.p50Ms,
      p99Ms: best.p99Ms,
    },
    idle,
  }),
);
process.exit(0);
