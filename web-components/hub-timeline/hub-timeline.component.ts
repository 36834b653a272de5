// <hub-timeline>: a community's activity feed, live. See docs/widgets.md.
import { html, nothing, type SVGTemplateResult } from 'lit';
import type { HubClient, PresenceEntry, Publication, Subscription } from '../../realtime/client/index.js';
import { Announcer } from '../shared/announcer.js';
import type { HubApi } from '../shared/api.js';
import { emit } from '../shared/events.js';
import { HubCommunityElement } from '../shared/hub-element.js';
import type { MessageKey } from '../shared/i18n/en.js';
import { icons } from '../shared/icons.js';
import { renderConnection } from '../shared/connection-banner.js';
import { timelineTopic } from '../../protocol/topics.js';
import { styles } from './hub-timeline.styles.js';

const MAX_ITEMS = 200;

interface Activity {
  offset: number;
  ts: number;
  kind: string;
  name: string;
  reason: string;
  /** A live session's title. */
  title: string;
}

const TEXT: Record<string, MessageKey> = {
  'member.joined': 'timeline.member.joined',
  'member.left': 'timeline.member.left',
  'member.kicked': 'timeline.member.kicked',
  'member.banned': 'timeline.member.banned',
  live_session_started: 'timeline.live.started',
  live_session_ended: 'timeline.live.ended',
};
const ICON: Record<string, SVGTemplateResult> = {
  'member.joined': icons.join,
  'member.left': icons.leave,
  'member.kicked': icons.leave,
  'member.banned': icons.ban,
};

/**
 * A community's activity feed: who joined, left, was removed; and who is online now.
 *
 * @summary A community's activity feed, live.
 *
 * @csspart feed - The list of activities.
 * @csspart item - One activity.
 * @csspart online - The "online now" list.
 * @csspart connection - The connection banner.
 *
 * @cssproperty --hub-timeline-height - Height (24rem).
 */
export class HubTimeline extends HubCommunityElement {
  static override styles = styles;

  private items: Activity[] = [];
  private online = new Map<string, string>();
  private error = '';
  private readonly announcer: Announcer;
  private subscription: Subscription | undefined;
  private stops: (() => void)[] = [];

  constructor() {
    super();
    this.announcer = new Announcer(this, (count) => this.i18n.t('chat.newMessagesCount', { count }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  private stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  protected override async start(client: HubClient, api: HubApi): Promise<void> {
    this.stop();
    this.items = [];
    try {
      const community = await api.community(this.community);
      const topic = timelineTopic(community.id);
      const sub = client.subscribe(topic);
      this.subscription = sub;
      this.stops.push(
        sub.on('subscribed', () => void this.refresh(client, topic)),
        sub.on('publication', (pub) => {
          const activity = this.activity(pub);
          this.add(activity);
          this.announcer.announce(this.describe(activity));
        }),
        sub.on('join', (user: PresenceEntry) => this.setOnline(user.id, user.name)),
        sub.on('leave', (user) => this.setOnline(user.id, undefined)),
      );
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      emit(this, 'hub-error', { code: (err as { code?: string }).code ?? 'internal', message: this.error });
      this.requestUpdate();
    }
  }

  /** The latest activity from the topic's history, and who is online now. */
  private async refresh(client: HubClient, topic: string): Promise<void> {
    try {
      const [history, presence] = await Promise.all([
        client.history(topic, { limit: 50 }),
        client.presence(topic),
      ]);
      for (const pub of history.publications) this.add(this.activity(pub));
      this.online = new Map(presence.users.map((u) => [u.id, u.name]));
      this.requestUpdate();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      this.requestUpdate();
    }
  }

  private setOnline(id: string, name: string | undefined): void {
    if (name === undefined) this.online.delete(id);
    else this.online.set(id, name);
    this.requestUpdate();
  }

  private activity(pub: Publication): Activity {
    const data = (pub.data ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      offset: pub.offset,
      ts: pub.ts,
      kind: str(data['kind']),
      name: str(data['name']) || str(data['userId']) || pub.info.name,
      reason: str(data['reason']),
      title: str(data['title']),
    };
  }

  private add(activity: Activity): void {
    if (this.items.some((i) => i.offset === activity.offset)) return;
    this.items = [activity, ...this.items].sort((a, b) => b.offset - a.offset).slice(0, MAX_ITEMS);
    this.requestUpdate();
  }

  private describe(a: Activity): string {
    const key = TEXT[a.kind];
    // A kind this version does not know is said as a sentence, never by its code.
    return key ? this.i18n.t(key, { name: a.name, title: a.title }) : this.i18n.t('timeline.unknown');
  }

  override render() {
    const i18n = this.i18n;
    return html`<section aria-labelledby="title" lang=${i18n.locale}>
      <header><h2 id="title">${i18n.t('timeline.label')}</h2></header>
      ${renderConnection(this.conn.state, 0, i18n, () => this.conn.reconnectNow())}
      ${this.error ? html`<p class="banner error" role="alert">${this.error}</p>` : nothing}
      <h3 id="online-title">${i18n.t('timeline.online')} (${i18n.number(this.online.size)})</h3>
      <ul class="online" part="online" aria-labelledby="online-title">
        ${[...this.online.values()].sort().map((name) => html`<li>${name}</li>`)}
      </ul>
      ${this.items.length === 0 ? html`<p class="empty">${i18n.t('timeline.empty')}</p>` : nothing}
      <ol part="feed" aria-labelledby="title">
        ${this.items.map(
          (a) =>
            html`<li part="item" class="item">
              <span aria-hidden="true">${ICON[a.kind] ?? icons.dot}</span>
              <span
                >${this.describe(a)}${a.reason ? html`<span class="reason">${a.reason}</span>` : nothing}</span
              >
              <time datetime=${new Date(a.ts).toISOString()} title=${i18n.stamp(a.ts)}
                >${i18n.time(a.ts)}</time
              >
            </li>`,
        )}
      </ol>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        ${this.announcer.text}
      </div>
    </section>`;
  }
}
