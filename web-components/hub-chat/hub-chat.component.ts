// <hub-chat>: a community's chat for its members. See docs/widgets.md.
import { html, type PropertyValues } from 'lit';
import type { HubClient } from '../../realtime/client/index.js';
import { Announcer } from '../shared/announcer.js';
import type { ApiAttachment, ApiChannel, ApiCommunity, HubApi } from '../shared/api.js';
import { ChannelController } from '../shared/channel-controller.js';
import { emit } from '../shared/events.js';
import { HubCommunityElement } from '../shared/hub-element.js';
import type { ChatMessage, StoreChange } from '../shared/message-store.js';
import { styles } from './hub-chat.styles.js';
import './parts/composer.js';
import { renderConnection } from '../shared/connection-banner.js';
import type { MessageListContext } from './parts/message-list.js';
import { groupChannels, renderDrawerToggle, renderSidebar, renderSupportEntry } from './parts/sidebar.js';
import { SupportEntryController } from './support/support-entry-controller.js';
import { renderSupportMain } from './support/support-parts.js';
import { ChatDialog } from './parts/dialog.js';
import { SideParts } from './side-parts-loader.js';
import { DropZone } from './drop-zone.js';
import { UnreadController } from './unread-controller.js';
import { BodyFormat } from './body-format.js';
import { SendGuard } from './send-guard.js';
import { MessageWindow } from './virtual-window.js';
import { retryMessage, sendMessage } from './chat-sender.js';
import { mentionableIn, nameIn } from './people.js';
import { openThread } from './thread-opener.js';
import { listContext } from './parts/list-context.js';
import { renderChannelPane, renderMembers, renderThread } from './parts/panes.js';

/** After a failed page of earlier history, scrolling asks again only after this long. */
const EARLIER_RETRY_MS = 5_000;

/**
 * A community's chat for its members: channel sidebar, message list, threads, composer, members,
 * and the member's support conversations.
 *
 * @summary A community's chat for its members.
 *
 * @event hub-message-sent - A message the member sent was stored: `{channelId, offset}`.
 * @event hub-message-failed - A send failed: `{channelId, code, message, retryAfterMs?}` (`automod_blocked`…; `retryAfterMs` when a retry can succeed after a wait).
 * @event hub-message-received - A message from someone else arrived in the open channel: `{channelId, messageId, authorId}`.
 * @event hub-unread-changed - The community's unread and mention counts changed: `{unread, mentions, channels: {id: {unread, mentions}}}`.
 * @event hub-channel-changed - The member opened another channel: `{channelId, name}`.
 * @event hub-message-reported - The member reported a message: `{channelId, messageId}`.
 * @event hub-support-sent - In the support view, the member's message was stored: `{conversationId, started}`.
 * @event hub-support-reply - In the support view, an agent's reply arrived: `{conversationId, messageId}`.
 *
 * @csspart sidebar - The channel list.
 * @csspart channel - One channel button.
 * @csspart unread-badge - A channel's unread count.
 * @csspart mention-badge - Its mention count.
 * @csspart header - The open channel's header.
 * @csspart connection - The connection banner.
 * @csspart message-list - The messages.
 * @csspart message - One message.
 * @csspart avatar - Initials on a colour of the person's id: beside the first of an author's grouped messages, and in the member list.
 * @csspart author - A message's author.
 * @csspart body - A message's text.
 * @csspart pin-flag - The "Pinned" flag of a pinned message.
 * @csspart thread-link - The link from a message to its thread.
 * @csspart reactions - A message's reactions.
 * @csspart reaction - One reaction.
 * @csspart message-actions - A message's action buttons.
 * @csspart send-status - A message's pending or failed status; `data-code` is the error code, or `held`.
 * @csspart day-separator - A day separator.
 * @csspart new-divider - The "new messages" divider.
 * @csspart typing - The typing indicator.
 * @csspart members - The member list.
 * @csspart thread - The thread panel.
 * @csspart composer - The composer form.
 * @csspart composer-input - Its text box.
 * @csspart send-button - Its send button.
 * @csspart composer-notice - Why sending waits (a timeout, slowmode).
 * @csspart composer-count - The length counter.
 * @csspart upload-chip - A file being attached, in a composer or the form that starts a support conversation.
 * @csspart upload-progress - Its upload progress bar.
 * @csspart upload-error - Why the hub refused it.
 * @csspart upload-waiting - "Sending when … uploaded": Send waits for the uploads.
 * @csspart drop-zone - "Drop to attach", over the channel, the thread panel or the support view while files are dragged over it.
 * @csspart attachment-image - A message's image (its thumbnail; opens the lightbox).
 * @csspart attachment-file - A message's other file: a download card.
 * @csspart lightbox - The full-size image dialog.
 * @csspart lightbox-image - Its image.
 * @csspart drawer-toggle - The "Channels" button that opens the channel list on narrow widths.
 * @csspart dialog - The chat's dialogs (confirmations, reports).
 * @csspart emoji-picker - The emoji picker (for a reaction or the composer).
 * @csspart emoji-search - Its search box.
 * @csspart emoji-tone - Its skin-tone choice.
 * @csspart emoji-list - Its emoji.
 * @csspart support-entry - The sidebar's "Support" entry.
 * @csspart support-header - The support view's header.
 * @csspart support-status - A support conversation's status.
 * @csspart support-list - The member's support conversations.
 * @csspart support-item - One of them.
 * @csspart support-start - The form that starts a conversation (subject, first message, its files).
 * @csspart support-messages - A conversation's messages.
 * @csspart support-message - One message, with `support-member` or `support-agent`.
 * @csspart support-member - A message of the member.
 * @csspart support-agent - A message of an agent.
 * @csspart support-typing - "An agent is typing".
 * @csspart support-composer - The support reply form.
 * @csspart support-input - Its text box.
 * @csspart support-send - Its send button.
 * @csspart support-resolved - The notice of a resolved conversation.
 *
 * @cssproperty --hub-mention-bg - Mentions of the member.
 * @cssproperty --hub-chat-height - The widget's height (32rem).
 */
