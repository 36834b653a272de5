import { describe, expect, it } from 'vitest';
import {
  BUCKETS,
  bucketOf,
  bucketUpperMs,
  cpuCount,
  cpuTicksOf,
  histogramPercentile,
  rssKBOf,
  spread,
} from './stats.js';

describe('latency histogram', () => {
  it('puts a latency in a bucket whose upper edge is just above it (about 2% wide)', () => {
    for (const ms of [0.05, 0.8, 3, 42.5, 999, 60_000]) {
      const upper = bucketUpperMs(bucketOf(ms));
      expect(upper).toBeGreaterThanOrEqual(ms);
      expect(upper).toBeLessThan(ms * 1.03 + 0.01);
    }
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(-3)).toBe(0);
    expect(bucketOf(1e12)).toBe(BUCKETS - 1);
  });

  it('reads percentiles by rank', () => {
    const h = new Uint32Array(BUCKETS);
    for (let i = 1; i <= 100; i++) h[bucketOf(i)] = (h[bucketOf(i)] ?? 0) + 1;
    expect(histogramPercentile(h, 50)).toBeCloseTo(50, -0.5);
    expect(histogramPercentile(h, 99)).toBeGreaterThanOrEqual(99);
    expect(histogramPercentile(h, 99)).toBeLessThan(100);
    expect(histogramPercentile(new Uint32Array(BUCKETS), 99)).toBeNaN();
  });
});

describe('spread', () => {
  it('gives the median and range of repeated runs, leaving NaNs out', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, n: 3 });
    expect(spread([4, 1, NaN, 2, 3])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
    expect(spread([]).n).toBe(0);
  });
});

describe('/proc parsing', () => {
  it('adds utime and stime, even when the command name holds spaces and parentheses', () => {
    const stat =
      '4242 (node (hub) x) S 1 4242 4242 0 -1 4194560 500 0 0 0 1234 567 0 0 20 0 11 0 99 1000 2000';
    expect(cpuTicksOf(stat)).toBe(1234 + 567);
    expect(() => cpuTicksOf('garbage')).toThrow(/unreadable/);
  });

  it('reads VmRSS in KB', () => {
    expect(rssKBOf('Name:\tnode\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\n')).toBe(123456);
    expect(() => rssKBOf('Name: node')).toThrow(/VmRSS/);
  });
});

describe('cpuCount', () => {
  it('counts the CPUs of a taskset list, or all of them without one', () => {
    expect(cpuCount('1', 8)).toBe(1);
    expect(cpuCount('0-3', 8)).toBe(4);
    expect(cpuCount('1,3-4', 8)).toBe(3);
    expect(cpuCount(undefined, 8)).toBe(8);
    expect(() => cpuCount('x', 8)).toThrow(/CPU list/);
  });
});
