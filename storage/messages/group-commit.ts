// Group commit: inserts arriving within a short window share one write to the inner store, so a
// busy channel costs the database a few large inserts a second instead of one per publication.
// One write is in flight at a time (maxInFlight): inserts arriving meanwhile gather into the next
// batch, so batches grow with the load and the database's latency instead of writes queueing
// up behind each other (many small channels at a few hundred publishes a second).
// Each caller still learns the fate of its own rows: its promise settles with the batch's write
// (the sender's ack waits for it). A batch whose write failed is refused to its callers and kept:
// it is written again with backoff until the store takes it, because its publications were
// delivered already (Redis's recent history is their write-ahead log meanwhile). Listeners hear
// of every batch once written (the scoring hand-off enqueues its jobs per batch).
import type { MessageStore, RedactMatch, StoredPublication } from './message-store.js';

export interface GroupCommitOptions {
  /** How long the first pending insert waits for others to join its batch. Defaults to 2 ms. */
  windowMs?: number;
  /** Rows at which a batch is written at once, and the most one write takes. Defaults to 500. */
  maxBatch?: number;
  /** Batches written at once; the next one gathers until a write ends. Defaults to 1. */
  maxInFlight?: number;
  /** First wait before writing a failed batch again; doubles up to maxRetryMs. Defaults to 250. */
  retryMs?: number;
  /** Longest wait between attempts at a failed batch. Defaults to 5,000. */
  maxRetryMs?: number;
  /** Told of each failed attempt (the first, and each retry). */
  onWriteError?: (err: unknown, rows: number) => void;
}

export type CommittedListener = (rows: readonly StoredPublication[]) => void;

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
  private readonly maxInFlight: number;
  /** First attempts of batches being written (a failed batch's retries do not count). */
  private inFlight = 0;
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
    this.maxInFlight = options.maxInFlight ?? 1;
  }

  /** Runs after every batch the store took (including retried ones), with its rows. */
  onCommitted(listener: CommittedListener): void {
    this.listeners.push(listener);
  }

  insert(publications: readonly StoredPublication[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('message store: closed'));
    if (publications.length === 0) return Promise.resolve();
    const settled = new Promise<void>((resolve, reject) => {
      this.pending.push({ rows: publications, resolve, reject });
    });
    this.pendingRows += publications.length;
    this.schedule();
    return settled;
  }

  /** A full batch is written at once, else after the window; never past maxInFlight writes. */
  private schedule(): void {
    if (this.pending.length === 0 || this.inFlight >= this.maxInFlight) return;
    if (this.pendingRows >= this.maxBatch) this.write();
    else
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        if (this.inFlight < this.maxInFlight) this.write();
      }, this.windowMs);
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
    while (this.pending.length > 0) this.write();
    await Promise.allSettled([...this.unsettled.keys()]);
  }

  /**
   * Refuses new inserts, writes the pending ones, and gives up retrying failed batches (what is
   * still owed then stays in the write-ahead log for the sweep: oldestUnstoredTs() says so).
   */
  async close(): Promise<void> {
    this.closed = true;
    while (this.pending.length > 0) this.write();
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

  /**
   * Starts writing the oldest pending inserts, up to maxBatch rows (a caller's rows are never
   * split). Batches may be in flight together (flush, retries): inserts are idempotent.
   */
  private write(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    let taken = 0;
    let size = 0;
    for (const p of this.pending) {
      if (taken > 0 && size + p.rows.length > this.maxBatch) break;
      taken++;
      size += p.rows.length;
    }
    const batch = this.pending.splice(0, taken);
    this.pendingRows -= size;
    const rows = batch.length === 1 ? (batch[0] as Pending).rows : batch.flatMap((p) => p.rows);
    let oldest = Infinity;
    for (const r of rows) if (r.ts < oldest) oldest = r.ts;
    this.inFlight++;
    const done = (async () => {
      try {
        await this.inner.insert(rows);
        this.settledOnce();
        for (const p of batch) p.resolve();
        this.committed(rows);
      } catch (err) {
        this.settledOnce();
        this.options.onWriteError?.(err, rows.length);
        for (const p of batch) p.reject(err);
        await this.writeUntilStored(rows);
      }
    })();
    this.unsettled.set(done, oldest);
    void done.finally(() => this.unsettled.delete(done));
  }

  /** A first attempt ended: the next batch may go (at once when rows are already waiting). */
  private settledOnce(): void {
    this.inFlight--;
    if (this.pending.length > 0 && this.inFlight < this.maxInFlight) this.write();
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
    for (const listener of this.listeners) listener(rows);
  }
}