export class HubChat extends HubCommunityElement {
  static override styles = styles;

  static override properties = {
    channel: { type: String, reflect: true },
    info: { state: true },
  };

  /** The channel to open, by id or name; default the first. Reflects the open channel. */
  declare channel: string;
  declare info: string;

  communityInfo: ApiCommunity | undefined;
  channels: ApiChannel[] = [];
  current: ApiChannel | undefined;
  lastReadOffset = 0;
  replyTo: ChatMessage | undefined;
  threadReplyTo: ChatMessage | undefined;
  editingId: string | undefined;
  reactingId: string | undefined;
  /** The reacting message's full emoji picker (emoji/emoji-picker.ts) is open. */
  reactingMore = false;
  focusedId: string | undefined;
  membersOpen = false;
  /** On a narrow host the channel list is a drawer over the channel: open or not. */
  drawerOpen = false;
  thread: { id: string; name: string } | undefined;
  loadError: string | undefined;
  /** The "Support" entry and the support view shown instead of a channel. */
  private readonly support = new SupportEntryController(this, (err) => this.showError(err));
  /** The thread panel, the member list and the dialogs: a chunk loaded on first use. */
  readonly parts = new SideParts(this);
  readonly dialog = new ChatDialog(this, this.parts);
  /** Files dragged over the channel or the thread panel. */
  readonly drop = new DropZone(this);
  /** Timeouts, rate limits and slowmode the hub answered with: the composers wait them out. */
  readonly guard = new SendGuard(this);
  readonly bodies = new BodyFormat(this);
  readonly main: ChannelController;
  readonly side: ChannelController;
  readonly announcer: Announcer;
  private readonly unread: UnreadController;
  private client: HubClient | undefined;
  api: HubApi | undefined;
  /** The windows of the channel's list and of the thread panel's. */
  readonly mainWindow: MessageWindow;
  readonly sideWindow: MessageWindow;

