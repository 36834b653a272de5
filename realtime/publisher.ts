// Publishing on a topic, for the gateway's `publish` command and for server-side features
// (edits, reactions, mentions, timeline events) alike: offset, recent history and delivery in
// one atomic broker step, then the durable write (group-committed), then the caller's ack.
//
// Why deliver before the durable write: assigning the offset and delivering must be one atomic
// step, or nodes racing on one channel would deliver out of order and a crash between the two
// would leave a gap forever. The write follows within the group-commit window, and the sender
// gets its ack only after it. If the node dies in that window, the sender's client re-sends
// with the same nonce (the SDK does so after reconnecting), the broker answers `duplicate`, and
// the node that took the retry writes the publication: it is stored exactly once.
import { randomBytes } from 'node:crypto';
import type { ClientInfo, StreamPosition } from '../protocol/index.js';
import type { MessageStore } from '../storage/messages/message-store.js';
import { NoPositionError, type Broker, type PublishOutcome } from './broker/broker.js';

export interface PublishRequest {
  nonce: string;
  /** The data as JSON text. */
  data: string;
  info: ClientInfo;
}

export class Publisher {
  private readonly restoring = new Map<string, Promise<StreamPosition>>();

  constructor(
    private readonly broker: Broker,
    private readonly store: MessageStore,
  ) {}

  /** The topic's position; restored from the message store (or started) when Redis has none. */
  async position(topic: string): Promise<StreamPosition> {
    return (await this.broker.position(topic)) ?? this.restore(topic);
  }

  /**
   * @param onSequenced called once the publication has its offset (before the durable write):
   *   the gateway starts a connection's next command then, keeping order without waiting.
   */
  async publish(topic: string, request: PublishRequest, onSequenced?: () => void): Promise<PublishOutcome> {
    const publication = { ...request, ts: Date.now() };
    let outcome: PublishOutcome;
    try {
      outcome = await this.broker.publish(topic, publication);
    } catch (err) {
      if (!(err instanceof NoPositionError)) throw err;
      await this.restore(topic);
      outcome = await this.broker.publish(topic, publication);
    }
    onSequenced?.();
    // Also on a duplicate: the first attempt may have died before its write. Stored rows win.
    await this.store.insert([
      {
        channel: topic,
        offset: outcome.offset,
        epoch: outcome.epoch,
        data: request.data,
        userId: request.info.id,
        userName: request.info.name,
        nonce: request.nonce,
        ts: publication.ts,
      },
    ]);
    return outcome;
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
