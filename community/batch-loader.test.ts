// The coalescing loader: lookups made together share one batch call per group, later ones wait
// for the next batch, failures reach every caller of the batch, and nothing is cached.
import { describe, expect, it } from 'vitest';
import { BatchLoader } from './batch-loader.js';

/** A batch function that records its calls and answers `value:<key>`, except for keys "none*". */
function recording() {
  const calls: { group: string; keys: string[] }[] = [];
  const release: (() => void)[] = [];
  let hold = false;
  const batch = async (group: string, keys: readonly string[]) => {
    calls.push({ group, keys: [...keys] });
    if (hold) await new Promise<void>((resolve) => release.push(resolve));
    return new Map(keys.filter((k) => !k.startsWith('none')).map((k) => [k, `value:${k}`]));
  };
  return {
    calls,
    batch,
    holdBatches: () => (hold = true),
    releaseAll: () => {
      hold = false;
      release.splice(0).forEach((r) => r());
    },
  };
}

describe('BatchLoader', () => {
  it('answers lookups made together with one call per group', async () => {
    const r = recording();
    const loader = new BatchLoader(r.batch);
    const values = await Promise.all([
      loader.load('c1', 'ann'),
      loader.load('c1', 'bob'),
      loader.load('c2', 'ann'),
      loader.load('c1', 'ann'),
      loader.load('c1', 'none-carl'),
    ]);
    expect(values).toEqual(['value:ann', 'value:bob', 'value:ann', 'value:ann', null]);
    expect(r.calls).toEqual([
      { group: 'c1', keys: ['ann', 'bob', 'none-carl'] },
      { group: 'c2', keys: ['ann'] },
    ]);
  });

  it('splits a burst larger than maxBatch', async () => {
    const r = recording();
    const loader = new BatchLoader(r.batch, { maxBatch: 2 });
    const values = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => loader.load('g', k)));
    expect(values).toEqual(['value:a', 'value:b', 'value:c', 'value:d', 'value:e']);
    expect(r.calls.map((c) => c.keys)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('queues the lookups made while batches are loading into the next batch', async () => {
    const r = recording();
    r.holdBatches();
    const loader = new BatchLoader(r.batch, { maxBatch: 1 });
    const first = [loader.load('g', 'a'), loader.load('g', 'b')];
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.calls.map((c) => c.keys)).toEqual([['a'], ['b']]); // two batches in flight at most
    const later = ['c', 'd', 'e'].map((k) => loader.load('g', k));
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.calls).toHaveLength(2); // waiting for a batch to end
    r.releaseAll();
    expect(await Promise.all([...first, ...later])).toEqual([
      'value:a',
      'value:b',
      'value:c',
      'value:d',
      'value:e',
    ]);
    expect(r.calls.map((c) => c.keys)).toEqual([['a'], ['b'], ['c'], ['d'], ['e']]);
  });

  it('rejects every lookup of a failed batch, and loads again on the next lookup', async () => {
    let fail = true;
    const loader = new BatchLoader<string>(async (_group, keys) => {
      if (fail) throw new Error('database down');
      return new Map(keys.map((k) => [k, k]));
    });
    const failed = await Promise.allSettled([loader.load('g', 'a'), loader.load('g', 'b')]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await loader.load('g', 'a')).toBe('a');
  });
});
