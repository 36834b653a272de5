// A Lit ReactiveController for <hub-chat>'s unread state: the community's unread and mention
// counts (one REST call for the whole sidebar), refreshed when the member's own topic says
// something changed (a mention, a read on another device) and every 30 s, passing that topic's
// events on to the chat (a moderator's decision about the member's message); and the open
// channel marked read while the member is at the bottom of it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HubClient, Publication, Subscription } from '../../realtime/client/index.js';
import type { ApiUnread, HubApi } from '../shared/api.js';
import type { HubEventMap } from '../shared/events.js';

const POLL_MS = 30_000;
const READ_DELAY_MS = 800;
const MAX_WATCHED = 25;

export interface UnreadSource {
  api(): HubApi | undefined;
  communityId(): string | undefined;
  /** The open channel, and whether the member sees its latest message. */
  openChannel(): { id: string; lastOffset: number; atBottom: boolean } | undefined;
  changed(summary: HubEventMap['hub-unread-changed']): void;
  /** Every event of the member's own topic (a moderator's decision about their message…). */
  ownEvent(data: Record<string, unknown>): void;
}

export class UnreadController implements ReactiveController {
  /** By channel id. */
  counts = new Map<string, ApiUnread>();
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private readTimer: ReturnType<typeof setTimeout> | undefined;
  private stopUserTopic: (() => void) | undefined;
  private watched = new Map<string, { sub: Subscription; off: () => void }>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: UnreadSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.pollTimer = setInterval(() => void this.refresh(), POLL_MS);
  }

  hostDisconnected(): void {
    clearInterval(this.pollTimer);
    clearTimeout(this.readTimer);
    this.stopUserTopic?.();
    this.unwatch();
  }

  /**
   * Counts new messages of the sidebar's channels as they arrive (the first MAX_WATCHED; the
   * rest follow the periodic refresh), so a badge moves the moment someone writes. These
   * subscriptions last as long as the client: the open channel's controller shares them.
   */
  watch(client: HubClient, channels: { id: string; topic: string }[], meId: () => string | undefined): void {
    this.unwatch();
    for (const channel of channels.slice(0, MAX_WATCHED)) {
      const sub = client.subscribe(channel.topic);
      const off = sub.on('publication', (pub) => this.count(channel.id, pub, meId()));
      this.watched.set(channel.topic, { sub, off });
    }
  }

  /** Whether a topic's subscription belongs to this controller (others must not end it). */
  watches(topic: string): boolean {
    const state = this.watched.get(topic)?.sub.state;
    return state !== undefined && state !== 'unsubscribed';
  }

  private count(channelId: string, pub: Publication, me: string | undefined): void {
    const data = pub.data as { kind?: string; mentions?: { userIds?: string[]; everyone?: boolean } };
    if (data.kind !== 'message' || pub.info.id === me || this.source.openChannel()?.id === channelId) return;
    const known = this.counts.get(channelId) ?? { channelId, unread: 0, mentions: 0, lastReadOffset: 0 };
    const mentioned =
      data.mentions?.everyone === true || (me !== undefined && data.mentions?.userIds?.includes(me) === true);
    this.counts.set(channelId, {
      ...known,
      unread: known.unread + 1,
      mentions: known.mentions + (mentioned ? 1 : 0),
    });
    this.announce();
    this.host.requestUpdate();
  }

  private unwatch(): void {
    for (const { sub, off } of this.watched.values()) {
      off();
      sub.unsubscribe();
    }
    this.watched.clear();
  }

  /** Follows the member's own topic (mentions, reads on other devices) on this client. */
  follow(client: HubClient): void {
    this.stopUserTopic?.();
    let stopSubscription: (() => void) | undefined;
    const stopConnected = client.on('connected', (session) => {
      if (stopSubscription) return; // resubscribed by the SDK after a reconnect
      const sub = client.subscribe(`user:${session.user.id}`);
      const off = sub.on('publication', (pub) => {
        this.source.ownEvent(pub.data as Record<string, unknown>);
        void this.refresh();
      });
      stopSubscription = () => {
        off();
        sub.unsubscribe();
      };
    });
    this.stopUserTopic = () => {
      stopConnected();
      stopSubscription?.();
    };
  }

  async refresh(): Promise<void> {
    const api = this.source.api();
    const communityId = this.source.communityId();
    if (!api || !communityId) return;
    try {
      const items = await api.unread(communityId);
      this.counts = new Map(items.map((u) => [u.channelId, u]));
      this.announce();
      this.host.requestUpdate();
    } catch {
      // The badges stay as they were; the next refresh tries again.
    }
  }

  /** Tells the host page the totals, the open channel left out. */
  private announce(): void {
    const open = this.source.openChannel()?.id;
    const channels: Record<string, { unread: number; mentions: number }> = {};
    let unread = 0;
    let mentions = 0;
    for (const u of this.counts.values()) {
      if (u.channelId === open) continue;
      channels[u.channelId] = { unread: u.unread, mentions: u.mentions };
      unread += u.unread;
      mentions += u.mentions;
    }
    this.source.changed({ unread, mentions, channels });
  }

  /** Marks the open channel read soon, if the member is at its bottom then. */
  scheduleRead(): void {
    clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => void this.markRead(), READ_DELAY_MS);
  }

  private async markRead(): Promise<void> {
    const api = this.source.api();
    const open = this.source.openChannel();
    if (!api || !open || open.lastOffset === 0 || !open.atBottom || document.hidden) return;
    const known = this.counts.get(open.id);
    if (known && known.lastReadOffset >= open.lastOffset) return;
    try {
      const { lastReadOffset } = await api.markRead(open.id, open.lastOffset);
      this.counts.set(open.id, { channelId: open.id, unread: 0, mentions: 0, lastReadOffset });
      await this.refresh();
    } catch {
      // Read state is best effort; the next message tries again.
    }
  }
}
