// The latency histogram of the generator's worker threads: counts only, so recording a delivery
// costs a log and an increment. The formula is bucketOf in load/fanout/stats.ts (keep in step).
export const BUCKETS = 1024;

export function newHistogram() {
  return new Uint32Array(BUCKETS);
}

export function record(histogram, ms) {
  histogram[ms > 0 ? Math.min(BUCKETS - 1, Math.floor(Math.log2(1 + ms * 100) * 32)) : 0]++;
}
