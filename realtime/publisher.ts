// Publishing on a topic: the `sequence` and `persist` stages of the publish pipeline
// (realtime/publish/pipeline.ts), for members' messages and the hub's own events (edits,
// reactions, mentions, timeline) alike. Built once per node and injected wherever the hub
// publishes.
//   sequence  one atomic Redis step (publish.lua): the next offset, the recent-history entry
//             (which is also the write-ahead log of the durable write), the nonce, the delivery;
//   persist   the durable write through the group commit; the caller's ack waits for it.
// Why deliver before the durable write: assigning the offset and delivering must be one atomic
// step, or nodes racing on one channel would deliver out of order and a crash between the two
// would leave a gap. What is delivered is still kept: the write follows at once, or with the
// next group commit when one is in flight; a failed write is refused to the sender (`not_ready`) and written again until stored;
// a node that dies first is swept by another node from the write-ahead log (write-ahead.ts).
// A retry of a nonce (same publisher) returns the first publication's position and data, and
// makes sure that one is stored: nothing new is delivered or stored.
import { randomBytes } from 'node:crypto';
import { notReady, type ClientInfo, type StreamPosition } from '../protocol/index.js';
import { downDependency, isDependencyDown } from '../storage/dependency-errors.js';
import type { MessageStore, StoredPublication } from '../storage/messages/message-store.js';
import { rememberMessage } from '../storage/messages/message-record.js';
import { NoPositionError, type Broker } from './broker/broker.js';

export interface PublishRequest {
  /** The publisher's idempotency key; scoped to the publisher (info.id). */
  nonce: string;
  /** The data as JSON text: what subscribers receive. */
  data: string;
  /** What is stored when it differs from `data` (a held message's content), as JSON text. */
  record?: string;
  /**
   * The object `record` (else `data`) is the JSON text of, when the caller has it: the durable
   * write reads a chat message from it instead of parsing the text again.
   */
  stored?: unknown;
  info: ClientInfo;
}

export interface PublishOutcome extends StreamPosition {
  /** True when this nonce was published before: nothing new was stored or delivered. */
  duplicate: boolean;
  /** The stored data (record, else data) of the first publication of a duplicate nonce. */
  original?: string;
}

/** Records, before a publish, that this node may owe the topic's durable writes. */
export interface PublishTracker {
  track(topic: string): Promise<void>;
}

export class Publisher {
  private readonly restoring = new Map<string, Promise<StreamPosition>>();
  private tracker: PublishTracker | undefined;

  constructor(
    private readonly broker: Broker,
    private readonly store: MessageStore,
    private readonly nodeId = 'node',
  ) {}

  /** The write-ahead registry; set once at start-up, before the node publishes. */
  trackWith(tracker: PublishTracker): void {
    this.tracker = tracker;
  }

  /** The topic's position; restored from the message store (or started) when Redis has none. */
  async position(topic: string): Promise<StreamPosition> {
    return (await this.broker.position(topic)) ?? this.restore(topic);
  }

  /**
   * @param onSequenced called once the publication has its offset (before the durable write):
   *   the gateway starts a connection's next command then, keeping order without waiting.
   * @throws HubError `not_ready` when Redis or the database is down (nothing acked; a delivered
   *   publication is still stored once the database is back).
   */
  async publish(topic: string, request: PublishRequest, onSequenced?: () => void): Promise<PublishOutcome> {
    const ts = Date.now();
    const publication = {
      nonce: `${request.info.id}/${request.nonce}`,
      data: request.data,
      info: request.info,
      ts,
      node: this.nodeId,
      ...(request.record !== undefined && { record: request.record }),
    };
    let sequenced;
    try {
      await this.tracker?.track(topic);
      try {
        sequenced = await this.broker.publish(topic, publication);
      } catch (err) {
        if (!(err instanceof NoPositionError)) throw err;
        await this.restore(topic);
        sequenced = await this.broker.publish(topic, publication);
      }
    } catch (err) {
      // Redis, or the database a new channel's position is restored from.
      const down = downDependency(err);
      throw down ? notReady(down) : err;
    }
    onSequenced?.();
    const { offset, epoch, duplicate } = sequenced;
    const first = duplicate ? await this.firstOf(topic, offset) : undefined;
    const stored: StoredPublication | null = duplicate
      ? (first?.row ?? null)
      : {
          channel: topic,
          offset,
          epoch,
          data: request.data,
          userId: request.info.id,
          userName: request.info.name,
          nonce: request.nonce,
          ts,
          ...(request.record !== undefined && { record: request.record }),
        };
    if (!duplicate && stored && request.stored !== undefined) rememberMessage(stored, request.stored);
    try {
      // A duplicate's first attempt may have died before its write: what recent history still
      // holds is stored (a no-op if it was); what only the store holds is stored already.
      if (stored && !first?.fromStore) await this.store.insert([stored]);
    } catch (err) {
      throw isDependencyDown(err) ? notReady('the database') : err;
    }
    return {
      offset,
      epoch,
      duplicate,
      ...(duplicate && stored && { original: stored.record ?? stored.data }),
    };
  }

  /** The first publication of a duplicate nonce: from recent history, else from the store. */
  private async firstOf(
    topic: string,
    offset: number,
  ): Promise<{ row: StoredPublication | null; fromStore: boolean }> {
    const recent = await this.broker.entry(topic, offset);
    if (recent) return { row: recent, fromStore: false };
    const [stored] = await this.store.after(topic, offset - 1, 1);
    return { row: stored?.offset === offset ? stored : null, fromStore: true };
  }

  /**
   * Continues the stored history when there is one; otherwise a new epoch starting at 0, which
   * tells clients holding positions of a lost history that they must reload.
   */
  private restore(topic: string): Promise<StreamPosition> {
    // One restore per topic at a time on this node: after Redis lost a busy channel, hundreds of
    // subscribers asking at once must not each read the store (and queue behind each other).
    let pending = this.restoring.get(topic);
    if (!pending) {
      pending = this.store
        .top(topic)
        .then((top) => this.broker.restore(topic, top ?? { epoch: newEpoch(), offset: 0 }))
        .finally(() => this.restoring.delete(topic));
      this.restoring.set(topic, pending);
    }
    return pending;
  }
}

export function newEpoch(): string {
  return randomBytes(6).toString('base64url');
}
