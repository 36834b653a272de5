// Pure helpers of the fan-out benchmark: the latency histogram's buckets, percentiles, median
// and spread of repeated runs, and the CPU and memory figures read from /proc.

/**
 * Latency histogram buckets: log-linear, 32 per doubling of (1 + 100 × ms), so about 2% wide
 * from 0.01 ms to minutes. The subscriber workers (plain JavaScript) use the same formula:
 * keep BUCKETS and bucketOf in step with load/fanout/histogram.mjs.
 */
export const BUCKETS = 1024;

export function bucketOf(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.min(BUCKETS - 1, Math.floor(Math.log2(1 + ms * 100) * 32));
}

/** The upper edge of a bucket, in ms: what a percentile that lands in it reports. */
export function bucketUpperMs(index: number): number {
  return (2 ** ((index + 1) / 32) - 1) / 100;
}

/** The p-th percentile (0–100) of a histogram, in ms; NaN when it is empty. */
export function histogramPercentile(counts: ArrayLike<number>, p: number): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i] ?? 0;
  if (total === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i] ?? 0;
    if (seen >= rank) return bucketUpperMs(i);
  }
  return bucketUpperMs(counts.length - 1);
}

/** Adds histograms bucket by bucket. */
export function mergeHistograms(histograms: ArrayLike<number>[]): Uint32Array {
  const out = new Uint32Array(BUCKETS);
  for (const h of histograms) for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) + (h[i] ?? 0);
  return out;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** Median and range of repeated measurements (NaNs left out). */
export function spread(values: number[]): Spread {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
  return { median, min: v[0] as number, max: v[v.length - 1] as number, n: v.length };
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * User plus system CPU time, in clock ticks, from the text of /proc/PID/stat. The command name
 * (field 2) may hold spaces and parentheses, so fields are counted after its last ')'.
 */
export function cpuTicksOf(statText: string): number {
  const rest = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); utime and stime are fields 14 and 15.
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('bench: unreadable /proc stat');
  return utime + stime;
}

/** Resident set size in KB, from the text of /proc/PID/status. */
export function rssKBOf(statusText: string): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(statusText);
  if (!m) throw new Error('bench: no VmRSS in /proc status');
  return Number(m[1]);
}

/** How many CPUs a taskset list names ("1", "0-3", "1,3"); `all` when there is no list. */
export function cpuCount(list: string | undefined, all: number): number {
  if (!list) return all;
  let n = 0;
  for (const part of list.split(',')) {
    const [from, to] = part.split('-').map(Number);
    if (!Number.isInteger(from)) throw new Error(`bench: unreadable CPU list ${list}`);
    n += to === undefined ? 1 : (to as number) - (from as number) + 1;
  }
  return n;
}
