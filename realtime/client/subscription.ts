// One channel subscription across connections: tracks the last applied position, resubscribes
// with `since` after every reconnect, drops duplicate pubs and refills gaps.
import type {
  ClientInfo,
  JoinFrame,
  LeaveFrame,
  PresenceCountFrame,
  PresenceEntry,
  PresenceStatus,
  PubFrame,
  Publication,
  RecoveryFailure,
  ResultOf,
  StatusFrame,
  StreamPosition,
  SubscribeResult,
  TypingFrame,
  UnsubFrame,
} from '../../protocol/index.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import { Emitter } from './emitter.js';
import { isTransient, type HubRequestError } from './errors.js';
import type { CommandBody } from './requests.js';

// Beyond this many pubs during one (re)subscribe, the rest are dropped: a gap refills them.
const MAX_EARLY_PUBS = 1_000;

/** 'subscribing' until the server confirmed (again, after a reconnect or a gap); 'unsubscribed' is final. */
export type SubscriptionState = 'subscribing' | 'subscribed' | 'unsubscribed';

export interface SubscribedEvent {
  /** The last position applied: the channel's position once recovery is done. */
  position: StreamPosition;
  /**
   * True when what was missed arrived as `publication` events before this one. False after a
   * first subscribe without `since`, or, with `reason`, when recovery failed: reload the channel.
   */
  recovered: boolean;
  reason?: RecoveryFailure;
}

export interface SubscriptionEvents {
  /** A publication, in offset order, each exactly once: live, or recovered after a reconnect. */
  publication: Publication;
  /** The server confirmed the subscription: the first time, and after every resubscribe. */
  subscribed: SubscribedEvent;
  join: PresenceEntry;
  leave: ClientInfo;
  status: ClientInfo & { status: PresenceStatus };
  /** The counts of a large topic, whose joins and leaves do not flow (see PresenceCountFrame). */
  presence_count: { users: number; connections: number; live: boolean };
  /** Someone is typing; `stopped` when a relay says they stopped (see TypingFrame). */
  typing: ClientInfo & { stopped?: true; about?: string };
  /** The subscription ended for good: the server ended it, or refused it with `code`. */
  unsubscribed: { code: HubRequestError['code'] };
  /** A failed (re)subscribe; transient failures are retried, others end the subscription. */
  error: HubRequestError;
}

/** Frames the client routes to the subscription of their channel. */
export type ChannelFrame =
  PubFrame | JoinFrame | LeaveFrame | StatusFrame | PresenceCountFrame | TypingFrame | UnsubFrame;

/** What the client does for a subscription. */
export interface SubscriptionHost {
  connected(): boolean;
  /** Sends a command on the current connection; rejects with 'disconnected' without one. */
  request<B extends CommandBody>(body: B): Promise<ResultOf[B['type']]>;
  /** Receives the controls the client drives the subscription with. */
  attach(subscription: Subscription, control: SubscriptionControl): void;
  /** The channel is (re)subscribed: its queued publishes may go. */
  ready(channel: string): void;
  /** The subscription ended: forget it. */
  ended(subscription: Subscription): void;
}

/** The client's side of a subscription, kept out of the public API. */
export interface SubscriptionControl {
  /** A new connection is up: subscribe on it. */
  subscribe(): void;
  connectionLost(): void;
  handle(frame: ChannelFrame): void;
  /** The client closed. */
  dispose(): void;
}

/** A channel subscription; get one with `HubClient.subscribe()`. */
export class Subscription extends Emitter<SubscriptionEvents> {
  private current: SubscriptionState = 'subscribing';
  private last: StreamPosition | undefined;
  // Bumped whenever a subscribe's outcome stops mattering (new attempt, drop, end).
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly retries: Backoff;
  private readonly early: PubFrame[] = [];

  /** @internal Use HubClient.subscribe(). */
  constructor(
    readonly channel: string,
    private readonly host: SubscriptionHost,
    options: { since?: StreamPosition; backoff?: BackoffOptions } = {},
  ) {
    super();
    this.last = options.since;
    this.retries = new Backoff(options.backoff);
    host.attach(this, {
      subscribe: () => this.subscribe(false),
      connectionLost: () => this.connectionLost(),
      handle: (frame) => this.handle(frame),
      dispose: () => this.finish(),
    });
  }

  get state(): SubscriptionState {
    return this.current;
  }

  /** The position of the last publication applied; keep it to resume from there later (`since`). */
  get position(): StreamPosition | undefined {
    return this.last;
  }

