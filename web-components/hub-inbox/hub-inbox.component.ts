// <hub-inbox>: the support agents' inbox, kept in sync with Chatwoot by the hub. See docs/widgets.md.
// The element holds what it shows (its filters, the conversations, the open one) and loads it;
// the live feed and refreshes are inbox-feed.ts's, the agent's writes conversation-actions.ts's,
// the composer and its files composer-controller.ts's; the parts render in their own files.
import { html, nothing, type PropertyValues } from 'lit';
import type { HubClient } from '../../realtime/client/index.js';
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
  type InboxFilters,
  type InboxView,
  type SupportStatus,
} from '../shared/support-api.js';
import { ComposerController } from './composer-controller.js';
import { ConversationActions, reportError, type OpenConversation } from './conversation-actions.js';
import { renderConversationList } from './conversation-list.js';
import { renderConversationView } from './conversation-view.js';
import { styles } from './hub-inbox.styles.js';
import { inFilters } from './inbox-logic.js';
import { InboxNames } from './inbox-names.js';
import { InboxFeedController, type SupportFeedEvent } from './inbox-feed.js';
import { MemberPanelController, renderMemberPanel } from './member-panel.js';

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
  private selected: OpenConversation | undefined;
  private search = '';
  private listError = '';
  private loaded = false;
  private readonly announcer: Announcer;
  private readonly composer: ComposerController;
  private readonly actions: ConversationActions;
  private readonly feed: InboxFeedController;
  private readonly panel = new MemberPanelController(this);
  private readonly names = new InboxNames(this, () => this.i18n, this.panel);
  private support: SupportApi | undefined;
  private api: HubApi | undefined;

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
      () => void this.actions.send(),
      () =>
        this.api && this.selected
          ? { api: this.api, uploadPath: supportUploadPath(this.selected.conversation.id) }
          : undefined,
    );
    this.actions = new ConversationActions(this, {
      i18n: () => this.i18n,
      support: () => this.support,
      open: () => this.selected,
      composer: this.composer,
      changed: (c) => this.changed(c),
      reloadOpen: (id) => this.reloadSelected(id),
      announce: (text) => this.announcer.announce(text),
      describe: (err) => this.describe(err),
    });
    this.feed = new InboxFeedController(this, {
      reload: (reset) => this.reload(reset),
      sla: (event) => this.announceSla(event),
      refreshS: () => this.refreshS,
      ticking: () => Boolean(this.selected || this.conversations.length),
    });
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
    if (filtersChanged && this.support) void this.feed.refresh(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // No API: the agent's actions do nothing (the feed stops with the element).
    this.support = undefined;
  }

  protected override async start(client: HubClient, api: HubApi): Promise<void> {
    this.api = api;
    this.support = new SupportApi(api);
    // The agents' feed: every conversation's messages, changes and SLA notices, pushed live.
    this.feed.follow(client);
    await this.feed.refresh(true);
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

  /** Reloads the list and the open conversation; announces what is new since the last load. */
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
      reportError(this, err);
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

  private announceSla(event: SupportFeedEvent & { conversationId: string }): void {
    const c = this.conversations.find((x) => x.id === event.conversationId);
    this.announcer.announce(
      this.i18n.t('inbox.slaNotice', {
        stage: this.i18n.t(`inbox.slaStage.${event.stage ?? 'warning'}`),
        subject: c?.subject ?? event.conversationId,
      }),
    );
  }

  private async select(c: ApiSupportConversation): Promise<void> {
    if (!this.support) return;
    try {
      this.selected = await this.support.conversation(c.id);
      this.actions.reset();
      this.composer.clear();
      if (this.api) void this.panel.load(this.api, c.id);
      emit(this, 'hub-conversation-selected', { conversationId: c.id, subject: c.subject });
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#conv-title')?.focus();
    } catch (err) {
      this.listError = this.describe(err);
      reportError(this, err);
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

  private describe(err: unknown): string {
    const e = err as { code?: string; message?: string; status?: number };
    if (e.code === 'forbidden') return this.i18n.t('inbox.notAgent');
    if (e.status === 404 && e.code === 'not_found' && !this.loaded) return this.i18n.t('inbox.unavailable');
    return e.message ?? String(err);
  }

  override render() {
    const i18n = this.i18n;
    const selected = this.selected;
    const actions = this.actions;
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
        now: this.feed.now,
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
        ${actions.notice ? html`<p class="banner" role="status">${actions.notice}</p>` : nothing}
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
                now: this.feed.now,
                busy: actions.busy,
                error: actions.error,
                composer: this.composer.context(i18n, actions.busy),
                files: (m) => this.composer.files.renderFiles(m, selected.conversation.id, i18n),
                memberPanel: renderMemberPanel(this.panel.state, i18n),
                setStatus: (status, hours) => actions.setStatus(status, hours),
                setPriority: (priority) =>
                  void actions.act(
                    'priority',
                    (s, id) => s.setPriority(id, priority),
                    () => i18n.t('inbox.done.priority', { priority: i18n.t(`inbox.priority.${priority}`) }),
                  ),
                assign: (to) =>
                  void actions.act(
                    'assignment',
                    (s, id) => s.assign(id, to),
                    () => i18n.t('inbox.done.assign'),
                  ),
                setLabels: (labels) =>
                  void actions.act(
                    'labels',
                    (s, id) => s.setLabels(id, labels),
                    () => i18n.t('inbox.done.labels'),
                  ),
                invalid: (message) => actions.invalid(message),
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
