// <hub-inbox>: the support agents' inbox, kept in sync with Chatwoot by the hub. See docs/widgets.md.
import { html, nothing, type PropertyValues } from 'lit';
import type { HubClient, Subscription } from '../../realtime/client/index.js';
import { Announcer } from '../shared/announcer.js';
import type { HubApi } from '../shared/api.js';
import { emit } from '../shared/events.js';
import { HubElement } from '../shared/hub-element.js';
import { supportUploadPath } from '../shared/support-files.js';
import {
  INBOX_VIEWS,
  SUPPORT_STATUSES,
  SupportApi,
  type ApiSupportConversation,
  type ApiSupportMessage,
  type InboxFilters,
  type InboxView,
  type SupportStatus,
} from '../shared/support-api.js';
import { ComposerController } from './composer-controller.js';
import { renderConversationList } from './conversation-list.js';
import { renderConversationView } from './conversation-view.js';
import { styles } from './hub-inbox.styles.js';
import { inFilters } from './inbox-logic.js';
import { InboxNames } from './inbox-names.js';
import { MemberPanelController, renderMemberPanel } from './member-panel.js';
import { SUPPORT_AGENTS_TOPIC } from '../../protocol/topics.js';

interface SupportEvent {
  kind?: string;
  conversationId?: string;
  stage?: 'warning' | 'breach';
}

/**
 * The support agents' inbox: conversations (mine, unassigned, all; by status and label; search),
 * a conversation with the member's context, replies and private notes with canned responses on
 * `/` shortcuts and files (attach button, paste, drop; both sides' files shown), assignment,
 * labels, priority, status and snooze, SLA countdowns, and live updates (pushed on the agents'
 * feed `support:agents`, with a refresh every `refresh-s` seconds as a safety net).
 *
 * @summary The support agents' inbox.
 *
 * @event hub-conversation-selected - The agent opened a conversation: `{conversationId, subject}`.
 * @event hub-reply-sent - A reply or private note was stored: `{conversationId, messageId, private}`.
 * @event hub-conversation-updated - Status, assignment, priority or labels changed: `{conversationId, change}`.
 * @event hub-support-message - A member's message arrived: `{conversationId, messageId}`.
 *
 * @csspart filters - The filter bar.
 * @csspart conversation-list - The list of conversations.
 * @csspart conversation-item - One conversation in the list.
 * @csspart conversation - The open conversation.
 * @csspart status - Its status.
 * @csspart context - The member's context.
 * @csspart member-context - The side panel of the member's communities, standing and recent public messages.
 * @csspart standing - The member's standing (in the side panel).
 * @csspart member-communities - The member's communities.
 * @csspart member-activity - The member's recent public messages.
 * @csspart sla - One SLA countdown.
 * @csspart label - One label.
 * @csspart messages - The messages.
 * @csspart message - One message.
 * @csspart note - A private note.
 * @csspart composer - The reply form.
 * @csspart composer-input - Its text box.
 * @csspart upload-chip - A file being attached, in the composer.
 * @csspart upload-progress - Its upload progress bar.
 * @csspart upload-error - Why the hub refused it.
 * @csspart upload-waiting - "Sending when … uploaded": Send waits for the uploads.
 * @csspart drop-zone - "Drop to attach", over the widget while files are dragged over it.
 * @csspart attachment-image - A message's image (its thumbnail; opens the lightbox).
 * @csspart attachment-file - A message's other file: a download card.
 * @csspart lightbox - The full-size image dialog.
 * @csspart lightbox-image - Its image.
 * @csspart canned - The canned-response suggestions.
 * @csspart actions - Status, snooze, priority, assignment and labels.
 * @csspart connection - The connection banner.
 *
 * @cssproperty --hub-note-bg - Private notes' background.
 * @cssproperty --hub-inbox-height - Height (40rem).
 */
export class HubInbox extends HubElement {
  static override styles = styles;

  static override properties = {
    view: { type: String },
    status: { type: String },
    label: { type: String },
    agentId: { type: Number, attribute: 'agent-id' },
    refreshS: { type: Number, attribute: 'refresh-s' },
  };

