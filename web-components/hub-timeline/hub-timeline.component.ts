// <hub-timeline>: a community's activity feed, live. See docs/widgets.md.
import { LitElement, css, html, nothing, type PropertyValues, type SVGTemplateResult } from 'lit';
import type { HubClient, PresenceEntry, Publication, Subscription } from '../../realtime/client/index.js';
import { Announcer } from '../shared/announcer.js';
import type { HubApi, TokenProvider } from '../shared/api.js';
import { ConnectionController } from '../shared/connection-controller.js';
import { emit } from '../shared/events.js';
import { I18n } from '../shared/i18n/i18n.js';
import type { MessageKey } from '../shared/i18n/en.js';
import { icons } from '../shared/icons.js';
import { themeStyles } from '../shared/theme.js';
import { renderConnection } from '../hub-chat/parts/panels.js';
import { timelineTopic } from '../../protocol/topics.js';

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
 * @event hub-connection-changed - Connection state: `{state, pendingSends}`.
 * @event hub-error - An error the widget shows: `{code, message}`.
 *
 * @csspart feed - The list of activities. @csspart item - One activity.
 * @csspart online - The "online now" list. @csspart connection - The connection banner.
 *
 * @cssproperty --hub-bg - Background. @cssproperty --hub-text - Text colour.
 * @cssproperty --hub-muted - Secondary text. @cssproperty --hub-border - Borders.
 * @cssproperty --hub-accent - Accent. @cssproperty --hub-timeline-height - Height (24rem).
 */
export class HubTimeline extends LitElement {
  static override properties = {
    endpoint: { type: String },
    community: { type: String },
    theme: { type: String, reflect: true },
    locale: { type: String },
    tokenProvider: { attribute: false },
  };

  /** The hub's base URL; default the page's origin. */
  declare endpoint: string;
  /** The community: its id or slug. */
  declare community: string;
  /** `light` (default) or `dark`. */
  declare theme: string;
  /** A BCP 47 locale; default the browser's. */
  declare locale: string;
  /** Returns the member's current marketplace token. */
  declare tokenProvider: TokenProvider | undefined;

  private i18n = new I18n();
  private items: Activity[] = [];
  private online = new Map<string, string>();
  private error = '';
  private readonly conn: ConnectionController;
  private readonly announcer: Announcer;
  private subscription: Subscription | undefined;
  private stops: (() => void)[] = [];
  private lastState = '';

  static override styles = [
    ...themeStyles,
    css`
      :host {
        height: var(--hub-timeline-height, 24rem);
        border: 1px solid var(--hub-border);
        border-radius: var(--hub-radius);
        overflow: auto;
      }
      header {
        padding: 0.5rem 0.75rem;
        border-bottom: 1px solid var(--hub-border);
      }
      h2 {
        font-size: 1rem;
        margin: 0;
      }
      h3 {
        font-size: 0.75rem;
        text-transform: uppercase;
        color: var(--hub-muted);
        margin: 0.6rem 0.75rem 0.2rem;
      }
      ol,
      ul {
        list-style: none;
        margin: 0;
        padding: 0 0.75rem;
      }
      li.item {
        display: grid;
        grid-template-columns: 1.5rem 1fr auto;
        gap: 0.4rem;
        padding: 0.4rem 0;
        border-bottom: 1px solid var(--hub-border);
      }
      time {
        color: var(--hub-muted);
        font-size: 0.8rem;
      }
      .reason {
        display: block;
        color: var(--hub-muted);
        font-size: 0.85rem;
      }
      .online {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 0.8rem;
        padding-bottom: 0.4rem;
      }
      .online li::before {
        content: '';
        display: inline-block;
        width: 0.55rem;
        height: 0.55rem;
        border-radius: 50%;
        background: var(--hub-online);
        margin-right: 0.35rem;
      }
      .empty {
        color: var(--hub-muted);
        padding: 0 0.75rem;
      }
    `,
  ];

  constructor() {
    super();
    this.endpoint = '';
    this.community = '';
    this.theme = 'light';
    this.locale = '';
    this.conn = new ConnectionController(this, (client, api) => void this.start(client, api));
    this.announcer = new Announcer(this, (count) => this.i18n.t('chat.newMessagesCount', { count }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) this.i18n = new I18n(this.locale);
  }

  protected override updated(): void {
    const state = `${this.conn.state}/${this.conn.pendingSends}`;
    if (state === this.lastState) return;
    this.lastState = state;
    emit(this, 'hub-connection-changed', { state: this.conn.state, pendingSends: this.conn.pendingSends });
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

  private async start(client: HubClient, api: HubApi): Promise<void> {
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
