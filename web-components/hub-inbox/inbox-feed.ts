// The live side of <hub-inbox>, a Lit ReactiveController: the agents' feed `support:agents`
// (every conversation's messages, changes and SLA notices, pushed live) makes the widget reload,
// one reload however many events arrive meanwhile; a safety-net refresh runs every `refresh-s`
// seconds (put off while the page is hidden); and the SLA countdowns tick once a second.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SUPPORT_AGENTS_TOPIC } from '../../protocol/topics.js';
import type { HubClient, Subscription } from '../../realtime/client/index.js';

/** What the widget reads of a feed publication's `data`. */
export interface SupportFeedEvent {
  kind?: string;
  conversationId?: string;
  stage?: 'warning' | 'breach';
}

export interface InboxFeedOptions {
  /** Reloads what the widget shows; `reset`: a fresh start (filters changed, a new connection). */
  reload: (reset: boolean) => Promise<void>;
  /** An SLA warning or breach of a conversation (before the reload it causes). */
  sla: (event: SupportFeedEvent & { conversationId: string }) => void;
  /** Seconds between safety-net refreshes (the `refresh-s` attribute). */
  refreshS: () => number;
  /** Something on screen counts down: the tick re-renders. */
  ticking: () => boolean;
}

export class InboxFeedController implements ReactiveController {
  /** The SLA countdowns' clock, a second at a time. */
  now = Date.now();
  private subscription: Subscription | undefined;
  private stops: (() => void)[] = [];
  /** Following a client: reloads schedule the next refresh. */
  private following = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: InboxFeedOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // SLA countdowns tick every second; the list and the open conversation refresh on their own clock.
    this.ticker = setInterval(() => {
      this.now = Date.now();
      if (this.options.ticking()) this.host.requestUpdate();
    }, 1_000);
  }

  hostDisconnected(): void {
    clearInterval(this.ticker);
    this.stop();
  }

  /** Follows the agents' feed on this client, from its next connection (the SDK resubscribes). */
  follow(client: HubClient): void {
    this.stop();
    this.following = true;
    const off = client.on('connected', () => {
      if (this.subscription) return; // the SDK resubscribes after a reconnect
      const sub = client.subscribe(SUPPORT_AGENTS_TOPIC);
      this.subscription = sub;
      this.stops.push(
        sub.on('subscribed', (e) => {
          if (!e.recovered) void this.refresh();
        }),
        sub.on('publication', (pub) => this.onEvent(pub.data as SupportFeedEvent)),
      );
    });
    this.stops.push(off);
  }

  /** Stops following: no next refresh (a reload still in flight ends without scheduling one). */
  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.following = false;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  /** Reloads (joining one in flight unless `reset`), then schedules the next safety-net refresh. */
  refresh(reset = false): Promise<void> {
    if (this.refreshing && !reset) return this.refreshing;
    const run = this.options.reload(reset).finally(() => {
      if (this.refreshing === run) this.refreshing = undefined;
      if (this.following) this.scheduleRefresh();
    });
    this.refreshing = run;
    return run;
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    const everyMs = Math.max(1, Number(this.options.refreshS()) || 30) * 1_000;
    this.refreshTimer = setTimeout(() => {
      const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
      if (hidden) this.scheduleRefresh();
      else void this.refresh();
    }, everyMs);
  }

  private onEvent(event: SupportFeedEvent): void {
    if (event.kind === 'support.sla' && event.conversationId)
      this.options.sla({ ...event, conversationId: event.conversationId });
    void this.refresh(); // coalesced: one reload however many events arrive meanwhile
  }
}
