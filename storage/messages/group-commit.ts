// Group commit: rows that arrive while a write to the inner store is in flight are collected and
// written together when it ends, as PostgreSQL and MySQL group their commits. An idle store
// writes at once (no timer, no window); a busy one writes fewer, larger batches the busier it is,
// so many small channels cost the database a few bulk inserts instead of one per publication.
// At most `maxInFlight` first attempts run at a time; batches hold at most `maxBatch` rows, and a
// caller's rows are never split (one caller's rows beyond maxBatch make a batch of their own).
// Each caller still learns the fate of its own rows: its promise settles with its batch's write
// (the sender's ack waits for it). A batch whose write failed is refused to its callers and kept:
// it is written again with backoff until the store takes it, because its publications were
// delivered already (Redis's recent history is their write-ahead log meanwhile). Listeners hear
// of every batch once written (the scoring hand-off enqueues its jobs per batch).
import type { MessageStore, RedactMatch, StoredPublication } from './message-store.js';

export interface GroupCommitOptions {
  /** First attempts at writing a batch that may run at once; rows wait past it. Defaults to 1. */
  maxInFlight?: number;
  /** Most rows of one batch (unless one caller's rows alone are more). Defaults to 500. */
  maxBatch?: number;
  /** First wait before writing a failed batch again; doubles up to maxRetryMs. Defaults to 250. */
  retryMs?: number;
  /** Longest wait between attempts at a failed batch. Defaults to 5,000. */
  maxRetryMs?: number;
  /** Told of each failed attempt (the first, and each retry). */
  onWriteError?: (err: unknown, rows: number) => void;
}

/** Told of a written batch; off the writers' path (not awaited), so it must not reject. */
export type CommittedListener = (rows: readonly StoredPublication[]) => void | Promise<void>;

interface Caller {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Rows waiting for a write, and the callers they came from. */
interface Batch {
  rows: StoredPublication[];
  callers: Caller[];
  /** Settles once the batch's write (with its retries) has ended: what flush() waits for. */
  ended: Promise<void>;
  end: () => void;
}

function newBatch(): Batch {
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  return { rows: [], callers: [], ended, end };
}

export class GroupCommitStore implements MessageStore {
  private readonly maxInFlight: number;
  private readonly maxBatch: number;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;
  /** Batches not started yet, oldest first; only the last one takes more rows. */
  private queue: Batch[] = [];
  /** First attempts running now. */
  private inFlight = 0;
  /** Batches started (being written, or owed after a failed write), with their oldest row's time. */
  private readonly unsettled = new Map<Batch, number>();
  private readonly listeners: CommittedListener[] = [];
  private closed = false;
  private stopRetrying = false;
  /** Wakes each failed batch waiting to retry (close() ends the waits). */
  private readonly sleeping = new Set<() => void>();

  constructor(
    private readonly inner: MessageStore,
    private readonly options: GroupCommitOptions = {},
  ) {
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 1);
    this.maxBatch = options.maxBatch ?? 500;
    this.retryMs = options.retryMs ?? 250;
    this.maxRetryMs = options.maxRetryMs ?? 5_000;
  }

  /** Runs after every batch the store took (including retried ones), with its rows. */
  onCommitted(listener: CommittedListener): void {
    this.listeners.push(listener);
  }

  insert(publications: readonly StoredPublication[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('message store: closed'));
    if (publications.length === 0) return Promise.resolve();
    let batch = this.queue.at(-1);
    // A caller's rows are never split; rows that would overflow the batch start the next one.
    if (!batch || (batch.rows.length > 0 && batch.rows.length + publications.length > this.maxBatch)) {
      batch = newBatch();
      this.queue.push(batch);
    }
    const taken = batch;
    const settled = new Promise<void>((resolve, reject) => taken.callers.push({ resolve, reject }));
    for (const p of publications) taken.rows.push(p);
    this.startWrites();
    return settled;
  }

  /**
   * The publication time of the oldest row not yet stored (waiting, being written, or owed after
   * a failed write); undefined when everything is stored. The write-ahead heartbeat reports it.
   */
  oldestUnstoredTs(): number | undefined {
    let oldest: number | undefined;
    for (const b of this.queue) for (const r of b.rows) oldest = Math.min(oldest ?? r.ts, r.ts);
    for (const ts of this.unsettled.values()) oldest = Math.min(oldest ?? ts, ts);
    return oldest;
  }

