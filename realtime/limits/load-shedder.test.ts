import { describe, expect, it } from 'vitest';
import { LoadShedder } from './load-shedder.js';

/** An interval in which `n` publishes reached their offset after `waitMs` (one after waitMs + 1). */
function interval(shedder: LoadShedder, n: number, waitMs: number) {
  for (let i = 0; i < n; i++) shedder.sequenced(i === 0 ? waitMs + 1 : waitMs);
  return shedder.tick();
}

/** Admits publishes until the shedder refuses one; how many it took. */
function fill(shedder: LoadShedder, most = 10_000): number {
  let n = 0;
  while (n < most && shedder.admit()) n++;
  return n;
}

describe('LoadShedder', () => {
  it('admits every publish while the smallest wait stays under the target, and counts the queue', () => {
    const shedder = new LoadShedder({ targetMs: 100 });
    for (let i = 0; i < 20; i++) expect(interval(shedder, 50, 99)).toBeUndefined();
    expect(shedder.shedding).toBe(false);
    expect(fill(shedder, 500)).toBe(500);
    expect(shedder.queued).toBe(500);
    shedder.settled();
    expect(shedder.queued).toBe(499);
    expect(shedder.waitMs).toBe(99);
  });

  it('bounds the queue after `patience` intervals over the target, at what the node sequences within the target', () => {
    const shedder = new LoadShedder({ targetMs: 100, intervalMs: 100, patience: 3 });
    expect(interval(shedder, 40, 400)).toBeUndefined();
    expect(interval(shedder, 40, 400)).toBeUndefined();
    // 40 sequenced in 100 ms: 40 within the target.
    expect(interval(shedder, 40, 400)).toEqual({ shedding: true, waitMs: 400, queueLimit: 40 });
    expect(fill(shedder)).toBe(40);
    expect(shedder.admit()).toBe(false);
    shedder.settled();
    expect(shedder.admit()).toBe(true); // one left the queue: one more fits
    expect(shedder.admit()).toBe(false);
  });

  it('follows the rate while shedding, and never bounds below the least queue', () => {
    const shedder = new LoadShedder({ targetMs: 100, patience: 1, minQueue: 10 });
    interval(shedder, 40, 300);
    interval(shedder, 80, 150);
    expect(fill(shedder)).toBe(80);
    for (let i = 0; i < 80; i++) shedder.settled();
    interval(shedder, 5, 150);
    expect(fill(shedder)).toBe(10);
  });

  it('lets a stall pass: long waits in fewer than `patience` intervals bound nothing', () => {
    const shedder = new LoadShedder({ targetMs: 100 }); // patience 3 by default
    expect(interval(shedder, 200, 4000)).toBeUndefined(); // a Redis failover's held publishes
    expect(interval(shedder, 200, 2000)).toBeUndefined();
    expect(interval(shedder, 50, 10)).toBeUndefined();
    expect(interval(shedder, 50, 400)).toBeUndefined();
    expect(shedder.shedding).toBe(false);
  });

  it('counts the smallest wait of an interval: one quick publish means there is no standing queue', () => {
    const shedder = new LoadShedder({ targetMs: 100, patience: 1 });
    for (let i = 0; i < 20; i++) shedder.sequenced(900);
    shedder.sequenced(20);
    expect(shedder.tick()).toBeUndefined();
    expect(shedder.shedding).toBe(false);
  });

  it('ignores an interval with too few publishes to tell', () => {
    const shedder = new LoadShedder({ targetMs: 100, patience: 1, minSamples: 5 });
    expect(interval(shedder, 4, 5000)).toBeUndefined();
    expect(shedder.waitMs).toBe(0);
    expect(interval(shedder, 5, 5000)?.shedding).toBe(true);
  });

  it('keeps the bound while the wait is between half the target and the target, and drops it under half', () => {
    const shedder = new LoadShedder({ targetMs: 100, patience: 1 });
    interval(shedder, 20, 200);
    expect(interval(shedder, 20, 60)).toBeUndefined();
    expect(shedder.shedding).toBe(true);
    expect(interval(shedder, 20, 40)).toEqual({ shedding: false, waitMs: 40, queueLimit: 20 });
    expect(fill(shedder, 500)).toBe(500);
  });

  it('never sheds with a target of 0, and then runs no timer', () => {
    const shedder = new LoadShedder({ targetMs: 0 });
    for (let i = 0; i < 10; i++) expect(interval(shedder, 100, 60_000)).toBeUndefined();
    expect(fill(shedder, 500)).toBe(500);
    shedder.start();
    expect((shedder as unknown as { timer: unknown }).timer).toBeUndefined();
  });

  it('ticks on its own once started, and reports when it starts and stops shedding', async () => {
    const shedder = new LoadShedder({ targetMs: 100, intervalMs: 10, patience: 1 });
    const changes: boolean[] = [];
    for (let i = 0; i < 10; i++) shedder.sequenced(400);
    shedder.start((c) => changes.push(c.shedding));
    try {
      // The next interval has no publishes at all: the queue is gone.
      await expect.poll(() => changes).toEqual([true, false]);
    } finally {
      shedder.stop();
    }
  });
});
