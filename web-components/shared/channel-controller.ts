// A Lit ReactiveController for one channel topic: its subscription (live and recovered events),
// its history pages, who is present and who is typing, and the member's sends with optimistic
// state. <hub-chat> uses one for the open channel and one for an open thread.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HubClient, HubRequestError, PresenceEntry, Subscription } from '../../realtime/client/index.js';
import type { ApiAttachment, HubApi } from './api.js';
import { MessageStore, type StoreChange } from './message-store.js';

const TYPING_SHOWN_MS = 4_000;
/** Earlier history comes in pages of the API's largest size: the list is windowed anyway. */
const EARLIER_PAGE = 100;

export interface Presence {
  id: string;
  name: string;
  status: string;
}

export class ChannelController implements ReactiveController {
  readonly store: MessageStore;
  channelId = '';
  topic = '';
  presence = new Map<string, Presence>();
  /** A large channel's count of present users, when the hub sends counts instead of joins and
   * leaves (the list above then stops following); undefined while the list is live. */
  presenceCount: number | undefined;
  typing = new Map<string, { name: string; until: number }>();
  loading = false;
  /** A page of earlier history is on its way. */
  loadingEarlier = false;
  /** When loading earlier history last failed (ms), so scrolling does not retry in a loop. */
  earlierFailedAt = 0;
  error: string | undefined;
  private subscription: Subscription | undefined;
  private stops: (() => void)[] = [];
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private client: HubClient | undefined;
  private api: HubApi | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly me: () => { id: string; name: string } | undefined,
    private readonly onChange: (change: StoreChange, live: boolean) => void = () => {},
    /** Topics whose subscription someone else owns: closing leaves them subscribed. */
    private readonly shared: (topic: string) => boolean = () => false,
  ) {
    host.addController(this);
    this.store = new MessageStore(() => this.me()?.id);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.close();
  }

  /** Opens a channel: subscribes to its topic, then loads its latest page. */
  open(client: HubClient, api: HubApi, communityId: string, channelId: string): void {
    if (this.client === client && this.channelId === channelId) return;
    this.close();
    this.client = client;
    this.api = api;
    this.channelId = channelId;
    this.topic = `chan:${communityId}:${channelId}`;
    const sub = client.subscribe(this.topic);
    this.subscription = sub;
    this.loading = true;
    this.stops.push(
      sub.on('subscribed', (event) => {
        // First subscribe, or recovery failed: (re)load the current state over REST.
        if (!event.recovered) void this.reload();
        void this.refreshPresence();
      }),
      sub.on('publication', (pub) => {
        const change = this.store.apply({
          offset: pub.offset,
          data: pub.data as Record<string, unknown>,
          info: pub.info,
          ts: pub.ts,
        });
        if (change.kind === 'added') this.typing.delete(change.message.author.id);
        this.onChange(change, true);
        this.host.requestUpdate();
      }),
      sub.on('join', (user: PresenceEntry) => {
        this.presence.set(user.id, { id: user.id, name: user.name, status: user.status });
        this.liveAgain();
        this.host.requestUpdate();
      }),
      sub.on('leave', (user) => {
        this.presence.delete(user.id);
        this.liveAgain();
        this.host.requestUpdate();
      }),
      sub.on('status', (user) => {
        const known = this.presence.get(user.id);
        if (known) known.status = user.status;
        this.host.requestUpdate();
      }),
      sub.on('presence_count', ({ users, live }) => {
        // Live again: joins and leaves flow, but those of the counting time were missed.
        if (live) {
          this.presenceCount = undefined;
          void this.refreshPresence();
        } else this.presenceCount = users;
        this.host.requestUpdate();
      }),
      sub.on('typing', (user) => {
        if (user.id === this.me()?.id) return;
        if (user.stopped) {
          this.typing.delete(user.id);
          this.host.requestUpdate();
          return;
        }
        this.typing.set(user.id, { name: user.name, until: Date.now() + TYPING_SHOWN_MS });
        this.scheduleTypingExpiry();
        this.host.requestUpdate();
      }),
      sub.on('unsubscribed', ({ code }) => {
        this.error = code;
        this.host.requestUpdate();
      }),
    );
    // Already subscribed (the sidebar's unread watch shares the SDK's subscription): no
    // `subscribed` event will come, so load now.
    if (sub.state === 'subscribed') {
      void this.reload();
      void this.refreshPresence();
    }
  }

  /** Loads the page of messages before the earliest one held; one page at a time. */
  async loadEarlier(): Promise<void> {
    const before = this.store.nextBefore;
    if (!this.api || before === null || this.loadingEarlier || this.loading) return;
    const channelId = this.channelId;
    this.loadingEarlier = true;
    this.host.requestUpdate();
    try {
      const page = await this.api.messages(channelId, before, EARLIER_PAGE);
      if (channelId === this.channelId) this.store.loadPage(page.items, page.nextBefore);
    } catch (err) {
      this.earlierFailedAt = Date.now();
      throw err;
    } finally {
      this.loadingEarlier = false;
      this.host.requestUpdate();
    }
  }

  /**
   * Sends a message: shown at once as pending, then sent or failed. Resolves with the offset,
   * or rejects with the SDK's error (code `automod_blocked` carries the reason as message).
   */
  async send(
    body: string,
    replyToId: string | null,
    nonce: string = globalThis.crypto.randomUUID(),
    attachments: ApiAttachment[] = [],
  ): Promise<number> {
    const me = this.me() ?? { id: 'me', name: '…' };
    const client = this.client;
    if (!client) throw new Error('hub-chat: not connected to a hub');
    if (!this.store.retry(nonce)) this.store.addPending(nonce, body, replyToId, me, attachments);
    this.host.requestUpdate();
    try {
      const data = {
        body,
        ...(replyToId ? { replyToId } : {}),
        attachments: attachments.map((a) => a.id),
      };
      const result = await client.publish(this.topic, data, { nonce });
      this.store.confirm(nonce, result.offset);
      // Hubs that say so in the ack: AutoMod holds the message for review. Older hubs do not;
      // the store then knows it from the `message.hidden` placeholder at the same offset.
      const ack = result as { held?: unknown; messageId?: unknown };
      if (ack.held === true)
        this.store.hold(nonce, result.offset, typeof ack.messageId === 'string' ? ack.messageId : undefined);
      return result.offset;
    } catch (err) {
      const e = err as HubRequestError;
      const retryAt = typeof e.retryAfterMs === 'number' ? Date.now() + e.retryAfterMs : undefined;
      this.store.fail(nonce, { code: e.code, message: e.message, ...(retryAt ? { retryAt } : {}) });
      throw err;
    } finally {
      this.host.requestUpdate();
    }
  }

  /** Tells the channel the member is typing (throttled by the SDK). */
  notifyTyping(): void {
    if (this.topic) this.client?.typing(this.topic);
  }

  close(): void {
    for (const stop of this.stops.splice(0)) stop();
    if (!this.shared(this.topic)) this.subscription?.unsubscribe();
    this.subscription = undefined;
    clearTimeout(this.typingTimer);
    this.presence.clear();
    this.presenceCount = undefined;
    this.typing.clear();
    this.store.reset();
    this.loadingEarlier = false;
    this.channelId = '';
    this.topic = '';
    this.error = undefined;
  }

  private async reload(): Promise<void> {
    if (!this.api) return;
    const channelId = this.channelId;
    this.loading = true;
    try {
      const page = await this.api.messages(channelId);
      if (channelId !== this.channelId) return;
      this.store.replaceWith(page.items, page.nextBefore);
      this.error = undefined;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.loading = false;
      this.onChange({ kind: 'none' }, false);
      this.host.requestUpdate();
    }
  }

  /** Joins and leaves flow again (another node saw the topic shrink before its count said so):
   * the count is stale and the list missed those of the counting time. */
  private liveAgain(): void {
    if (this.presenceCount === undefined) return;
    this.presenceCount = undefined;
    void this.refreshPresence();
  }

  private async refreshPresence(): Promise<void> {
    if (!this.client || !this.topic) return;
    try {
      const { users } = await this.client.presence(this.topic);
      this.presence = new Map(users.map((u) => [u.id, { id: u.id, name: u.name, status: u.status }]));
      this.host.requestUpdate();
    } catch {
      // Presence is a nicety: the list fills from join events.
    }
  }

  private scheduleTypingExpiry(): void {
    clearTimeout(this.typingTimer);
    const next = Math.min(...[...this.typing.values()].map((t) => t.until));
    if (!Number.isFinite(next)) return;
    this.typingTimer = setTimeout(
      () => {
        const now = Date.now();
        for (const [id, t] of this.typing) if (t.until <= now) this.typing.delete(id);
        this.host.requestUpdate();
        this.scheduleTypingExpiry();
      },
      Math.max(50, next - Date.now()),
    );
  }
}
