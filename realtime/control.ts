// Control messages to every hub node: act on a user's live connections wherever they are (a
// ban drops their subscriptions, an erased account is disconnected), or tell every node that
// cached permissions changed. Sharded pub/sub on one channel (SPUBLISH is answered by the one
// master that owns the channel, where every node's SSUBSCRIBE connection sits; a classic PUBLISH
// reaches other cluster nodes later, over the cluster bus).
//
// Delivery alone does not make a change take effect "at once": the master writes the message to
// each subscriber's socket and the reply to the sender's as separate writes, so a caller who got
// the API's answer can reach another node before that node has read the message (seen on a busy
// Redis Cluster). So every receiver acknowledges each message once its handlers ran, and `send`
// resolves when as many acknowledgements arrived as SPUBLISH counted receivers (or after
// `ackTimeoutMs`: a node that stalls does not hold the API up for long, and is logged).
//
// Pub/sub is not durable: what is sent while a node's subscription is down (a reconnect, a Cluster
// failover) never reaches it, so the bus tells its `onResubscribed` handlers when the subscription
// is back, and they drop what such a message would have dropped.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RedisClient } from '../storage/redis.js';
import type { CloseCodeName, ErrorCode } from '../protocol/index.js';
import { keySpace } from '../storage/redis-keys.js';

export type ControlMessage =
  /** Close every connection of the user with this code. */
  | { op: 'disconnect'; userId: string; close: CloseCodeName }
  /** End the user's subscriptions to topics starting with one of the prefixes, telling why. */
  | { op: 'drop'; userId: string; topicPrefixes: string[]; code: ErrorCode }
  /** Cached authorization data of a community changed; reload it. */
  | { op: 'invalidate'; communityId: string };

export type ControlHandler = (message: ControlMessage) => void;

/** What travels on the channel: a message with its id, or a receiver's acknowledgement of one. */
type Wire = (ControlMessage & { id?: string }) | { op: 'ack'; id: string };

/** How long `send` waits for the receivers' acknowledgements by default. */
const CONTROL_ACK_TIMEOUT_MS = 2_000;

export interface ControlBusOptions {
  /** How long `send` waits for every receiver to acknowledge; then it resolves anyway. */
  ackTimeoutMs?: number;
  /** Told when receivers did not acknowledge in time. */
  log?: Pick<Logger, 'warn'>;
}

/** A message sent by this bus, waiting for its receivers' acknowledgements. */
interface Pending {
  acks: number;
  /** How many subscribers SPUBLISH reached; unknown until it answers. */
  receivers: number | undefined;
  done: () => void;
}

export class ControlBus {
  private readonly channel: string;
  private readonly handlers: ControlHandler[] = [];
  private readonly resubscribedHandlers: (() => void)[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly ready: Promise<unknown>;
  private readonly ackTimeoutMs: number;
  private subscribed = false;

  /** @param subscriber a connection of its own: it enters subscriber mode */
  constructor(
    private readonly redis: RedisClient,
    private readonly subscriber: RedisClient,
    keyPrefix: string,
    private readonly options: ControlBusOptions = {},
  ) {
    this.channel = keySpace(keyPrefix).control;
    this.ackTimeoutMs = options.ackTimeoutMs ?? CONTROL_ACK_TIMEOUT_MS;
    this.subscriber.on('smessage', (channel: string, text: string) => {
      if (channel === this.channel) this.receive(text);
    });
    this.ready = this.subscriber.ssubscribe(this.channel).then(() => (this.subscribed = true));
    // After the first subscription: a standalone connection is `ready` again after each reconnect,
    // a Cluster's sharded subscribers after a topology change. Both events come before ioredis'
    // own SSUBSCRIBE is answered, so the handlers wait for one of ours: once it is answered, the
    // subscription is back and nothing sent from then on is missed.
    const resubscribed = () => {
      if (!this.subscribed) return;
      this.subscriber.ssubscribe(this.channel).then(
        () => this.resubscribedHandlers.forEach((handler) => handler()),
        () => undefined, // lost again: the next comeback calls them
      );
    };
    this.subscriber.on('ready', resubscribed);
    this.subscriber.on('subscribersReady', resubscribed);
  }

  /**
   * Calls the handler when the subscription is back after a loss: control messages sent while it
   * was down were missed, so what they would have dropped must be dropped now.
   */
  onResubscribed(handler: () => void): void {
    this.resubscribedHandlers.push(handler);
  }

  /** Calls the handler for every control message, after the handlers added before it; returns its removal. */
  onMessage(handler: ControlHandler): () => void {
    this.handlers.push(handler);
    return () => {
      const at = this.handlers.indexOf(handler);
      if (at >= 0) this.handlers.splice(at, 1);
    };
  }

  /**
   * Sends to every node, this one included; resolves once every node that received it has run
   * its handlers (or after the acknowledgement timeout). Rejects when Redis did not take it.
   */
  async send(message: ControlMessage): Promise<void> {
    await this.ready;
    const id = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const acknowledged = new Promise<boolean>((resolve) => {
      // Registered before publishing: this node's own acknowledgement may come before the reply.
      this.pending.set(id, { acks: 0, receivers: undefined, done: () => resolve(true) });
      timer = setTimeout(() => resolve(false), this.ackTimeoutMs);
    });
    try {
      const receivers = Number(await this.redis.spublish(this.channel, JSON.stringify({ ...message, id })));
      const waiting = this.pending.get(id);
      if (!waiting) return;
      waiting.receivers = receivers;
      if (waiting.acks >= receivers) waiting.done();
      if (!(await acknowledged)) {
        this.options.log?.warn(
          { op: message.op, receivers, acknowledged: waiting.acks, waitedMs: this.ackTimeoutMs },
          'control message not acknowledged by every receiver in time',
        );
      }
    } finally {
      clearTimeout(timer);
      this.pending.delete(id);
    }
  }

  private receive(text: string): void {
    let wire: Wire;
    try {
      wire = JSON.parse(text) as Wire;
    } catch {
      return;
    }
    if (wire.op === 'ack') {
      const waiting = this.pending.get(wire.id);
      if (!waiting) return; // another node's message
      waiting.acks++;
      if (waiting.receivers !== undefined && waiting.acks >= waiting.receivers) waiting.done();
      return;
    }
    const { id, ...message } = wire;
    for (const handler of this.handlers) handler(message);
    if (typeof id !== 'string') return;
    const ack: Wire = { op: 'ack', id };
    // Lost acknowledgements only make the sender wait its timeout.
    this.redis.spublish(this.channel, JSON.stringify(ack)).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.subscriber.quit().catch(() => undefined);
  }
}
