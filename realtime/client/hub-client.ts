// The client's API: subscriptions, the offline send queue, and the commands of protocol v1,
// over the connection lifecycle (lifecycle.ts) that reconnects underneath.
import {
  parseTopic,
  type HistoryResult,
  type PresenceResult,
  type PresenceStatsResult,
  type PresenceStatus,
  type PublishResult,
  type StreamPosition,
} from '../../protocol/index.js';
import { clientError } from './errors.js';
import { ConnectionLifecycle, type PushFrame } from './lifecycle.js';
import type { HubClientOptions } from './options.js';
import { SendQueue } from './send-queue.js';
import { Subscription, type SubscriptionControl, type SubscriptionHost } from './subscription.js';

/** Per-call options of a command. */
export interface RequestOptions {
  /** Overrides `requestTimeoutMs`; for a call made while (re)connecting it includes the wait. */
  timeoutMs?: number;
}

export interface PublishOptions extends RequestOptions {
  /** The idempotency key; default a fresh UUID. Reuse it to retry a publish that timed out. */
  nonce?: string;
}

/**
 * A connection to a Hubbub hub that survives drops: it reconnects with backoff, resubscribes
 * with recovery, and keeps publishes made while offline until they are delivered.
 *
 * ```ts
 * const client = new HubClient({ url, getToken, WebSocket }); // WebSocket: from `ws` in Node
 * client.subscribe('chan:c1:general').on('publication', (p) => show(p));
 * client.connect();
 * await client.publish('chan:c1:general', { text: 'hi' });
 * ```
 */
export class HubClient extends ConnectionLifecycle {
  private readonly sends: SendQueue;
  private readonly subscriptions = new Map<
    string,
    { subscription: Subscription; control: SubscriptionControl }
  >();
  private readonly host: SubscriptionHost;
  private readonly typingSentAt = new Map<string, number>();
  private presenceStatus: PresenceStatus | undefined;

  /** Creates the client; call connect() to start. Throws without a WebSocket constructor. */
  constructor(options: HubClientOptions) {
    super(options);
    this.sends = new SendQueue(this.options.maxQueuedSends, (pending) => this.emit('queue', { pending }));
    this.host = {
      connected: () => this.state === 'connected',
      request: (body) => this.send(body, this.options.requestTimeoutMs),
      attach: (subscription, control) =>
        this.subscriptions.set(subscription.channel, { subscription, control }),
      ready: () => this.flush(),
      ended: (subscription) => {
        if (this.subscriptions.get(subscription.channel)?.subscription === subscription) {
          this.subscriptions.delete(subscription.channel);
        }
        this.flush();
      },
    };
  }

  /** Publishes not yet answered, queued or in flight: "offline, N sends queued". */
  get pendingSends(): number {
    return this.sends.size;
  }

  /**
   * Subscribes to a topic (see protocol/frames.ts) now, or as soon as connected, and again after
   * every reconnect. Returns the existing subscription when there is one. `since` resumes from a
   * position kept earlier. Throws on a malformed topic or a closed client.
   */
  subscribe(channel: string, options: { since?: StreamPosition } = {}): Subscription {
    if (this.state === 'closed') throw new Error('HubClient is closed; create a new one.');
    if (!parseTopic(channel)) throw new TypeError(`Not a topic: ${channel}`);
    const existing = this.subscriptions.get(channel);
    if (existing) return existing.subscription;
    const subscription = new Subscription(channel, this.host, { ...options, backoff: this.options.backoff });
    if (this.state === 'connected') this.subscriptions.get(channel)?.control.subscribe();
    return subscription;
  }

  /** The subscription to a topic, if there is one. */
  getSubscription(channel: string): Subscription | undefined {
    return this.subscriptions.get(channel)?.subscription;
  }

  /**
   * Publishes to a channel. While not connected, or while the channel is being resubscribed,
   * the publish waits in order (at most `maxQueuedSends`); one whose reply was lost to a drop is
   * sent again with the same nonce, so it is stored once and resolves once. The timeout counts
   * from sending, not from queueing.
   */
  publish(
    channel: string,
    data: Record<string, unknown>,
    options: PublishOptions = {},
  ): Promise<PublishResult> {
    if (this.state === 'closed') return Promise.reject(clientError('closed', 'publish'));
    const nonce = options.nonce ?? globalThis.crypto.randomUUID();
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs;
    const result = this.sends.add({ channel, data, nonce, timeoutMs });
    this.flush();
    return result;
  }

  /** Up to `limit` publications with offsets below `before` (default: the newest). */
  history(
    channel: string,
    options: RequestOptions & { before?: number; limit?: number } = {},
  ): Promise<HistoryResult> {
    const { timeoutMs, ...page } = options;
    return this.call({ type: 'history', channel, ...page }, timeoutMs);
  }

  /** Who is in a topic now. */
  presence(channel: string, options: RequestOptions = {}): Promise<PresenceResult> {
    return this.call({ type: 'presence', channel }, options.timeoutMs);
  }

  /** How many users and connections are in a topic. */
  presenceStats(channel: string, options: RequestOptions = {}): Promise<PresenceStatsResult> {
    return this.call({ type: 'presence_stats', channel }, options.timeoutMs);
  }

  /**
   * Tells a channel the user is typing: at most once per `typingThrottleMs` per channel, and only
   * while connected. Returns whether it was sent. Best effort: failures go to the `error` event.
   */
  typing(channel: string): boolean {
    if (this.state !== 'connected') return false;
    const sentAt = this.typingSentAt.get(channel);
    if (sentAt !== undefined && Date.now() - sentAt < this.options.typingThrottleMs) return false;
    this.typingSentAt.set(channel, Date.now());
    this.send({ type: 'typing', channel }, this.options.requestTimeoutMs).catch((err: unknown) =>
      this.report(err),
    );
    return true;
  }

  /** Sets the user's presence status; kept, and sent again after every reconnect. */
  async setStatus(status: PresenceStatus, options: RequestOptions = {}): Promise<void> {
    this.presenceStatus = status;
    if (this.state !== 'connected') return;
    await this.call({ type: 'set_status', status }, options.timeoutMs);
  }

  /** A round trip to the hub; resolves with the time it took, in milliseconds. */
  async ping(options: RequestOptions = {}): Promise<number> {
    const startedAt = Date.now();
    await this.call({ type: 'ping' }, options.timeoutMs);
    return Date.now() - startedAt;
  }

  protected resume(): void {
    for (const { control } of this.subscriptions.values()) control.subscribe();
    if (this.presenceStatus) {
      const body = { type: 'set_status', status: this.presenceStatus } as const;
      this.send(body, this.options.requestTimeoutMs).catch((err: unknown) => this.report(err));
    }
    this.flush();
  }

  protected suspend(): void {
    this.sends.requeueInFlight();
    for (const { control } of this.subscriptions.values()) control.connectionLost();
  }

  protected route(frame: Exclude<PushFrame, { type: 'error' }>): void {
    if (frame.type !== 'hello') this.subscriptions.get(frame.channel)?.control.handle(frame);
  }

  protected dispose(): void {
    this.sends.rejectAll('closed');
    for (const { control } of this.subscriptions.values()) control.dispose();
    this.subscriptions.clear();
  }

  /** Sends the publishes that may go: connected, and their channel not being (re)subscribed. */
  private flush(): void {
    if (this.state !== 'connected') return;
    this.sends.flush(
      (channel) => this.subscriptions.get(channel)?.subscription.state !== 'subscribing',
      ({ channel, data, nonce, timeoutMs }) =>
        this.send({ type: 'publish', channel, data, nonce }, timeoutMs),
    );
  }
}
