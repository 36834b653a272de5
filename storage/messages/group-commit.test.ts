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

const offsets = async (store: GroupCommitStore) => (await store.after('room', 0, 1_000)).map((p) => p.offset);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const insertEach = (store: GroupCommitStore, from: number, to: number) =>
  range(from, to).map((o) => store.insert([row(o)]));

describeMessageStoreContract('GroupCommitStore around MemoryMessageStore', () => {
  return new GroupCommitStore(new MemoryMessageStore());
});

describe('GroupCommitStore', () => {
  it('writes at once when no write is in flight: no timer, no window', async () => {
    const inner = new CountingStore();
    const store = new GroupCommitStore(inner);
    const inserted = store.insert([row(1)]);
    // Synchronously: the inner write has started before this test yields to any timer or tick.
    expect(inner.batches).toEqual([[1]]);
    await inserted;
    const next = store.insert([row(2), row(3)]);
    expect(inner.batches).toEqual([[1], [2, 3]]);
    await next;
    expect(await offsets(store)).toEqual([1, 2, 3]);
  });

  it('collects the rows arriving while a write is in flight into the next write', async () => {
    const inner = new CountingStore();
    const { opened, open } = gate();
    inner.gate = opened;
    const store = new GroupCommitStore(inner);
    const inserts = insertEach(store, 1, 100);
    expect(inner.batches).toEqual([[1]]); // the rest wait for the write in flight
    open();
    await Promise.all(inserts);
    expect(inner.batches).toEqual([[1], range(2, 100)]);
    expect(await offsets(store)).toEqual(range(1, 100));
  });

  it('runs up to maxInFlight writes at once before collecting', async () => {
    const inner = new CountingStore();
    const { opened, open } = gate();
    inner.gate = opened;
    const store = new GroupCommitStore(inner, { maxInFlight: 2 });
    const inserts = insertEach(store, 1, 10);
    expect(inner.batches).toEqual([[1], [2]]);
    open();
    await Promise.all(inserts);
    expect(inner.batches).toEqual([[1], [2], range(3, 10)]);
  });

  it('resolves a caller only once its batch is written', async () => {
    const inner = new CountingStore();
    const { opened, open } = gate();
    inner.gate = opened;
    const store = new GroupCommitStore(inner);
    let resolved = false;
    const inserted = store.insert([row(1)]).then(() => (resolved = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(inner.batches).toEqual([[1]]); // the write has started...
    expect(resolved).toBe(false); // ...but not finished
    open();
    await inserted;
    expect(await offsets(store)).toEqual([1]);
  });

  it('caps a batch at maxBatch rows without splitting a caller', async () => {
    const inner = new CountingStore();
    const { opened, open } = gate();
    inner.gate = opened;
    const store = new GroupCommitStore(inner, { maxBatch: 5 });
    const inserts = [
      store.insert([row(1)]), // written at once
      store.insert([row(2), row(3)]),
      store.insert([row(4)]),
      store.insert([row(5), row(6)]), // fills the second batch to 5
      store.insert([row(7), row(8)]), // would overflow it: starts the third
      store.insert(range(9, 15).map(row)), // more than maxBatch alone: a batch of its own
      store.insert([row(16)]),
    ];
    open();
    await Promise.all(inserts);
    expect(inner.batches).toEqual([[1], range(2, 6), [7, 8], range(9, 15), [16]]);
    expect(await offsets(store)).toEqual(range(1, 16));
  });

  it('refuses exactly the callers of a failed batch, writes the next one, and retries the failed one', async () => {
    const inner = new CountingStore();
    const { opened, open } = gate();
    inner.gate = opened;
    inner.failures.push(new Error('disk full'));
    const errors: number[] = [];
    const store = new GroupCommitStore(inner, {
      retryMs: 1,
      onWriteError: (_err, rows) => errors.push(rows),
    });

    const first = store.insert([row(1), row(2)]);
    const second = insertEach(store, 3, 5); // collected while the first is in flight
    open();

    const results = await Promise.allSettled([first, ...second]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(results[0]).toMatchObject({ reason: new Error('disk full') });
    await store.flush(); // the failed batch is written again until stored
    expect(errors).toEqual([2]);
    expect(inner.batches).toEqual([[1, 2], range(3, 5), [1, 2]]);
    expect(await offsets(store)).toEqual(range(1, 5));
  });

  it('does not hold later batches behind a failed one waiting to retry', async () => {
    const inner = new CountingStore();
    inner.failures.push(new Error('down'));
    const store = new GroupCommitStore(inner, { retryMs: 60_000 });
    const failed = store.insert([row(1)]);
    await expect(failed).rejects.toThrow('down');
    expect(store.oldestUnstoredTs()).toBe(row(1).ts); // still owed
    await store.insert([row(2)]);
    expect(inner.batches).toEqual([[1], [2]]);
    // close() gives up the retry at once (the write-ahead sweep owns the row now).
    await store.close();
    expect(inner.batches).toEqual([[1], [2]]);
    expect(store.oldestUnstoredTs()).toBe(row(1).ts);
  });

  it('reports the oldest unstored row among those waiting and those being written', async () => {
    const inner = new CountingStore();
    const { opened, open } = gate();
    inner.gate = opened;
    const store = new GroupCommitStore(inner);
    expect(store.oldestUnstoredTs()).toBeUndefined();
    const writing = store.insert([{ ...row(1), ts: 300 }]);
    const waiting = store.insert([{ ...row(2), ts: 100 }]);
    expect(store.oldestUnstoredTs()).toBe(100);
    open();
    await Promise.all([writing, waiting]);
    expect(store.oldestUnstoredTs()).toBeUndefined();
  });

  it('tells listeners of each written batch once', async () => {
    const inner = new CountingStore();
    const { opened, open } = gate();
    inner.gate = opened;
    const store = new GroupCommitStore(inner);
    const heard: number[][] = [];
    store.onCommitted((rows) => void heard.push(rows.map((r) => r.offset)));
    const inserts = insertEach(store, 1, 4);
    open();
    await Promise.all(inserts);
    expect(heard).toEqual([[1], [2, 3, 4]]);
  });

  it('flush waits for the rows waiting behind a write in flight', async () => {
    const inner = new CountingStore();
    const { opened, open } = gate();
    inner.gate = opened;
    const store = new GroupCommitStore(inner);
    void insertEach(store, 1, 3);
    let flushed = false;
    const flushing = store.flush().then(() => (flushed = true));
    await Promise.resolve();
    expect(flushed).toBe(false);
    open();
    await flushing;
    expect(await offsets(store)).toEqual([1, 2, 3]);
  });

  it('writes the waiting rows on close, then refuses new ones', async () => {
    const inner = new CountingStore();
    const { opened, open } = gate();
    inner.gate = opened;
    const store = new GroupCommitStore(inner);
    const pending = insertEach(store, 1, 3);
    const closing = store.close();
    await expect(store.insert([row(4)])).rejects.toThrow('message store: closed');
    open();
    await closing;
    await Promise.all(pending);
    expect(inner.batches).toEqual([[1], [2, 3]]);
    expect(await offsets(store)).toEqual([1, 2, 3]);
  });
});
