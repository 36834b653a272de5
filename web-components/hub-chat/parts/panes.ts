// <hub-chat>'s panes: the open channel's (header, banners, messages, typing, composer), the
// composer of the channel or of the thread panel (with the wait the send guard imposes), the
// thread panel and the member list (their chunk loading the first time: a loading state in their
// place).
import { html, nothing, type TemplateResult } from 'lit';
import type { Announcer } from '../../shared/announcer.js';
import type { ApiAttachment, ApiChannel } from '../../shared/api.js';
import { renderAvatar } from '../../shared/avatar.js';
import type { ChannelController } from '../../shared/channel-controller.js';
import type { I18n } from '../../shared/i18n/i18n.js';
import type { ChatMessage } from '../../shared/message-store.js';
import type { DropZone } from '../drop-zone.js';
import type { SendGuard } from '../send-guard.js';
import type { SideParts } from '../side-parts-loader.js';
import type { MembersHost } from '../side-parts/member-list.js';
import { renderMessageList, type MessageListContext } from './message-list.js';
import { renderInfo, renderLoadingPanel, renderMembersToggle, renderTyping } from './panels.js';

/** What the panes need of <hub-chat>. */
export interface PanesHost extends MembersHost, HTMLElement {
  readonly i18n: I18n;
  readonly side: ChannelController;
  readonly thread: { id: string; name: string } | undefined;
  readonly current: ApiChannel | undefined;
  readonly loadError: string | undefined;
  info: string;
  replyTo: ChatMessage | undefined;
  threadReplyTo: ChatMessage | undefined;
  membersOpen: boolean;
  send(body: string, inThread: boolean, attachments: ApiAttachment[]): Promise<void>;
  closeThread(): void;
  showError(err: unknown): void;
  readonly guard: SendGuard;
  readonly parts: SideParts;
  readonly drop: DropZone;
  /** The live region's text. */
  readonly announcer: Announcer;
  listContext(target: ChannelController, inThread: boolean): MessageListContext;
  mentionable(): { id: string; name: string }[];
}

/** The composer of the channel or of the thread panel. */
export function renderComposer(
  chat: PanesHost,
  meId: string | undefined,
  inThread: boolean,
  canSend: boolean,
  label: string,
) {
  const target = inThread ? chat.side : chat.main;
  const replyTo = inThread ? chat.threadReplyTo : chat.replyTo;
  const guard = chat.guard.composer(target.channelId, chat.i18n);
  return html`<hub-chat-composer
    .i18n=${chat.i18n}
    .people=${chat.mentionable()}
    .user=${meId}
    .replyingTo=${replyTo ? { id: replyTo.id, name: replyTo.author.name } : undefined}
    label=${label}
    ?disabled=${!canSend}
    ?blocked=${guard.blocked}
    notice=${guard.notice}
    .api=${chat.api}
    .channelId=${target.channelId}
    @compose-send=${(e: CustomEvent<{ body: string; attachments: ApiAttachment[] }>) =>
      void chat.send(e.detail.body, inThread, e.detail.attachments)}
    @compose-typing=${() => target.notifyTyping()}
    @compose-cancel-reply=${() => {
      if (inThread) chat.threadReplyTo = undefined;
      else chat.replyTo = undefined;
      chat.requestUpdate();
    }}
  ></hub-chat-composer>`;
}

/** The thread panel (its chunk loading the first time: a loading state in its place). */
export function renderThread(chat: PanesHost, meId: string | undefined, canSend: boolean) {
  const thread = chat.thread;
  if (!thread) return nothing;
  const i18n = chat.i18n;
  const parts = chat.parts.module;
  if (!parts) return renderLoadingPanel('thread', thread.name, i18n);
  return parts.renderThreadPanel({
    name: thread.name,
    i18n,
    close: () => chat.closeThread(),
    content: html`<div class="scroller">${renderMessageList(chat.listContext(chat.side, true))}</div>
      ${renderTyping(chat.side, i18n)}
      ${renderComposer(chat, meId, true, canSend, i18n.t('chat.composerThread'))}
      ${chat.drop.render('thread', i18n)}`,
  });
}

export function renderMembers(chat: PanesHost) {
  if (!chat.membersOpen) return nothing;
  const parts = chat.parts.module;
  if (!parts) return renderLoadingPanel('members', chat.i18n.t('chat.members'), chat.i18n);
  const close = () => {
    chat.membersOpen = false;
    chat.requestUpdate();
  };
  return parts.renderMembers(chat, chat.i18n, close, renderAvatar);
}

/** The open channel's pane; `connection` is the connection banner. */
export function renderChannelPane(
  chat: PanesHost,
  meId: string | undefined,
  canSend: boolean,
  connection: TemplateResult | typeof nothing,
) {
  const i18n = chat.i18n;
  return html`<section class="main" aria-label=${i18n.t('chat.label')}>
    <header part="header" class="channel-header">
      <h2>
        ${chat.current ? html`<span aria-hidden="true">#</span>${chat.current.name}` : i18n.t('chat.noChannel')}
      </h2>
      ${renderMembersToggle(chat.main, chat.membersOpen, i18n, () => {
        chat.membersOpen = !chat.membersOpen;
        if (chat.membersOpen) chat.parts.load().catch((err: unknown) => chat.showError(err));
        chat.requestUpdate();
      })}
    </header>
    ${connection}
    ${chat.loadError ? html`<p class="banner error" role="alert">${chat.loadError}</p>` : nothing}
    ${renderInfo(chat.info, i18n, () => (chat.info = ''))}
    <div class="scroller">
      ${
        chat.current && chat.main.store.nextBefore === null && !chat.main.loading
          ? html`<p class="beginning">${i18n.t('chat.beginning', { channel: chat.current.name })}</p>`
          : nothing
      }
      ${renderMessageList(chat.listContext(chat.main, false))}
    </div>
    ${renderTyping(chat.main, i18n)}
    ${renderComposer(
      chat,
      meId,
      false,
      !!chat.current && canSend,
      canSend || !chat.current
        ? i18n.t('chat.composer', { channel: chat.current?.name ?? '' })
        : i18n.t('chat.readOnly'),
    )}
    ${chat.drop.render('main', i18n)}
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      ${chat.announcer.text}
    </div>
  </section>`;
}
