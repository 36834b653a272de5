// `npm run bench:attachments`: many parallel uploads through one hub node, for each file kind
// and size: throughput, the node's peak RSS, and upload latency. For each (kind, size) a fresh
// hub node (`bin/hub.mjs serve`, the default GridFS store in a database of the bench's own)
// takes one warm-up upload, then `--uploads` at once from distinct members:
//   file    a PDF (a `%PDF-` header, then random bytes): sniffed and streamed into the store
//   image   a JPEG of noise of about that size: sniffed, re-encoded by sharp, and a WebP
//           thumbnail made, both stored before the upload's reply (so the upload's latency is
//           the thumbnail's); then each thumbnail is fetched through its signed link
// Streaming shows as a peak RSS (VmHWM, over the warm node's RSS) that does not grow with the
// file size. `--image-concurrency 64,2` measures each case once per value of the node's
// HUB_ATTACHMENTS_IMAGE_CONCURRENCY, side by side in one run (64: every upload decoded at once,
// as with no bound; unset: the configuration's default). Prints one JSON object as its last line.
//   npx tsx load/attachments-bench.ts [--uploads 50] [--sizes-mb 1,5] [--kinds file,image]
//     [--image-concurrency 64,2]
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { parseTopic } from '../protocol/index.js';
import { testConfig } from '../test/support/config.js';
import { freePort, PrivateRedis } from '../test/support/redis-server.js';
import { benchCommunity, type BenchCommunity } from './fanout/hubbub-community.js';
import { startProcess } from './fanout/processes.js';

const { values: args } = parseArgs({
  options: {
    uploads: { type: 'string', default: '50' },
    'sizes-mb': { type: 'string', default: '1,5' },
    kinds: { type: 'string', default: 'file,image' },
    'image-concurrency': { type: 'string', default: '' },
  },
});
const UPLOADS = Number(args.uploads);
const SIZES_MB = args['sizes-mb'].split(',').map(Number);
const KINDS = args.kinds.split(',') as Kind[];
/** null: the node's configured default. */
const IMAGE_CONCURRENCY: (number | null)[] = args['image-concurrency']
  ? args['image-concurrency'].split(',').map(Number)
  : [null];
const MB = 1024 * 1024;
const UPLOAD_TIMEOUT_MS = 120_000;

type Kind = 'file' | 'image';

interface Sample {
  kind: Kind;
  sizeMB: number;
  /** The node's HUB_ATTACHMENTS_IMAGE_CONCURRENCY; null for its default. */
  imageConcurrency: number | null;
  /** Bytes of one file as sent. */
  fileBytes: number;
  uploads: number;
  failed: number;
  wallS: number;
  throughputMBps: number;
  uploadsPerS: number;
  /** The node's RSS after its warm-up upload, and its peak (VmHWM) by the end of the run. */
  warmRssMB: number;
  peakRssMB: number;
  uploadP50Ms: number;
  uploadP99Ms: number;
  /** Images only: fetching each thumbnail through its signed link, after the uploads. */
  thumbnailGetP50Ms: number | null;
  thumbnailGetP99Ms: number | null;
  /** Thumbnails that did not download within 20 s. */
  thumbnailGetFailed: number;
}

/** A file of about `bytes` of the kind, with its name. */
async function fileOf(kind: Kind, bytes: number): Promise<{ name: string; data: Buffer }> {
  if (kind === 'file')
    return { name: 'report.pdf', data: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(bytes - 9)]) };
  // Noise compresses badly, so a JPEG of it reaches megabytes with few pixels; scale once.
  const jpeg = (side: number) =>
    sharp({
      create: {
        width: side,
        height: side,
        channels: 3,
        background: '#888',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .jpeg({ quality: 92 })
      .toBuffer();
  const probe = await jpeg(800);
  return { name: 'photo.jpg', data: await jpeg(Math.round(800 * Math.sqrt(bytes / probe.length))) };
}

function memoryKB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number);
}

const round = (n: number) => Math.round(n * 10) / 10;