  /** Ends the subscription; nothing more is delivered. */
  unsubscribe(): void {
    if (this.current === 'unsubscribed') return;
    this.finish();
    this.host.ended(this);
    if (this.host.connected())
      this.host.request({ type: 'unsubscribe', channel: this.channel }).catch(ignore);
  }

  /** Sends `subscribe`, with `since` when there is a position to recover from. */
  private subscribe(sameConnection: boolean): void {
    clearTimeout(this.retryTimer);
    if (this.current === 'unsubscribed' || !this.host.connected()) return;
    const attempt = ++this.attempt;
    this.current = 'subscribing';
    // The server may still hold the subscription on this connection: end it, then recover.
    if (sameConnection) this.host.request({ type: 'unsubscribe', channel: this.channel }).catch(ignore);
    const since = this.last;
    this.host.request({ type: 'subscribe', channel: this.channel, ...(since ? { since } : {}) }).then(
      (result) => {
        if (attempt === this.attempt) this.subscribed(result);
      },
      (err: HubRequestError) => {
        if (attempt === this.attempt) this.failed(err);
      },
    );
  }

  private subscribed(result: SubscribeResult): void {
    if (result.recovered) for (const publication of result.publications) this.apply(publication);
    const ahead =
      result.recovered &&
      this.last?.epoch === result.position.epoch &&
      this.last.offset > result.position.offset;
    if (!ahead) this.last = { offset: result.position.offset, epoch: result.position.epoch };
    this.current = 'subscribed';
    this.retries.reset();
    const position = this.last ?? result.position;
    this.emit('subscribed', {
      position,
      recovered: result.recovered === true,
      ...(result.reason ? { reason: result.reason } : {}),
    });
    // Pubs that came while subscribing: the old subscription's are duplicates now, the rest live.
    for (const frame of this.early.splice(0)) this.live(frame);
    this.host.ready(this.channel);
  }

  private failed(err: HubRequestError): void {
    // After a drop, the next connection resubscribes; after close() nothing does.
    if (err.code === 'disconnected' || err.code === 'closed') return;
    this.emit('error', err);
    if (isTransient(err)) {
      this.retryTimer = setTimeout(() => this.subscribe(true), err.retryAfterMs ?? this.retries.next());
    } else this.end(err.code);
  }

  private handle(frame: ChannelFrame): void {
    if (this.current === 'unsubscribed') return;
    switch (frame.type) {
      case 'pub':
        return this.live(frame);
      case 'join':
        return this.emit('join', frame.user);
      case 'leave':
        return this.emit('leave', frame.user);
      case 'status':
        return this.emit('status', frame.user);
      case 'presence_count':
        return this.emit('presence_count', {
          users: frame.users,
          connections: frame.connections,
          live: frame.live,
        });
      case 'typing':
        return this.emit('typing', {
          ...frame.user,
          ...(frame.stopped ? { stopped: true as const } : {}),
          ...(frame.about === undefined ? {} : { about: frame.about }),
        });
      case 'unsub':
        return this.end(frame.code);
    }
  }

  /** A live pub: apply the next offset, drop what was seen, resubscribe over a gap. */
  private live(frame: PubFrame): void {
    if (this.current === 'subscribing') {
      // The reply may be settling right now (a promise); keep the pub for after it.
      if (this.early.length < MAX_EARLY_PUBS) this.early.push(frame);
      return;
    }
    if (this.current !== 'subscribed' || !this.last) return;
    const { type: _type, ...publication } = frame;
    const gap = publication.epoch !== this.last.epoch || publication.offset > this.last.offset + 1;
    if (gap) return this.subscribe(true);
    this.apply(publication);
  }

  /** Applies a publication unless it is at or below the last applied offset (a duplicate). */
  private apply(publication: Publication): void {
    if (this.last?.epoch === publication.epoch && publication.offset <= this.last.offset) return;
    this.last = { offset: publication.offset, epoch: publication.epoch };
    this.emit('publication', publication);
  }

  private connectionLost(): void {
    this.attempt += 1;
    clearTimeout(this.retryTimer);
    this.early.length = 0;
    if (this.current !== 'unsubscribed') this.current = 'subscribing';
  }

  private end(code: HubRequestError['code']): void {
    this.finish();
    this.host.ended(this);
    this.emit('unsubscribed', { code });
  }

  private finish(): void {
    this.attempt += 1;
    clearTimeout(this.retryTimer);
    this.early.length = 0;
    this.current = 'unsubscribed';
  }
}

function ignore(): void {}