  /** `mine` (needs `agent-id`), `unassigned` or `all` (default). */
  declare view: string;
  /** The status filter: `open` (default), `pending`, `snoozed`, `resolved` or `all`. */
  declare status: string;
  /** Only conversations with this label; empty (default) for any. */
  declare label: string;
  /** The agent's **Chatwoot** agent id: enables the `mine` view and **Assign to me**. */
  declare agentId: number | undefined;
  /** Seconds between safety-net refreshes; updates are pushed live. */
  declare refreshS: number;

  private conversations: ApiSupportConversation[] = [];
  private selected: { conversation: ApiSupportConversation; messages: ApiSupportMessage[] } | undefined;
  private search = '';
  private busy = false;
  private error = '';
  private listError = '';
  private notice = '';
  private now = Date.now();
  private loaded = false;
  private readonly announcer: Announcer;
  private readonly composer: ComposerController;
  private readonly panel = new MemberPanelController(this);
  private readonly names = new InboxNames(this, () => this.i18n, this.panel);
  private support: SupportApi | undefined;
  private api: HubApi | undefined;
  private subscription: Subscription | undefined;
  private stops: (() => void)[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private refreshing: Promise<void> | undefined;

  constructor() {
    super();
    this.view = 'all';
    this.status = 'open';
    this.label = '';
    this.agentId = undefined;
    this.refreshS = 30;
    this.announcer = new Announcer(this, (count) => this.i18n.t('inbox.updates', { count }));
    this.composer = new ComposerController(
      this,
      () => void this.send(),
      () =>
        this.api && this.selected
          ? { api: this.api, uploadPath: supportUploadPath(this.selected.conversation.id) }
          : undefined,
    );
  }

  private get filters(): InboxFilters {
    return {
      view: (INBOX_VIEWS as readonly string[]).includes(this.view) ? (this.view as InboxView) : 'all',
      ...(this.agentId ? { agentId: this.agentId } : {}),
      status: (SUPPORT_STATUSES as readonly string[]).includes(this.status)
        ? (this.status as SupportStatus)
        : 'all',
      ...(this.label ? { label: this.label } : {}),
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const filtersChanged =
      changed.has('view') || changed.has('status') || changed.has('label') || changed.has('agentId');
    if (filtersChanged && this.support) void this.refresh(true);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // SLA countdowns tick every second; the list and the open conversation refresh on their own clock.
    this.ticker = setInterval(() => {
      this.now = Date.now();
      if (this.selected || this.conversations.length) this.requestUpdate();
    }, 1_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
    this.stop();
  }

  private stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    // No API, no next refresh: a refresh still in flight ends without scheduling another.
    this.support = undefined;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  protected override async start(client: HubClient, api: HubApi): Promise<void> {
    this.stop();
    this.api = api;
    this.support = new SupportApi(api);
    const off = client.on('connected', () => {
      if (this.subscription) return; // the SDK resubscribes after a reconnect
      // The agents' feed: every conversation's messages, changes and SLA notices, pushed live.
      const sub = client.subscribe(SUPPORT_AGENTS_TOPIC);
      this.subscription = sub;
      this.stops.push(
        sub.on('subscribed', (e) => {
          if (!e.recovered) void this.refresh();
        }),
        sub.on('publication', (pub) => this.onSupportEvent(pub.data as SupportEvent)),
      );
    });
    this.stops.push(off);
    await this.refresh(true);
    void this.loadCanned();
    void this.names.loadAgents(this.support);
  }

  private async loadCanned(): Promise<void> {
    try {
      this.composer.canned = (await this.support?.cannedResponses()) ?? [];
    } catch {
      this.composer.canned = []; // Chatwoot unreachable: the composer works without shortcuts.
    }
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    const everyMs = Math.max(1, Number(this.refreshS) || 30) * 1_000;
    this.refreshTimer = setTimeout(() => {
      const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
      if (hidden) this.scheduleRefresh();
      else void this.refresh();
    }, everyMs);
  }

  /** Reloads the list and the open conversation; announces what is new since the last load. */
  private refresh(reset = false): Promise<void> {
    if (this.refreshing && !reset) return this.refreshing;
    const run = this.reload(reset).finally(() => {
      if (this.refreshing === run) this.refreshing = undefined;
      if (this.support) this.scheduleRefresh();
    });
    this.refreshing = run;
    return run;
  }

  private async reload(reset: boolean): Promise<void> {
    const support = this.support;
    if (!support) return;
    try {
      const items = await support.conversations(this.filters);
      if (!reset && this.loaded) {
        const known = new Set(this.conversations.map((c) => c.id));
        for (const c of items.filter((x) => !known.has(x.id)))
          this.announcer.announce(this.i18n.t('inbox.newConversation', { subject: c.subject }));
      }
      this.conversations = items;
      this.loaded = true;
      this.listError = '';
      this.names.resolve(this.api, items);
      if (this.selected) await this.reloadSelected(this.selected.conversation.id);
    } catch (err) {
      this.listError = this.describe(err);
      this.report(err);
    }
    this.requestUpdate();
  }

  private async reloadSelected(id: string): Promise<void> {
    const support = this.support;
    if (!support) return;
    const fresh = await support.conversation(id);
    if (this.selected?.conversation.id !== id) return;
    const known = new Set(this.selected.messages.map((m) => m.id));
    for (const m of fresh.messages.filter((x) => !known.has(x.id) && x.direction === 'member')) {
      this.announcer.announce(this.i18n.t('inbox.newMessage', { name: m.author.name }));
      emit(this, 'hub-support-message', { conversationId: id, messageId: m.id });
    }
    this.selected = fresh;
  }

  private onSupportEvent(event: SupportEvent): void {
    if (event.kind !== 'support.sla' || !event.conversationId) {
      void this.refresh(); // coalesced: one reload however many events arrive meanwhile
      return;
    }
    const c = this.conversations.find((x) => x.id === event.conversationId);
    this.announcer.announce(
      this.i18n.t('inbox.slaNotice', {
        stage: this.i18n.t(`inbox.slaStage.${event.stage ?? 'warning'}`),
        subject: c?.subject ?? event.conversationId,
      }),
    );
    void this.refresh();
  }

  private async select(c: ApiSupportConversation): Promise<void> {
    if (!this.support) return;
    try {
      this.selected = await this.support.conversation(c.id);
      this.error = '';
      this.notice = '';
      this.composer.clear();
      if (this.api) void this.panel.load(this.api, c.id);
      emit(this, 'hub-conversation-selected', { conversationId: c.id, subject: c.subject });
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#conv-title')?.focus();
    } catch (err) {
      this.listError = this.describe(err);
      this.report(err);
      this.requestUpdate();
    }
  }

  /** A conversation changed by this agent: keep the list and the open conversation current. */
  private changed(c: ApiSupportConversation): void {
    const index = this.conversations.findIndex((x) => x.id === c.id);
    if (index >= 0) {
      if (inFilters(c, this.filters)) this.conversations[index] = c;
      else this.conversations.splice(index, 1);
    }
    if (this.selected?.conversation.id === c.id) this.selected = { ...this.selected, conversation: c };
  }

  private async act(
    change: 'status' | 'assignment' | 'priority' | 'labels',
    call: (support: SupportApi, id: string) => Promise<ApiSupportConversation>,
    done: (c: ApiSupportConversation) => string,
  ): Promise<void> {
    const support = this.support;
    const id = this.selected?.conversation.id;
    if (!support || !id) return;
    this.busy = true;
    this.requestUpdate();
    try {
      const c = await call(support, id);
      this.changed(c);
      this.notice = done(c);
      this.error = '';
      this.announcer.announce(this.notice);
      emit(this, 'hub-conversation-updated', { conversationId: id, change });
    } catch (err) {
      this.error = this.describe(err);
      this.report(err);
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  private setStatus(status: SupportStatus, snoozeHours?: number): void {
    const until = snoozeHours ? new Date(Date.now() + snoozeHours * 3_600_000) : undefined;
    void this.act(
      'status',
      (s, id) => s.setStatus(id, status, until),
      () =>
        until
          ? this.i18n.t('inbox.done.snooze', { time: this.i18n.stamp(until.getTime()) })
          : this.i18n.t('inbox.done.status', { status: this.i18n.t(`inbox.status.${status}`) }),
    );
  }

  private async send(): Promise<void> {
    const support = this.support;
    const id = this.selected?.conversation.id;
    // Uploads in progress: sent once they have finished.
    if (this.composer.files.deferred(() => void this.send())) return;
    const content = this.composer.text.trim();
    const attachments = this.composer.files.attached;
    if (!support || !id || (!content && !attachments.length)) return;
    const isPrivate = this.composer.mode === 'note';
    this.busy = true;
    this.requestUpdate();
    try {
      const message = await support.write(id, content, isPrivate, attachments);
      if (this.selected?.conversation.id === id && !this.selected.messages.some((m) => m.id === message.id))
        this.selected.messages = [...this.selected.messages, { ...message, private: isPrivate }];
      this.composer.clear();
      this.error = '';
      this.notice = '';
      this.announcer.announce(this.i18n.t(isPrivate ? 'inbox.noted' : 'inbox.sent'));
      emit(this, 'hub-reply-sent', { conversationId: id, messageId: message.id, private: isPrivate });
      // The reply stops or restarts SLA clocks: fetch the conversation's new due times.
      void this.reloadSelected(id).then(() => this.requestUpdate());
    } catch (err) {
      this.error = this.describe(err);
      this.report(err);
    } finally {
      this.busy = false;
      this.requestUpdate();
      await this.updateComplete;
      this.composer.focus();
    }
  }

  private describe(err: unknown): string {
    const e = err as { code?: string; message?: string; status?: number };
    if (e.code === 'forbidden') return this.i18n.t('inbox.notAgent');
    if (e.status === 404 && e.code === 'not_found' && !this.loaded) return this.i18n.t('inbox.unavailable');
    return e.message ?? String(err);
  }

  private report(err: unknown): void {
    const e = err as { code?: string; message?: string };
    emit(this, 'hub-error', { code: e.code ?? 'internal', message: e.message ?? String(err) });
  }

  override render() {
    const i18n = this.i18n;
    const selected = this.selected;
    return html`<div class="layout" lang=${i18n.locale}>
      ${renderConversationList({
        i18n,
        state: this.conn.state,
        filters: this.filters,
        label: this.label,
        search: this.search,
        agentId: this.agentId,
        agentName: this.names.agentName,
        conversations: this.conversations,
        selectedId: selected?.conversation.id,
        loaded: this.loaded,
        error: this.listError,
        now: this.now,
        reconnect: () => this.conn.reconnectNow(),
        setFilter: (name, value) => (this[name] = value),
        setSearch: (value) => {
          this.search = value;
          this.requestUpdate();
        },
        select: (c) => void this.select(c),
      })}
      <section
        class="detail"
        aria-labelledby=${selected ? 'conv-title' : nothing}
        aria-label=${selected ? nothing : i18n.t('inbox.messages')}
      >
        ${this.notice ? html`<p class="banner" role="status">${this.notice}</p>` : nothing}
        ${
          selected
            ? renderConversationView({
                i18n,
                conversation: selected.conversation,
                messages: selected.messages,
                communityName: this.names.communityName(selected.conversation),
                agentId: this.agentId,
                agents: this.names.agents,
                agentName: this.names.agentName,
                now: this.now,
                busy: this.busy,
                error: this.error,
                composer: this.composer.context(i18n, this.busy),
                files: (m) => this.composer.files.renderFiles(m, selected.conversation.id, i18n),
                memberPanel: renderMemberPanel(this.panel.state, i18n),
                setStatus: (status, hours) => this.setStatus(status, hours),
                setPriority: (priority) =>
                  void this.act(
                    'priority',
                    (s, id) => s.setPriority(id, priority),
                    () => i18n.t('inbox.done.priority', { priority: i18n.t(`inbox.priority.${priority}`) }),
                  ),
                assign: (to) =>
                  void this.act(
                    'assignment',
                    (s, id) => s.assign(id, to),
                    () => i18n.t('inbox.done.assign'),
                  ),
                setLabels: (labels) =>
                  void this.act(
                    'labels',
                    (s, id) => s.setLabels(id, labels),
                    () => i18n.t('inbox.done.labels'),
                  ),
                invalid: (message) => {
                  this.error = message;
                  this.requestUpdate();
                },
              })
            : html`<p class="muted empty">${i18n.t('inbox.selectConversation')}</p>`
        }
      </section>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        ${this.announcer.text}
      </div>
      ${this.composer.files.renderDropZone(i18n)}
    </div>`;
  }
}
