// Group commit: inserts arriving within a short window share one write to the inner store, so a
// busy channel costs the database a few large inserts a second instead of one per publication.
// Each caller still learns the fate of its own rows: its promise settles with the batch's write
// (the sender's ack waits for it). A batch whose write failed is refused to its callers and kept:
// it is written again with backoff until the store takes it, because its publications were
// delivered already (Redis's recent history is their write-ahead log meanwhile). Listeners hear
// of every batch once written (the scoring hand-off enqueues its jobs per batch).
import type { MessageStore, RedactMatch, StoredPublication } from './message-store.js';

export interface GroupCommitOptions {
  /** How long the first pending insert waits for others to join its batch. Defaults to 2 ms. */
  windowMs?: number;
  /** Rows at which a batch is written at once. Defaults to 500. */
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

interface Pending {
  rows: readonly StoredPublication[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class GroupCommitStore implements MessageStore {
  private readonly windowMs: number;
  private readonly maxBatch: number;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;
  private pending: Pending[] = [];
  private pendingRows = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Rows being written, or owed after a failed write, with the oldest publication time of each. */
  private readonly unsettled = new Map<Promise<void>, number>();
  private readonly listeners: CommittedListener[] = [];
  private closed = false;
  private stopRetrying = false;

  constructor(
    private readonly inner: MessageStore,
    private readonly options: GroupCommitOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 2;
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
    // A caller's rows are never split; one that would overflow the batch starts the next one.
    if (this.pendingRows > 0 && this.pendingRows + publications.length > this.maxBatch) this.write();
    const settled = new Promise<void>((resolve, reject) => {
      this.pending.push({ rows: publications, resolve, reject });
    });
    this.pendingRows += publications.length;
    if (this.pendingRows >= this.maxBatch) this.write();
    else this.timer ??= setTimeout(() => this.write(), this.windowMs);
    return settled;
  }

  /**
   * The publication time of the oldest row not yet stored (pending, being written, or owed after
   * a failed write); undefined when everything is stored. The write-ahead heartbeat reports it.
   */
  oldestUnstoredTs(): number | undefined {
    let oldest: number | undefined;
    for (const p of this.pending) for (const r of p.rows) oldest = Math.min(oldest ?? r.ts, r.ts);
    for (const ts of this.unsettled.values()) oldest = Math.min(oldest ?? ts, ts);
    return oldest;
  }

  /** Writes what is pending now; resolves when every write started so far has settled once. */
  async flush(): Promise<void> {
    if (this.pending.length > 0) this.write();
    await Promise.allSettled([...this.unsettled.keys()]);
  }

  /**
   * Refuses new inserts, writes the pending ones, and gives up retrying failed batches (what is
   * still owed then stays in the write-ahead log for the sweep: oldestUnstoredTs() says so).
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.pending.length > 0) this.write();
    this.stopRetrying = true;
    await Promise.allSettled([...this.unsettled.keys()]);
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

  /** Starts writing the pending batch. Batches may be in flight together: inserts are idempotent. */
  private write(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.pendingRows = 0;
    const rows = batch.flatMap((p) => p.rows);
    const oldest = rows.reduce((min, r) => Math.min(min, r.ts), Infinity);
    const done = (async () => {
      try {
        await this.inner.insert(rows);
        for (const p of batch) p.resolve();
        this.committed(rows);
      } catch (err) {
        this.options.onWriteError?.(err, rows.length);
        for (const p of batch) p.reject(err);
        await this.writeUntilStored(rows);
      }
    })();
    this.unsettled.set(done, oldest);
    void done.finally(() => this.unsettled.delete(done));
  }

  /** A failed batch, written again with backoff until the store takes it (or the store closes). */
  private async writeUntilStored(rows: readonly StoredPublication[]): Promise<void> {
    let waitMs = this.retryMs;
    while (!this.stopRetrying) {
      await new Promise<void>((resolve) => setTimeout(resolve, waitMs).unref());
      if (this.stopRetrying) return;
      try {
        await this.inner.insert(rows);
        this.committed(rows);
        return;
      } catch (err) {
        this.options.onWriteError?.(err, rows.length);
        waitMs = Math.min(waitMs * 2, this.maxRetryMs);
      }
    }
  }

  private committed(rows: readonly StoredPublication[]): void {
    for (const listener of this.listeners) void listener(rows);
  }
}