  constructor() {
    super();
    this.channel = '';
    this.info = '';
    const me = () => this.conn.me;
    this.main = new ChannelController(
      this,
      me,
      (change, live) => this.changed(change, live),
      (topic) => this.unread.watches(topic),
    );
    this.side = new ChannelController(this, me);
    this.mainWindow = new MessageWindow(this, '.main .scroller', {
      nearTop: () => this.loadEarlier(this.main),
      scrolled: (atBottom) => {
        if (atBottom) this.unread.scheduleRead();
      },
    });
    this.sideWindow = new MessageWindow(this, '.thread .scroller', {
      nearTop: () => this.loadEarlier(this.side),
      scrolled: () => {},
    });
    this.unread = new UnreadController(this, {
      api: () => this.api,
      communityId: () => this.communityInfo?.id,
      openChannel: () =>
        this.main.channelId
          ? {
              id: this.main.channelId,
              lastOffset: this.main.store.lastOffset,
              atBottom: this.mainWindow.atBottom,
            }
          : undefined,
      changed: (summary) => emit(this, 'hub-unread-changed', summary),
      ownEvent: (data) => [this.main, this.side].some((c) => c.store.reviewed(data)) && this.requestUpdate(),
    });
    this.announcer = new Announcer(this, (count) => this.i18n.t('chat.newMessagesCount', { count }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('community') || changed.has('channel')) && this.client && this.api) {
      if (changed.has('community')) void this.load(this.client, this.api);
      else this.openByName(this.channel);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const waits = [...this.main.store.unsent(), ...this.side.store.unsent()].flatMap((m) =>
      m.error?.retryAt ? [m.error.retryAt] : [],
    );
    this.guard.tickUntil(waits);
  }

  /**
   * Earlier history, when the member scrolls near the top of what is loaded; not again within a
   * few seconds of a failure (the "Load earlier" button still asks at once).
   */
  private loadEarlier(target: ChannelController): void {
    if (target.store.nextBefore === null || target.loadingEarlier || target.loading) return;
    if (Date.now() - target.earlierFailedAt < EARLIER_RETRY_MS) return;
    target.loadEarlier().catch((err: unknown) => this.showError(err));
  }

  /** Opens a channel by id (and closes the channel drawer of a narrow layout). */
  openChannel(channel: ApiChannel): void {
    this.drawerOpen = false;
    this.show(channel);
  }

  /**
   * Shows a channel without touching the drawer: the channel opened when the widget loads (or
   * its `channel` attribute changes) must not close a drawer the member opened meanwhile.
   */
  private show(channel: ApiChannel): void {
    if (!this.client || !this.api || !this.communityInfo) return;
    this.support.hide();
    this.current = channel;
    this.lastReadOffset = this.unread.counts.get(channel.id)?.lastReadOffset ?? 0;
    this.replyTo = undefined;
    this.editingId = undefined;
    this.focusedId = undefined;
    this.mainWindow.reset();
    this.closeThread();
    this.main.open(this.client, this.api, this.communityInfo.id, channel.id);
    if (this.channel !== channel.id && this.channel !== channel.name) this.channel = channel.id;
    emit(this, 'hub-channel-changed', { channelId: channel.id, name: channel.name });
    this.requestUpdate();
  }

  /** Shows the member's support conversations instead of a channel. */
  openSupport(): void {
    this.drawerOpen = false;
    this.closeThread();
    this.membersOpen = false;
    this.support.show();
  }

  protected override start(client: HubClient, api: HubApi): void {
    this.client = client;
    this.api = api;
    this.unread.follow(client);
    this.support.follow(client);
    void this.load(client, api);
  }

  private async load(client: HubClient, api: HubApi): Promise<void> {
    if (!this.community) return;
    try {
      this.communityInfo = await api.community(this.community);
      if (!this.communityInfo.member) throw new Error(this.i18n.t('error.notMember'));
      const [channels] = await Promise.all([api.channels(this.communityInfo.id), this.unread.refresh()]);
      if (client !== this.client) return;
      this.channels = channels;
      const listed = groupChannels(channels, this.i18n).flatMap((g) => g.channels);
      this.unread.watch(
        client,
        listed.map((c) => ({ id: c.id, topic: `chan:${this.communityInfo?.id ?? ''}:${c.id}` })),
        () => this.conn.me?.id,
      );
      this.loadError = undefined;
      // Not over the support view the member opened while the chat loaded.
      if (!this.support.open) this.openByName(this.channel);
    } catch (err) {
      this.loadError = err instanceof Error ? err.message : String(err);
      emit(this, 'hub-error', {
        code: (err as { code?: string }).code ?? 'internal',
        message: this.loadError,
      });
    }
    this.requestUpdate();
  }

  private openByName(wanted: string): void {
    const listed = groupChannels(this.channels, this.i18n).flatMap((g) => g.channels);
    const channel = listed.find((c) => c.id === wanted || c.name === wanted) ?? listed[0];
    if (channel && channel.id !== this.current?.id) this.show(channel);
  }

  /** A change of the open channel: announce, keep at the bottom, mark as read. */
  private changed(change: StoreChange, live: boolean): void {
    if (change.kind === 'added' && live && change.message.author.id !== this.conn.me?.id) {
      const m = change.message;
      this.announcer.announce(
        this.i18n.t('chat.newMessageFrom', { name: m.author.name, excerpt: m.body.slice(0, 120) }),
      );
      emit(this, 'hub-message-received', {
        channelId: this.main.channelId,
        messageId: m.id,
        authorId: m.author.id,
      });
    }
    if (change.kind === 'removed' && this.focusedId === change.id) this.focusedId = undefined;
    this.unread.scheduleRead();
  }

  /** Sends the composer's text in the open channel or thread. */
  send(body: string, inThread: boolean, attachments: ApiAttachment[] = []): Promise<void> {
    return sendMessage(this, body, inThread, attachments);
  }

  retry(m: ChatMessage, inThread: boolean): void {
    retryMessage(this, m, inThread);
  }

  openThread(m: ChatMessage): void {
    if (!this.client || !this.api || !this.communityInfo || !this.current) return;
    openThread(this, m, this.client, this.api, this.communityInfo.id, this.current.id);
  }

  closeThread(): void {
    if (!this.thread) return;
    this.thread = undefined;
    this.side.close();
    this.requestUpdate();
  }

  showError(err: unknown): void {
    const e = err as { code?: string; message?: string };
    this.info = this.i18n.t('error.generic', { message: e.message ?? String(err) });
    emit(this, 'hub-error', { code: e.code ?? 'internal', message: e.message ?? String(err) });
  }

  /** The handlers of one message list (the channel's, or the thread's). */
  focusMessage(id: string): void {
    this.focusedId = id;
    this.requestUpdate();
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`article[data-id="${CSS.escape(id)}"]`)?.focus(),
    );
  }

  /** Tries to reconnect now, without waiting out the backoff. */
  reconnect(): void {
    this.conn.reconnectNow();
  }

  listContext(target: ChannelController, inThread: boolean): MessageListContext {
    return listContext(this, target, inThread, this.conn.me?.id);
  }

  nameOf(userId: string): string {
    return nameIn(this.main, userId);
  }

  /** People the composer suggests for "@": who is here, then recent authors. */
  mentionable(): { id: string; name: string }[] {
    return mentionableIn(this.main, this.conn.me?.id);
  }

  /** Escape closes the channel drawer, and focus goes back to its toggle. */
  private readonly escapeDrawer = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !this.drawerOpen) return;
    this.drawerOpen = false;
    this.requestUpdate();
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('.drawer-toggle')?.focus(),
    );
  };

  override render() {
    const i18n = this.i18n;
    const meId = this.conn.me?.id;
    const can = (p: string) =>
      (this.current?.permissions ?? []).some((x) => x === p || x === 'ADMINISTRATOR');
    // As the hub decides: an announcement channel takes posts from moderators only.
    const announcement = this.current?.kind === 'announcement' && !can('MANAGE_MESSAGES');
    const [canSend, canSendInThread] = [can('SEND_MESSAGES') && !announcement, can('SEND_IN_THREADS')];
    const groups = groupChannels(this.channels, i18n);
    const drawerToggle = renderDrawerToggle(this.drawerOpen, i18n, () => {
      this.drawerOpen = !this.drawerOpen;
      this.requestUpdate();
    });
    const layout = (extra: string) => `layout ${extra} ${this.drawerOpen ? 'drawer-open' : ''}`;
    const sidebar = renderSidebar(
      groups,
      this.unread.counts,
      this.support.open ? '' : (this.current?.id ?? ''),
      i18n,
      (c) => this.openChannel(c),
      renderSupportEntry(this.support.open, this.support.unseen, i18n, () => this.openSupport()),
    );
    if (this.support.open)
      return html`<div class=${layout('')} lang=${i18n.locale} @keydown=${this.escapeDrawer}>
        ${drawerToggle} ${sidebar}
        ${renderSupportMain({
          loaded: this.support.loaded,
          client: this.client,
          api: this.api,
          me: this.conn.me,
          i18n,
          communityId: this.communityInfo?.id,
          connection: renderConnection(this.conn.state, this.conn.pendingSends, i18n, () => this.reconnect()),
        })}
      </div>`;
    return html`<div
      class=${layout(`${this.thread ? 'with-thread' : ''} ${this.membersOpen ? 'with-members' : ''}`)}
      lang=${i18n.locale}
      @keydown=${this.escapeDrawer}
      @dragenter=${this.drop.dragover}
      @dragover=${this.drop.dragover}
      @dragleave=${this.drop.dragleave}
      @drop=${this.drop.drop}
    >
      ${drawerToggle} ${sidebar}
      ${renderChannelPane(
        this,
        meId,
        canSend,
        renderConnection(this.conn.state, this.conn.pendingSends, i18n, () => this.reconnect()),
      )}
      ${renderThread(this, meId, canSendInThread)} ${renderMembers(this)} ${this.dialog.render()}
    </div>`;
  }
}