  /** Resolves once every row inserted so far has been written, or refused and retried until stored. */
  async flush(): Promise<void> {
    await Promise.all([...this.unsettled.keys(), ...this.queue].map((b) => b.ended));
  }

  /**
   * Refuses new inserts, writes those waiting, and gives up retrying failed batches (what is
   * still owed then stays in the write-ahead log for the sweep: oldestUnstoredTs() says so).
   */
  async close(): Promise<void> {
    this.closed = true;
    this.stopRetrying = true;
    for (const wake of [...this.sleeping]) wake();
    await this.flush();
  }

  after(channel: string, offset: number, limit: number): Promise<StoredPublication[]> {
    return this.inner.after(channel, offset, limit);
  }

  before(channel: string, offset: number | undefined, limit: number): Promise<StoredPublication[]> {
    return this.inner.before(channel, offset, limit);
  }

  top(channel: string): Promise<{ offset: number; epoch: string } | null> {
    return this.inner.top(channel);
  }

  first(channel: string): Promise<number | null> {
    return this.inner.first(channel);
  }

  async expire(channelPrefix: string, beforeTs: number, mode: 'delete' | 'anonymize'): Promise<number> {
    await this.flush();
    return this.inner.expire(channelPrefix, beforeTs, mode);
  }

  /** Waits for pending writes first, so nothing being erased lands afterwards. */
  async redact(match: RedactMatch, pseudonym: string): Promise<string[]> {
    await this.flush();
    return this.inner.redact(match, pseudonym);
  }

  /** Waits for pending writes first, so nothing of the channel lands afterwards. */
  async drop(channel: string): Promise<number> {
    await this.flush();
    return this.inner.drop(channel);
  }

  /** Starts the waiting batches while fewer than maxInFlight writes run. */
  private startWrites(): void {
    while (this.inFlight < this.maxInFlight) {
      const batch = this.queue.shift();
      if (!batch) return;
      this.write(batch);
    }
  }

  /**
   * Writes one batch. When its first attempt ends the next batch starts at once (before this
   * one's callers hear of it); a failed batch then retries off the in-flight count, so an outage
   * does not hold the rows behind it. Batches may be written together: inserts are idempotent.
   */
  private write(batch: Batch): void {
    this.inFlight++;
    this.unsettled.set(
      batch,
      batch.rows.reduce((min, r) => Math.min(min, r.ts), Infinity),
    );
    void (async () => {
      let failure: { err: unknown } | undefined;
      let stored = true;
      try {
        await this.inner.insert(batch.rows);
      } catch (err) {
        failure = { err };
      }
      this.inFlight--;
      this.startWrites();
      if (!failure) {
        for (const c of batch.callers) c.resolve();
        this.committed(batch.rows);
      } else {
        this.options.onWriteError?.(failure.err, batch.rows.length);
        for (const c of batch.callers) c.reject(failure.err);
        stored = await this.writeUntilStored(batch.rows);
      }
      // Given up at close: still owed, and oldestUnstoredTs() keeps saying so.
      if (stored) this.unsettled.delete(batch);
      batch.end();
    })();
  }

  /**
   * A failed batch, written again with backoff until the store takes it (true) or the store
   * closes (false).
   */
  private async writeUntilStored(rows: readonly StoredPublication[]): Promise<boolean> {
    let waitMs = this.retryMs;
    while (!this.stopRetrying) {
      await this.sleep(waitMs);
      if (this.stopRetrying) return false;
      try {
        await this.inner.insert(rows);
        this.committed(rows);
        return true;
      } catch (err) {
        this.options.onWriteError?.(err, rows.length);
        waitMs = Math.min(waitMs * 2, this.maxRetryMs);
      }
    }
    return false;
  }

  /** Waits `ms`, or less if close() wakes it. */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleeping.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms).unref();
      this.sleeping.add(wake);
    });
  }

  private committed(rows: readonly StoredPublication[]): void {
    for (const listener of this.listeners) void listener(rows);
  }
}
