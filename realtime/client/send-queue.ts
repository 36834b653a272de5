// The offline send queue: publishes wait here, in order, until their channel may send; one that
// was sent but lost its reply to a dropped connection goes out again with the same nonce, which
// the server deduplicates, so every publish resolves exactly once.
import type { PublishResult } from '../../protocol/index.js';
import { clientError, type ClientErrorCode, type HubRequestError } from './errors.js';

export interface QueuedSend {
  readonly channel: string;
  readonly data: Record<string, unknown>;
  readonly nonce: string;
  readonly timeoutMs: number;
}

interface Entry extends QueuedSend {
  /** Bumped on every send, so a late outcome of an earlier attempt is ignored. */
  attempt: number;
  inFlight: boolean;
  resolve(result: PublishResult): void;
  reject(err: HubRequestError): void;
}

export class SendQueue {
  private readonly entries: Entry[] = [];

  constructor(
    private readonly maxSize: number,
    /** Called with the number of pending sends whenever it changes. */
    private readonly changed: (pending: number) => void,
  ) {}

  /** Publishes not yet answered: waiting or in flight. */
  get size(): number {
    return this.entries.length;
  }

  /** Queues a publish; rejects at once with 'queue_full' when `maxSize` are pending. */
  add(send: QueuedSend): Promise<PublishResult> {
    if (this.entries.length >= this.maxSize) return Promise.reject(clientError('queue_full', 'publish'));
    return new Promise((resolve, reject) => {
      this.entries.push({ ...send, attempt: 0, inFlight: false, resolve, reject });
      this.changed(this.entries.length);
    });
  }

  /**
   * Sends, in queue order, every waiting publish whose channel `mayPublish`. A publish that
   * fails with 'disconnected' stays queued for the next connection; any other outcome settles it.
   */
  flush(mayPublish: (channel: string) => boolean, send: (send: QueuedSend) => Promise<PublishResult>): void {
    for (const entry of this.entries) {
      if (entry.inFlight || !mayPublish(entry.channel)) continue;
      const attempt = ++entry.attempt;
      entry.inFlight = true;
      send(entry).then(
        (result) => this.settle(entry, attempt, () => entry.resolve(result)),
        (err: HubRequestError) => {
          if (err.code === 'disconnected') {
            if (entry.attempt === attempt) entry.inFlight = false;
          } else this.settle(entry, attempt, () => entry.reject(err));
        },
      );
    }
  }

  /** The connection dropped: whatever was in flight waits to be sent again, in its place. */
  requeueInFlight(): void {
    for (const entry of this.entries) entry.inFlight = false;
  }

  /** Rejects every pending publish, e.g. when the client closes. */
  rejectAll(code: ClientErrorCode): void {
    const entries = this.entries.splice(0);
    for (const entry of entries) entry.reject(clientError(code, 'publish'));
    if (entries.length > 0) this.changed(0);
  }

  private settle(entry: Entry, attempt: number, done: () => void): void {
    if (entry.attempt !== attempt) return;
    const index = this.entries.indexOf(entry);
    if (index === -1) return;
    this.entries.splice(index, 1);
    done();
    this.changed(this.entries.length);
  }
}
