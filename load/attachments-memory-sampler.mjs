// Preloaded into the hub node of load/attachments-bench.ts (`node --expose-gc --import <this>`):
// where the node's memory goes during an upload run. Samples process.memoryUsage() every
// ATTBENCH_SAMPLE_MS (10) and keeps each part's peak: rss, the V8 heap (heapTotal, heapUsed),
// external (memory outside the heap owned by JS objects) and arrayBuffers (Buffers, the part of
// external that holds the bytes). On SIGUSR2 it prints one line to stderr,
// `ATTBENCH_MEMORY {peak, now, afterGc}`, and starts new peaks: `afterGc` is measured after a full
// collection, so what it still holds is live, the rest was garbage. With ATTBENCH_LIVE=true each
// sample is taken after a full collection too (every 250 ms: collections are slow), so the
// peaks are of live bytes only: what the uploads hold, without the garbage they leave.
import process from 'node:process';
import { setInterval } from 'node:timers';

const live = process.env.ATTBENCH_LIVE === 'true';
const everyMs = live ? 250 : Number(process.env.ATTBENCH_SAMPLE_MS ?? 10);
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => undefined;
const PARTS = ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'];

const fresh = () => Object.fromEntries(PARTS.map((p) => [p, 0]));
const inMB = (m) => Object.fromEntries(PARTS.map((p) => [p, Math.round((m[p] / 1048576) * 10) / 10]));
let peak = fresh();

setInterval(() => {
  if (live) gc();
  const m = process.memoryUsage();
  for (const p of PARTS) peak[p] = Math.max(peak[p], m[p]);
}, everyMs).unref();

process.on('SIGUSR2', () => {
  const now = process.memoryUsage();
  gc(); // twice: a Buffer's memory is released by a callback of the first collection
  gc();
  const afterGc = process.memoryUsage();
  const report = { peak: inMB(peak), now: inMB(now), afterGc: inMB(afterGc) };
  process.stderr.write(`ATTBENCH_MEMORY ${JSON.stringify(report)}\n`);
  peak = fresh();
});
