// Control messages to every hub node: act on a user's live connections wherever they are (a
// ban drops their subscriptions, an erased account is disconnected), or tell every node that
// cached permissions changed. Sharded pub/sub on one channel: in a Redis Cluster a classic PUBLISH
// reaches subscribers on other cluster nodes later than its reply reaches the sender (over the
// cluster bus), so a timeout lifted through one hub node could still be enforced by another for
// a moment after the API answered. SPUBLISH is delivered by the one master that owns the channel,
// where every node's SSUBSCRIBE connection sits, in the same step as its reply; on a standalone
// Redis the two are the same.
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
  private readonly ready: Promise<unknown>;

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
    this.ready = this.subscriber.ssubscribe(this.channel);
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
