// `npm run bench:attachments`: many parallel uploads through one hub node, for each file kind
// and size: throughput, the node's memory, and upload latency. For each case a fresh hub node
// (`bin/hub.mjs serve`, in a database of the bench's own) takes one warm-up upload, then
// `--uploads` at once from distinct members:
//   file    a PDF (a `%PDF-` header, then random bytes): sniffed and streamed into the store
//   image   a JPEG of noise of about that size: sniffed, re-encoded by sharp, and a WebP
//           thumbnail made, both stored before the upload's reply (so the upload's latency is
//           the thumbnail's); then each thumbnail is fetched through its signed link
// Streaming shows as a peak (VmHWM, over the warm node's RSS) that does not grow with the file
// size. The node runs with load/attachments-memory-sampler.mjs preloaded: the peaks of its V8
// heap, external and ArrayBuffer memory beside RSS, and what a full collection leaves after the
// run (`--live-memory`: every sample after a full collection, so the peaks are of live bytes).
// Lists measure each case once per value, side by side in one run:
//   --store gridfs,s3          GridFS on the test profile's FerretDB, or S3 on its SeaweedFS
//                              (a bucket of the bench's own, emptied and removed afterwards)
//   --hub-root /work/main,.    the hub's source tree (before and after a change)
//   --image-concurrency 64,2   the node's HUB_ATTACHMENTS_IMAGE_CONCURRENCY (64: every upload
//                              decoded at once; unset: the configuration's default)
//   --node-env ,MALLOC_ARENA_MAX=2   one more variable of the node's environment, or none
// Prints one JSON object as its last line.
//   npx tsx load/attachments-bench.ts [--uploads 50] [--sizes-mb 1,5] [--kinds file,image]
//     [--store gridfs] [--hub-root .] [--image-concurrency 64,2] [--node-env …] [--live-memory]
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { MongoClient } from 'mongodb';
import sharp from 'sharp';
import { parseTopic } from '../protocol/index.js';
import { testConfig } from '../test/support/config.js';
import { ensureTestBucket, testS3Options } from '../test/support/s3.js';
import type { S3StoreOptions } from '../storage/objects/object-store.s3.js';
import { freePort, PrivateRedis } from '../test/support/redis-server.js';
import { benchCommunity, type BenchCommunity } from './fanout/hubbub-community.js';
import { cpuSeconds, startProcess, type ServerProcess } from './fanout/processes.js';

const { values: args } = parseArgs({
  options: {
    uploads: { type: 'string', default: '50' },
    'sizes-mb': { type: 'string', default: '1,5' },
    kinds: { type: 'string', default: 'file,image' },
    'image-concurrency': { type: 'string', default: '' },
    store: { type: 'string', default: 'gridfs' },
    'hub-root': { type: 'string', default: '' },
    'live-memory': { type: 'boolean', default: false },
    'node-env': { type: 'string', default: '' },
  },
});
const UPLOADS = Number(args.uploads);
const SIZES_MB = args['sizes-mb'].split(',').map(Number);
const KINDS = args.kinds.split(',') as Kind[];
/** null: the node's configured default. */
const IMAGE_CONCURRENCY: (number | null)[] = args['image-concurrency']
  ? args['image-concurrency'].split(',').map(Number)
  : [null];
const STORES = args.store.split(',') as Store[];
const HUB_ROOTS = args['hub-root']
  ? args['hub-root'].split(',').map((r) => resolve(r))
  : [resolve(import.meta.dirname, '..')];
/** Extra variables of the node, one `NAME=value` (or none: '') per alternative. */
const NODE_ENVS = args['node-env'].split(',');
const SAMPLER = pathToFileURL(resolve(import.meta.dirname, 'attachments-memory-sampler.mjs')).href;
const MB = 1024 * 1024;
const UPLOAD_TIMEOUT_MS = 120_000;

type Kind = 'file' | 'image';
type Store = 'gridfs' | 's3';

/** Megabytes of each part of process.memoryUsage(), as the sampler prints them. */
interface MemoryParts {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}
interface MemoryReport {
  peak: MemoryParts;
  now: MemoryParts;
  afterGc: MemoryParts;
}

