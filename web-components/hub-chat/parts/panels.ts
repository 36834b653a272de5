// The smaller parts of <hub-chat>: the typing indicator, the member list's toggle and the
// thread side panel (the member list itself is members.ts, a lazy chunk).
import { html, nothing, type TemplateResult } from 'lit';
import type { ChannelController } from '../../shared/channel-controller.js';
import type { I18n } from '../../shared/i18n/i18n.js';
import { icons } from '../../shared/icons.js';
import type { MessageListContext } from './message-list.js';
import { renderMessageList } from './message-list.js';
import './composer.js';

export function renderTyping(channel: ChannelController, i18n: I18n): TemplateResult {
  const names = [...channel.typing.values()].map((t) => t.name);
  const text =
    names.length === 0
      ? ''
      : names.length === 1
        ? i18n.t('chat.typing.one', { a: names[0] ?? '' })
        : names.length === 2
          ? i18n.t('chat.typing.two', { a: names[0] ?? '', b: names[1] ?? '' })
          : i18n.t('chat.typing.many');
  return html`<div part="typing" class="typing">${text}</div>`;
}

/** A passing notice above the messages (an outcome), with a button that dismisses it. */
export function renderInfo(info: string, i18n: I18n, dismiss: () => void): TemplateResult | typeof nothing {
  if (!info) return nothing;
  return html`<p class="banner info" role="status">
    ${info}
    <button type="button" @click=${dismiss} aria-label=${i18n.t('chat.cancel')}>${icons.close}</button>
  </p>`;
}

/** The header's button that shows or hides the member list, with how many are present (a large
 * channel's count when the hub sends counts instead of joins and leaves). */
export function renderMembersToggle(
  channel: ChannelController,
  open: boolean,
  i18n: I18n,
  toggle: () => void,
): TemplateResult {
  return html`<button
    type="button"
    class="members-toggle"
    aria-expanded=${open ? 'true' : 'false'}
    aria-controls="members"
    @click=${toggle}
  >
    ${icons.people} ${i18n.t('chat.membersCount', { count: channel.presenceCount ?? channel.presence.size })}
  </button>`;
}

export interface ThreadPanel {
  name: string;
  side: ChannelController;
  context: MessageListContext;
  i18n: I18n;
  canSend: boolean;
  /** Sending cannot succeed for now (a timeout, slowmode), and why. */
  blocked: boolean;
  notice: string;
  people: { id: string; name: string }[];
  /** The member's id (the emoji picker keeps their skin tone under it). */
  user: string | undefined;
  replyingTo: { id: string; name: string } | undefined;
  close(): void;
  send(body: string): void;
  cancelReply(): void;
}

export function renderThreadPanel(t: ThreadPanel): TemplateResult {
  return html`<aside part="thread" class="thread" aria-labelledby="thread-title">
    <header class="channel-header">
      <h2 id="thread-title">${icons.thread} ${t.name}</h2>
      <button type="button" aria-label=${t.i18n.t('chat.closeThread')} @click=${t.close}>
        ${icons.close}
      </button>
    </header>
    <div class="scroller">${renderMessageList(t.context)}</div>
    ${renderTyping(t.side, t.i18n)}
    <hub-chat-composer
      .i18n=${t.i18n}
      .people=${t.people}
      .user=${t.user}
      .replyingTo=${t.replyingTo}
      label=${t.i18n.t('chat.composerThread')}
      ?disabled=${!t.canSend}
      ?blocked=${t.blocked}
      notice=${t.notice}
      @compose-send=${(e: CustomEvent<{ body: string }>) => t.send(e.detail.body)}
      @compose-typing=${() => t.side.notifyTyping()}
      @compose-cancel-reply=${t.cancelReply}
    ></hub-chat-composer>
  </aside>`;
}
