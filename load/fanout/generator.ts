// The load generator of the fan-out benchmark, seen from the main thread: subscriber, publisher
// and idle connections held by worker threads (connections-worker.mjs), one dialect per system.
// The main thread only sets rates and merges reports, so it never competes with the receivers.
import { Worker } from 'node:worker_threads';
import { mergeHistograms } from './stats.js';

export type Dialect = 'hubbub' | 'uws' | 'socketio' | 'centrifugo';
export type Role = 'sub' | 'pub' | 'idle';

export interface GroupOptions {
  dialect: Dialect;
  role: Role;
  /** Connections are spread over these URLs round robin. */
  urls: string[];
  /** Subscriber i takes channels[i % length]; a publisher sends each message to a random one. */
  channels: string[];
  count: number;
  /** One token per connection (Hubbub); the others take none. */
  tokens?: string[];
  threads: number;
  messageBytes: number;
}

export interface Report {
  delivered: number;
  sent: number;
  histogram: Uint32Array;
  series: { slot: number; n: number; histogram: Uint32Array }[];
  errors: number;
  firstError: string;
  /** Connections the server closed (since the start), by close code. */
  closed: number;
  closeCodes: Record<string, number>;
  /** Publishes the server acknowledged, and their publish-to-ack latency (publishers). */
  acks: number;
  ackHistogram: Uint32Array;
  /** Each acknowledged publish while tracing was on (publishers; see trace()). */
  ackTrace: AckTrace[];
}

/** One acknowledged publish: when it was sent and acknowledged (wall ms), and its nonce. */
export interface AckTrace {
  sentAtMs: number;
  ackedAtMs: number;
  ref: string;
}

export interface Mark {
  delivered: number;
  sent: number;
  others: number;
  answered: number;
}

/** A set of connections of one role over one or more worker threads. */
export class ConnectionGroup {
  private constructor(
    private readonly workers: Worker[],
    /** Connections that got ready; some may have failed (see `failed`). */
    readonly connected: number,
    readonly failed: number,
    readonly firstFailure: string,
  ) {}

  static async open(o: GroupOptions): Promise<ConnectionGroup> {
    const threads = Math.max(1, Math.min(o.threads, o.count));
    const per = Math.ceil(o.count / threads);
    const workers = Array.from({ length: threads }, (_, w) => {
      const count = Math.max(0, Math.min(per, o.count - w * per));
      return new Worker(new URL('./connections-worker.mjs', import.meta.url), {
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
        workerData: {
          dialect: o.dialect,
          role: o.role,
          urls: o.urls,
          channels: o.channels,
          first: w * per,
          count,
          tokens: o.tokens?.slice(w * per, w * per + count),
          messageBytes: o.messageBytes,
        },
      });
    });
    const ready = await Promise.all(
      workers.map(
        (w) =>
          new Promise<{ ready: number; failed: number; firstFailure: string }>((resolve, reject) => {
            w.once('message', resolve);
            w.once('error', reject);
          }),
      ),
    ).catch(async (err: unknown) => {
      await Promise.all(workers.map((w) => w.terminate()));
      throw err;
    });
    const group = new ConnectionGroup(
      workers,
      ready.reduce((n, r) => n + r.ready, 0),
      ready.reduce((n, r) => n + r.failed, 0),
      ready.find((r) => r.firstFailure)?.firstFailure ?? '',
    );
    // At most 1% may fail (a busy shared machine); more is a broken run, not a slow one.
    if (group.failed > Math.max(1, o.count * 0.01)) {
      await group.close();
      throw new Error(
        `bench: ${group.failed} of ${o.count} ${o.role} connections failed: ${group.firstFailure}`,
      );
    }
    return group;
  }

  private ask<T>(message: object): Promise<T[]> {
    return Promise.all(
      this.workers.map(
        (w) =>
          new Promise<T>((resolve) => {
            w.once('message', resolve);
            w.postMessage(message);
          }),
      ),
    );
  }

  /** Publishes per second, over the whole group (publishers only). */
  async setRate(rate: number): Promise<void> {
    await this.ask({ type: 'rate', rate: rate / this.workers.length });
  }

  /** Turns on (or off) recording every acknowledged publish: when sent, when acked, its ref. */
  async trace(on: boolean): Promise<void> {
    await this.ask({ type: 'trace', on });
  }

  /**
   * Deliveries (and other frames) since the last mark or report, without resetting the latencies;
   * publishes sent and answered (acknowledged or refused) since the last report.
   */
  async mark(): Promise<Mark> {
    const parts = await this.ask<Mark>({ type: 'mark' });
    return parts.reduce((a, b) => ({
      delivered: a.delivered + b.delivered,
      sent: a.sent + b.sent,
      others: a.others + b.others,
      answered: a.answered + b.answered,
    }));
  }

  /** Everything since the last report, merged over the threads; then starts afresh. */
  async report(): Promise<Report> {
    const parts = await this.ask<Report>({ type: 'report' });
    const slots = new Map<number, { n: number; histograms: Uint32Array[] }>();
    for (const p of parts)
      for (const s of p.series) {
        const slot = slots.get(s.slot) ?? { n: 0, histograms: [] };
        slot.n += s.n;
        slot.histograms.push(s.histogram);
        slots.set(s.slot, slot);
      }
    return {
      delivered: parts.reduce((n, p) => n + p.delivered, 0),
      sent: parts.reduce((n, p) => n + p.sent, 0),
      histogram: mergeHistograms(parts.map((p) => p.histogram)),
      acks: parts.reduce((n, p) => n + p.acks, 0),
      ackHistogram: mergeHistograms(parts.map((p) => p.ackHistogram)),
      ackTrace: parts.flatMap((p) => p.ackTrace),
      series: [...slots]
        .sort((a, b) => a[0] - b[0])
        .map(([slot, s]) => ({ slot, n: s.n, histogram: mergeHistograms(s.histograms) })),
      errors: parts.reduce((n, p) => n + p.errors, 0),
      firstError: parts.find((p) => p.firstError)?.firstError ?? '',
      closed: parts.reduce((n, p) => n + p.closed, 0),
      closeCodes: parts.reduce<Record<string, number>>((all, p) => {
        for (const [code, n] of Object.entries(p.closeCodes)) all[code] = (all[code] ?? 0) + n;
        return all;
      }, {}),
    };
  }

  async close(): Promise<void> {
    // A worker that failed answers nothing: close politely for a moment, then terminate.
    await Promise.race([this.ask({ type: 'close' }), new Promise((r) => setTimeout(r, 2_000))]);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