async function upload(
  url: string,
  channelId: string,
  token: string,
  file: { name: string; data: Buffer },
): Promise<{ ok: boolean; ms: number; thumbnailUrl: string | null; text: string }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.data)]), file.name);
  const at = performance.now();
  try {
    // Bounded: an upload that stalls is counted as failed, not waited for forever.
    const res = await fetch(`${url}/api/v1/channels/${channelId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    const text = await res.text();
    const ms = performance.now() - at;
    const body = res.ok ? (JSON.parse(text) as { thumbnailUrl: string | null }) : null;
    return { ok: res.status === 201, ms, thumbnailUrl: body?.thumbnailUrl ?? null, text };
  } catch (err) {
    return { ok: false, ms: performance.now() - at, thumbnailUrl: null, text: String(err) };
  }
}

async function measure(
  community: BenchCommunity,
  redis: PrivateRedis,
  kind: Kind,
  sizeMB: number,
  imageConcurrency: number | null,
  run: number,
): Promise<Sample> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const node = await startProcess({
    argv: [process.execPath, resolve(import.meta.dirname, '../bin/hub.mjs'), 'serve'],
    env: {
      PATH: process.env['PATH'],
      HUB_ENV: 'test',
      HUB_DEMO_ENABLED: 'true',
      HUB_LOG_LEVEL: 'error',
      HUB_SERVER_PORT: String(port),
      HUB_REDIS_URL: redis.url,
      HUB_REDIS_KEY_PREFIX: `attbench${run}`,
      HUB_MONGODB_URL: community.mongoUrl,
      HUB_LIVEKIT_URL: testConfig().livekit.url,
      // Every upload comes from this one address: the per-address limit is not what is measured.
      HUB_API_IP_BURST: '100000',
      HUB_API_IP_RATE_PER_S: '100000',
      ...(imageConcurrency === null ? {} : { HUB_ATTACHMENTS_IMAGE_CONCURRENCY: String(imageConcurrency) }),
    },
    cpus: undefined,
    healthUrl: `${url}/healthz`,
    timeoutMs: 60_000,
  });
  try {
    const topic = parseTopic(community.topics[0] as string);
    if (topic?.kind !== 'chan') throw new Error('attachments bench: the community has no channel');
    const file = await fileOf(kind, sizeMB * MB);
    const tokens = await community.tokens('bench-up', UPLOADS);
    // Warm-up: the routes, sharp and the store's connections loaded before measuring.
    const warm = await upload(url, topic.channel, tokens[0] as string, file);
    if (!warm.ok) throw new Error(`attachments bench: the warm-up upload failed: ${warm.text}`);
    const warmRssMB = memoryKB(node.pid, 'VmRSS') / 1024;
    const started = performance.now();
    const results = await Promise.all(tokens.map((token) => upload(url, topic.channel, token, file)));
    const wallS = (performance.now() - started) / 1000;
    const peakRssMB = memoryKB(node.pid, 'VmHWM') / 1024;
    const ok = results.filter((r) => r.ok);
    const failed = results.find((r) => !r.ok);
    if (failed) console.error(`attachments bench: an upload failed: ${failed.text}`);
    const uploadMs = ok.map((r) => r.ms).sort((a, b) => a - b);
    const thumbMs: number[] = [];
    let thumbnailGetFailed = 0;
    for (const r of ok) {
      if (!r.thumbnailUrl) continue;
      const at = performance.now();
      // Bounded: a download that stalls is counted, not waited for forever.
      const got = await fetch(`${url}${r.thumbnailUrl}`, { signal: AbortSignal.timeout(20_000) })
        .then(async (res) => res.ok && (await res.arrayBuffer()).byteLength > 0)
        .catch(() => false);
      if (got) thumbMs.push(performance.now() - at);
      else thumbnailGetFailed++;
    }
    thumbMs.sort((a, b) => a - b);
    return {
      kind,
      sizeMB,
      imageConcurrency,
      fileBytes: file.data.length,
      uploads: UPLOADS,
      failed: results.length - ok.length,
      wallS: round(wallS),
      throughputMBps: round((ok.length * file.data.length) / MB / wallS),
      uploadsPerS: round(ok.length / wallS),
      warmRssMB: round(warmRssMB),
      peakRssMB: round(peakRssMB),
      uploadP50Ms: Math.round(percentile(uploadMs, 0.5)),
      uploadP99Ms: Math.round(percentile(uploadMs, 0.99)),
      thumbnailGetP50Ms: thumbMs.length ? Math.round(percentile(thumbMs, 0.5)) : null,
      thumbnailGetP99Ms: thumbMs.length ? Math.round(percentile(thumbMs, 0.99)) : null,
      thumbnailGetFailed,
    };
  } finally {
    await node.stop();
  }
}

async function main(): Promise<void> {
  const users = Array.from({ length: UPLOADS }, (_, i) => `bench-up-${i}`);
  const community = await benchCommunity(users, 1);
  const redis = new PrivateRedis(await freePort());
  await redis.start();
  const samples: Sample[] = [];
  try {
    let run = 0;
    for (const kind of KINDS)
      for (const sizeMB of SIZES_MB)
        for (const imageConcurrency of kind === 'image' ? IMAGE_CONCURRENCY : [null]) {
          const sample = await measure(community, redis, kind, sizeMB, imageConcurrency, run++);
          console.error(JSON.stringify(sample));
          samples.push(sample);
        }
  } finally {
    await redis.stop();
    await community.drop();
  }
  console.log(JSON.stringify({ uploads: UPLOADS, store: 'gridfs', samples }));
}

await main();
