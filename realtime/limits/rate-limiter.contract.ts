// The contract every RateLimiter implementation must pass. Each implementation's test file calls
// describeRateLimiterContract with a factory that builds a limiter on the given clock; every test
// uses keys named for it alone, so the limiters may share one backing server. Token buckets run
// on a clock that moves only when told to; slowmode runs on real time, since Redis ends it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BucketSpec, LimitDecision, RateLimiter } from './rate-limiter.js';

const keyName = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

const takeTimes = (limiter: RateLimiter, n: number, key: string, spec: BucketSpec, cost?: number) =>
  Promise.all(Array.from({ length: n }, () => limiter.take(key, spec, cost)));

const allowedCount = (decisions: readonly LimitDecision[]) => decisions.filter((d) => d.allowed).length;

const retryAfter = (decision: LimitDecision) => {
  if (decision.allowed) throw new Error('expected a refusal, got allowed');
  return decision.retryAfterMs;
};

export function describeRateLimiterContract(
  implementation: string,
  factory: (clock: () => number) => Promise<RateLimiter> | RateLimiter,
): void {
  describe(`RateLimiter contract: ${implementation}`, () => {
    const open = async () => {
      let nowMs = Date.now();
      const limiter = await factory(() => nowMs);
      return { limiter, advance: (ms: number) => void (nowMs += ms) };
    };

    it('allows a burst up to capacity, then refuses with a sensible retryAfterMs', async () => {
      const { limiter } = await open();
      const key = keyName('burst');
      const spec = { capacity: 5, refillPerS: 1 };
      for (let i = 0; i < 5; i++) expect(await limiter.take(key, spec)).toEqual({ allowed: true });
      const refused = retryAfter(await limiter.take(key, spec));
      expect(refused).toBeGreaterThan(0);
      expect(refused).toBeLessThanOrEqual(1000 / spec.refillPerS);
    });

    it('refills continuously, up to capacity, and retryAfterMs is when the token is there', async () => {
      const { limiter, advance } = await open();
      const key = keyName('refill');
      const spec = { capacity: 4, refillPerS: 2 };
      expect(allowedCount(await takeTimes(limiter, 4, key, spec))).toBe(4);
      const waitMs = retryAfter(await limiter.take(key, spec));
      expect(waitMs).toBe(500);
      advance(waitMs - 1);
      expect((await limiter.take(key, spec)).allowed).toBe(false);
      advance(1);
      expect(await limiter.take(key, spec)).toEqual({ allowed: true });
      expect((await limiter.take(key, spec)).allowed).toBe(false);

      advance(1_250); // 2.5 tokens
      expect(allowedCount(await takeTimes(limiter, 3, key, spec))).toBe(2);
      expect(retryAfter(await limiter.take(key, spec))).toBe(250);

      advance(60_000); // far more than a full refill: still capacity only
      expect(allowedCount(await takeTimes(limiter, 6, key, spec))).toBe(4);
    });

    it('takes several tokens at once when a take costs more than one', async () => {
      const { limiter, advance } = await open();
      const key = keyName('cost');
      const spec = { capacity: 10, refillPerS: 1 };
      expect(await limiter.take(key, spec, 4)).toEqual({ allowed: true });
      expect(await limiter.take(key, spec, 4)).toEqual({ allowed: true });
      const waitMs = retryAfter(await limiter.take(key, spec, 4)); // 2 left, 2 missing
      expect(waitMs).toBeGreaterThan(0);
      expect(waitMs).toBeLessThanOrEqual((1000 / spec.refillPerS) * 4);
      expect(waitMs).toBe(2_000);
      advance(waitMs);
      expect(await limiter.take(key, spec, 4)).toEqual({ allowed: true });
      expect((await limiter.take(key, spec)).allowed).toBe(false);
    });

    it('consumes nothing on a refused take', async () => {
      const { limiter, advance } = await open();
      const key = keyName('refused');
      const spec = { capacity: 3, refillPerS: 1 };
      expect(await limiter.take(key, spec, 2)).toEqual({ allowed: true });
      for (let i = 0; i < 10; i++) expect(retryAfter(await limiter.take(key, spec, 2))).toBe(1_000);
      expect(await limiter.take(key, spec, 1)).toEqual({ allowed: true });
      const waitMs = retryAfter(await limiter.take(key, spec));
      expect(waitMs).toBe(1_000);
      for (let i = 0; i < 10; i++) await limiter.take(key, spec);
      advance(waitMs);
      expect(await limiter.take(key, spec)).toEqual({ allowed: true });
    });

    it('rejects specs and costs no take could meet', async () => {
      const { limiter } = await open();
      const key = keyName('invalid');
      await expect(limiter.take(key, { capacity: 2, refillPerS: 1 }, 3)).rejects.toThrow(RangeError);
      await expect(limiter.take(key, { capacity: 2, refillPerS: 1 }, 0)).rejects.toThrow(RangeError);
      await expect(limiter.take(key, { capacity: 0, refillPerS: 1 })).rejects.toThrow(RangeError);
      await expect(limiter.take(key, { capacity: 2, refillPerS: 0 })).rejects.toThrow(RangeError);
      await expect(limiter.slowmode(key, 0)).rejects.toThrow(RangeError);
      await expect(limiter.slowmode(key, 1.5)).rejects.toThrow(RangeError);
    });

    it('forgets buckets: a forgotten key is full again, others keep their level', async () => {
      const { limiter } = await open();
      const [gone, kept] = [keyName('forget-gone'), keyName('forget-kept')];
      const spec = { capacity: 2, refillPerS: 0.001 };
      for (const key of [gone, gone, kept, kept]) await limiter.take(key, spec);
      await limiter.forget([gone]);
      expect(await limiter.take(gone, spec)).toEqual({ allowed: true });
      expect((await limiter.take(kept, spec)).allowed).toBe(false);
    });

    it('keeps keys apart', async () => {
      const { limiter } = await open();
      const [a, b] = [keyName('iso-a'), keyName('iso-b')];
      const spec = { capacity: 3, refillPerS: 0.01 };
      expect(allowedCount(await takeTimes(limiter, 4, a, spec))).toBe(3);
      expect(allowedCount(await takeTimes(limiter, 4, b, spec))).toBe(3);
      expect(await limiter.slowmode(a, 60_000)).toEqual({ allowed: true }); // buckets are not slowmodes
      expect(await limiter.slowmode(b, 60_000)).toEqual({ allowed: true });
      expect((await limiter.slowmode(a, 60_000)).allowed).toBe(false);
    });

    it('allows exactly capacity among concurrent takes', async () => {
      const { limiter } = await open();
      const key = keyName('concurrent');
      const decisions = await takeTimes(limiter, 100, key, { capacity: 10, refillPerS: 0.001 });
      expect(allowedCount(decisions)).toBe(10);
      for (const d of decisions) if (!d.allowed) expect(d.retryAfterMs).toBeGreaterThan(0);
    });

    it('slowmode allows one call per interval; a refused call does not restart it', async () => {
      const limiter = await factory(Date.now);
      const key = keyName('slowmode');
      const intervalMs = 200;
      expect(await limiter.slowmode(key, intervalMs)).toEqual({ allowed: true });
      const acceptedBy = Date.now(); // the interval ends by acceptedBy + intervalMs

      await sleep(40);
      const first = retryAfter(await limiter.slowmode(key, intervalMs));
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(intervalMs - 30);
      await sleep(80);
      const later = retryAfter(await limiter.slowmode(key, intervalMs));
      expect(later).toBeGreaterThan(0);
      expect(later).toBeLessThanOrEqual(intervalMs - 100);

      // Had either refusal restarted the interval, this call would be refused.
      await sleep(acceptedBy + intervalMs + 15 - Date.now());
      expect(await limiter.slowmode(key, intervalMs)).toEqual({ allowed: true });
      expect(retryAfter(await limiter.slowmode(key, intervalMs))).toBeGreaterThan(intervalMs - 50);
    });

    it('slowmode allows exactly one among concurrent calls', async () => {
      const limiter = await factory(Date.now);
      const key = keyName('slowmode-concurrent');
      const decisions = await Promise.all(Array.from({ length: 20 }, () => limiter.slowmode(key, 5_000)));
      expect(allowedCount(decisions)).toBe(1);
    });
  });
}