interface Sample {
  kind: Kind;
  sizeMB: number;
  store: Store;
  hubRoot: string;
  /** The `--node-env` alternative the node ran with ('' for none). */
  nodeEnv: string;
  /** The node's HUB_ATTACHMENTS_IMAGE_CONCURRENCY; null for its default. */
  imageConcurrency: number | null;
  /** Bytes of one file as sent. */
  fileBytes: number;
  uploads: number;
  failed: number;
  wallS: number;
  throughputMBps: number;
  uploadsPerS: number;
  /** CPU seconds (user + system) the node used during the run: near wallS, it was CPU-bound. */
  nodeCpuS: number;
  /** The node's RSS after its warm-up upload, and its peak (VmHWM) by the end of the run. */
  warmRssMB: number;
  peakRssMB: number;
  /** The sampler's view: after the warm-up (and a full collection), and the run's peaks. */
  warm: MemoryParts;
  runPeak: MemoryParts;
  /** What a full collection leaves right after the run. */
  afterRunGc: MemoryParts;
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

interface Case {
  kind: Kind;
  sizeMB: number;
  store: Store;
  hubRoot: string;
  nodeEnv: string;
  imageConcurrency: number | null;
}

/** The node's environment for the store: GridFS is the default, S3 the bench's bucket. */
function storeEnv(store: Store, s3: S3StoreOptions): Record<string, string> {
  if (store === 'gridfs') return {};
  return {
    HUB_OBJECTS_BACKEND: 's3',
    HUB_S3_ENDPOINT: s3.endpoint ?? '',
    HUB_S3_BUCKET: s3.bucket,
    HUB_S3_REGION: s3.region,
    HUB_S3_FORCE_PATH_STYLE: String(s3.forcePathStyle),
    HUB_S3_ACCESS_KEY_ID: s3.credentials?.accessKeyId ?? '',
    HUB_S3_SECRET_ACCESS_KEY: s3.credentials?.secretAccessKey ?? '',
  };
}

/** Asks the node's sampler for its report (SIGUSR2) and waits for the line it prints. */
async function memoryReport(node: ServerProcess): Promise<MemoryReport> {
  const seen = node.output().split('ATTBENCH_MEMORY ').length;
  process.kill(node.pid, 'SIGUSR2');
  for (let waited = 0; waited < 30_000; waited += 20) {
    const parts = node.output().split('ATTBENCH_MEMORY ');
    if (parts.length > seen) {
      const line = (parts[seen] as string).split('\n')[0] as string;
      return JSON.parse(line) as MemoryReport;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('attachments bench: the node did not print its memory report');
}

async function measure(
  community: BenchCommunity,
  redis: PrivateRedis,
  s3: S3StoreOptions,
  { kind, sizeMB, store, hubRoot, nodeEnv, imageConcurrency }: Case,
  run: number,
): Promise<Sample> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const node = await startProcess({
    argv: [process.execPath, '--expose-gc', '--import', SAMPLER, resolve(hubRoot, 'bin/hub.mjs'), 'serve'],
    env: {
      ...storeEnv(store, s3),
      ...(nodeEnv ? { [nodeEnv.split('=')[0] as string]: nodeEnv.slice(nodeEnv.indexOf('=') + 1) } : {}),
      ...(args['live-memory'] ? { ATTBENCH_LIVE: 'true' } : {}),
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
    const warmUp = await upload(url, topic.channel, tokens[0] as string, file);
    if (!warmUp.ok) throw new Error(`attachments bench: the warm-up upload failed: ${warmUp.text}`);
    const warm = (await memoryReport(node)).afterGc;
    const warmRssMB = memoryKB(node.pid, 'VmRSS') / 1024;
    const cpuBefore = cpuSeconds(node.pid);
    const started = performance.now();
    const results = await Promise.all(tokens.map((token) => upload(url, topic.channel, token, file)));
    const wallS = (performance.now() - started) / 1000;
    const peakRssMB = memoryKB(node.pid, 'VmHWM') / 1024;
    const nodeCpuS = cpuSeconds(node.pid) - cpuBefore;
    const ran = await memoryReport(node);
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
      store,
      hubRoot,
      nodeEnv,
      imageConcurrency,
      fileBytes: file.data.length,
      uploads: UPLOADS,
      failed: results.length - ok.length,
      wallS: round(wallS),
      throughputMBps: round((ok.length * file.data.length) / MB / wallS),
      uploadsPerS: round(ok.length / wallS),
      nodeCpuS: round(nodeCpuS),
      warmRssMB: round(warmRssMB),
      peakRssMB: round(peakRssMB),
      warm,
      runPeak: ran.peak,
      afterRunGc: ran.afterGc,
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

/** Every case, the lists' values side by side (store and tree innermost). */
function cases(): Case[] {
  const out: Case[] = [];
  for (const kind of KINDS)
    for (const sizeMB of SIZES_MB)
      for (const imageConcurrency of kind === 'image' ? IMAGE_CONCURRENCY : [null])
        for (const store of STORES)
          for (const hubRoot of HUB_ROOTS)
            for (const nodeEnv of NODE_ENVS)
              out.push({ kind, sizeMB, store, hubRoot, nodeEnv, imageConcurrency });
  return out;
}

/**
 * Empties the attachments' collections (GridFS's and the descriptions), keeping their indexes:
 * each case starts as the first did (without this, whichever tree ran second was the slower:
 * 10.6 against 14.4 MB/s, and 12.5 against 17.4 with the trees swapped).
 */
async function clearAttachments(mongoUrl: string): Promise<void> {
  const client = await MongoClient.connect(mongoUrl);
  try {
    const db = client.db();
    for (const name of ['attachments.files', 'attachments.chunks', 'attachments'])
      await db.collection(name).deleteMany({});
  } finally {
    await client.close();
  }
}

/** Empties and removes the bench's bucket. */
async function dropBucket(s3: S3StoreOptions): Promise<void> {
  const client = new S3Client({
    region: s3.region,
    forcePathStyle: s3.forcePathStyle,
    ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
    ...(s3.credentials ? { credentials: s3.credentials } : {}),
  });
  try {
    for (;;) {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
      const keys = (listed.Contents ?? []).map((o) => o.Key as string);
      if (keys.length === 0) break;
      for (const Key of keys) await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key }));
    }
    await client.send(new DeleteBucketCommand({ Bucket: s3.bucket }));
  } finally {
    client.destroy();
  }
}

async function main(): Promise<void> {
  const users = Array.from({ length: UPLOADS }, (_, i) => `bench-up-${i}`);
  const community = await benchCommunity(users, 1);
  const redis = new PrivateRedis(await freePort());
  const s3 = { ...testS3Options(), bucket: `hubbub-bench-${randomUUID().slice(0, 8)}` };
  if (STORES.includes('s3')) await ensureTestBucket(s3);
  await redis.start();
  const samples: Sample[] = [];
  try {
    let run = 0;
    for (const c of cases()) {
      await clearAttachments(community.mongoUrl);
      const sample = await measure(community, redis, s3, c, run++);
      console.error(JSON.stringify(sample));
      samples.push(sample);
    }
  } finally {
    await redis.stop();
    await community.drop();
    if (STORES.includes('s3')) await dropBucket(s3);
  }
  console.log(JSON.stringify({ uploads: UPLOADS, samples }));
}

await main();
