import { describe, expect, it } from 'vitest';
import { GroupCommitStore } from './group-commit.js';
import { describeMessageStoreContract } from './message-store.contract.js';
import type { StoredPublication } from './message-store.js';
import { MemoryMessageStore } from './message-store.memory.js';

/** A MemoryMessageStore that records each insert's size, and can hold or fail writes. */
class CountingStore extends MemoryMessageStore {
  readonly batches: number[][] = [];
  /** Awaited by every insert before it writes. */
  gate: Promise<void> = Promise.resolve();
  /** Errors the next inserts fail with, in order. */
  readonly failures: Error[] = [];

  override async insert(publications: readonly StoredPublication[]): Promise<void> {
    this.batches.push(publications.map((p) => p.offset));
    const failure = this.failures.shift();
    await this.gate;
    if (failure) throw failure;
    await super.insert(publications);
  }
}

const row = (offset: number): StoredPublication => ({
  channel: 'room',
  offset,
  epoch: 'e1',
  data: `{"n":${offset}}`,
  userId: 'u1',
  userName: 'Ada',
  nonce: `n${offset}`,
  ts: 1_700_000_000_000,
});

/** A promise that resolves when `open` is called. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const offsets = async (store: GroupCommitStore) => (await store.after('room', 0, 1_000)).map((p) => p.offset);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describeMessageStoreContract('GroupCommitStore around MemoryMessageStore', () => {
  return new GroupCommitStore(new MemoryMessageStore());
});

describe('GroupCommitStore', () => {
  it('merges concurrent inserts into one inner write', async () => {
    const inner = new CountingStore();
    const store = new GroupCommitStore(inner);
    await Promise.all(range(1, 100).map((o) => store.insert([row(o)])));
    expect(inner.batches.map((b) => b.length)).toEqual([100]);
    expect(await offsets(store)).toEqual(range(1, 100));
  });

  it('resolves a caller only once its batch is written', async () => {
    const inner = new CountingStore();
    const { opened, open } = gate();
    inner.gate = opened;
    const store = new GroupCommitStore(inner);
    let resolved = false;
    const inserted = store.insert([row(1)]).then(() => (resolved = true));
    await sleep(20);
    expect(inner.batches).toEqual([[1]]); // the write has started...
    expect(resolved).toBe(false); // ...but not finished
    open();
    await inserted;
    expect(await offsets(store)).toEqual([1]);
  });

  it('rejects exactly the callers of a failed batch, not those of the next one', async () => {
    const inner = new CountingStore();
    const { opened, open } = gate();
    inner.gate = opened;
    inner.failures.push(new Error('disk full'));
    const store = new GroupCommitStore(inner, { windowMs: 5 });

    const first = [1, 2, 3].map((o) => store.insert([row(o)]));
    await sleep(30); // the first batch is now being written, held at the gate
    const second = [4, 5].map((o) => store.insert([row(o)]));
    await sleep(30);
    open();

    const results = await Promise.allSettled([...first, ...second]);
    expect(results.map((r) => r.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    for (const r of results.slice(0, 3)) expect(r).toMatchObject({ reason: new Error('disk full') });
    expect(inner.batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(await offsets(store)).toEqual([4, 5]);
  });

  it('writes at once when maxBatch rows are pending, without waiting for the window', async () => {
    const inner = new CountingStore();
    const store = new GroupCommitStore(inner, { windowMs: 60_000, maxBatch: 5 });
    await Promise.all([
      store.insert([row(1), row(2)]),
      store.insert([row(3)]),
      store.insert([row(4), row(5)]),
    ]);
    expect(inner.batches).toEqual([[1, 2, 3, 4, 5]]);

    // A caller's rows are not split: rows that would overflow the batch start the next one.
    const sixToEight = store.insert([row(6), row(7), row(8)]);
    const nineToEleven = store.insert([row(9), row(10), row(11)]);
    await sixToEight;
    expect(inner.batches).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7, 8],
    ]);
    await store.flush();
    await nineToEleven;
    expect(inner.batches).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7, 8],
      [9, 10, 11],
    ]);
  });

  it('flushes pending inserts on close, then refuses new ones', async () => {
    const inner = new CountingStore();
    const store = new GroupCommitStore(inner, { windowMs: 60_000 });
    const pending = store.insert([row(1), row(2)]);
    await store.close();
    await pending;
    expect(inner.batches).toEqual([[1, 2]]);
    await expect(store.insert([row(3)])).rejects.toThrow('message store: closed');
    expect(await offsets(store)).toEqual([1, 2]);
  });
});
