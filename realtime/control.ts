// Control messages to every hub node: act on a user's live connections wherever they are (a
// ban drops their subscriptions, an erased account is disconnected), or tell every node that
// cached permissions changed. Sharded pub/sub on one channel: in a Redis Cluster a classic PUBLISH
// reaches subscribers on other cluster nodes later than its reply reaches the sender (over the
// cluster bus), so a timeout lifted through one hub node could still be enforced by another for
// a moment after the API answered. SPUBLISH is delivered by the one master that owns the channel,
// where every node's SSUBSCRIBE connection sits, in the same step as its reply; on a standalone
// Redis the two are the same. Pub/sub is not durable: what is sent while a node's subscription is
// down (a reconnect, a Cluster failover) never reaches it, so the bus tells its `onResubscribed`
// handlers when the subscription is back, and they drop what such a message would have dropped.
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

export class ControlBus {
  private readonly channel: string;
  private readonly handlers: ControlHandler[] = [];
  private readonly resubscribedHandlers: (() => void)[] = [];
  private readonly ready: Promise<unknown>;
  private subscribed = false;

  /** @param subscriber a connection of its own: it enters subscriber mode */
  constructor(
    private readonly redis: RedisClient,
    private readonly subscriber: RedisClient,
    keyPrefix: string,
  ) {
    this.channel = keySpace(keyPrefix).control;
    this.subscriber.on('smessage', (channel: string, text: string) => {
      if (channel !== this.channel) return;
      let message: ControlMessage;
      try {
        message = JSON.parse(text) as ControlMessage;
      } catch {
        return;
      }
      for (const handler of this.handlers) handler(message);
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

  /** Sends to every node, this one included; resolves once Redis accepted it. */
  async send(message: ControlMessage): Promise<void> {
    await this.ready;
    await this.redis.spublish(this.channel, JSON.stringify(message));
  }

  async close(): Promise<void> {
    await this.subscriber.quit().catch(() => undefined);
  }
}
