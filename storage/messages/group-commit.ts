// Group commit: inserts arriving within a short window share one write to the inner store, so a
// busy channel costs the database a few large inserts a second instead of one per publication.
// Each caller still learns the fate of its own rows: its promise settles with the batch's write.
import type { MessageStore, StoredPublication } from './message-store.js';

export interface GroupCommitOptions {
  /** How long the first pending insert waits for others to join its batch. Defaults to 2 ms. */
  windowMs?: number;
  /** Rows at which a batch is written at once. Defaults to 500. */
  maxBatch?: number;
}

interface Pending {
  rows: readonly StoredPublication[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class GroupCommitStore implements MessageStore {
  private readonly windowMs: number;
  private readonly maxBatch: number;
  private pending: Pending[] = [];
  private pendingRows = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly writing = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly inner: MessageStore,
    { windowMs = 2, maxBatch = 500 }: GroupCommitOptions = {},
  ) {
    this.windowMs = windowMs;
    this.maxBatch = maxBatch;
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

  /** Writes what is pending now; resolves when every write started so far has settled. */
  async flush(): Promise<void> {
    if (this.pending.length > 0) this.write();
    await Promise.allSettled([...this.writing]);
  }

  /** Refuses new inserts from now on, and waits for the pending ones to be written. */
  async close(): Promise<void> {
    this.closed = true;
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
  async redact(match: { userId: string } | { channel: string }, pseudonym: string): Promise<string[]> {
    await this.flush();
    return this.inner.redact(match, pseudonym);
  }

  /** Starts writing the pending batch. Batches may be in flight together: inserts are idempotent. */
  private write(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.pendingRows = 0;
    const done = (async () => {
      try {
        await this.inner.insert(batch.flatMap((p) => p.rows));
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    })();
    this.writing.add(done);
    void done.finally(() => this.writing.delete(done));
  }
}
