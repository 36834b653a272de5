// The message list of <hub-chat> and of its thread panel, windowed (../virtual-window.ts: only
// the rows near the viewport are in the DOM, earlier pages load as the member scrolls up), with
// day separators, the "new messages" divider at the last-read point, replies, reactions, edits,
// pins, threads and the member's own sends (pending, sent, failed with retry). Keyboard: the
// list is a region with one tab stop; ArrowUp/ArrowDown/Home/End move between all the messages
// held (the focused one stays rendered wherever it is), Tab enters a message's actions.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage } from '../../shared/message-store.js';
import { dayKey, type I18n } from '../../shared/i18n/i18n.js';
import { EMOJI } from './composer.js';
import { icons } from '../../shared/icons.js';
import type { MessageWindow, WindowRow } from '../virtual-window.js';
import { describeFailure } from '../send-failure.js';
import type { BodyRenderer } from '../body-format.js';
import { renderAvatar } from '../../shared/avatar.js';
import type { HubApi } from '../../shared/api.js';

export interface MessageListContext {
  id: string;
  label: string;
  messages: ChatMessage[];
  /** Which rows are in the DOM. */
  window: MessageWindow;
  canLoadEarlier: boolean;
  loadingEarlier: boolean;
  i18n: I18n;
  meId: string | undefined;
  lastReadOffset: number;
  focusedId: string | undefined;
  editingId: string | undefined;
  reactingId: string | undefined;
  /** The reacting message shows the full emoji picker, not only the quick reactions. */
  reactingMore: boolean;
  canPin: boolean;
  canManage: boolean;
  inThread: boolean;
  threadNames: Map<string, string>;
  nameOf: (userId: string) => string;
  /** The markdown renderer, once its chunk has loaded; plain text until then. */
  format: BodyRenderer | undefined;
  find: (id: string) => ChatMessage | undefined;
  on: MessageActions;
  /** For the attachments' signed links: the API and the list's channel. */
  api: HubApi | undefined;
  channelId: string;
}

export interface MessageActions {
  loadEarlier(): void;
  focus(id: string): void;
  keydown(e: KeyboardEvent): void;
  reply(m: ChatMessage): void;
  toggleReactions(m: ChatMessage): void;
  /** Opens (loading its chunk) or closes the full emoji picker of the reacting message. */
  moreReactions(m: ChatMessage, open: boolean): void;
  react(m: ChatMessage, emoji: string, on: boolean): void;
  edit(m: ChatMessage): void;
  saveEdit(m: ChatMessage, body: string): void;
  cancelEdit(): void;
  remove(m: ChatMessage): void;
  pin(m: ChatMessage, on: boolean): void;
  report(m: ChatMessage): void;
  thread(m: ChatMessage): void;
  retry(m: ChatMessage): void;
  discard(m: ChatMessage): void;
  /** A send that cannot succeed as written: its text back to the composer, the row gone. */
  reviseFailed(m: ChatMessage): void;
}

const MENTION = /<@&?([A-Za-z0-9_-]{1,64})>/g;

/** The body with its markdown, or as text until the renderer loads; mentions as names; never HTML. */
function renderBody(body: string, ctx: MessageListContext): unknown {
  const mention = (id: string) =>
    html`<span class="mention ${id === ctx.meId ? 'me' : ''}">@${ctx.nameOf(id)}</span>`;
  if (ctx.format) return ctx.format(body, mention);
  return body.split(MENTION).map((part, i) => (i % 2 ? mention(part) : part));
}

function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function renderActions(m: ChatMessage, ctx: MessageListContext): TemplateResult {
  const { i18n } = ctx;
  const mine = m.author.id === ctx.meId;
  return html`<div class="actions" part="message-actions" role="group" aria-label=${m.author.name}>
    <button
      type="button"
      aria-label=${i18n.t('chat.react')}
      aria-expanded=${ctx.reactingId === m.id ? 'true' : 'false'}
      @click=${() => ctx.on.toggleReactions(m)}
    >
      ${icons.addReaction}
    </button>
    <button type="button" @click=${() => ctx.on.reply(m)}>${i18n.t('chat.reply')}</button>
    ${
      !ctx.inThread
        ? html`<button type="button" @click=${() => ctx.on.thread(m)}>
            ${m.threadId ? i18n.t('chat.openThread') : i18n.t('chat.startThread')}
          </button>`
        : nothing
    }
    ${mine ? html`<button type="button" @click=${() => ctx.on.edit(m)}>${i18n.t('chat.edit')}</button>` : nothing}
    ${
      mine || ctx.canManage
        ? html`<button type="button" @click=${() => ctx.on.remove(m)}>${i18n.t('chat.delete')}</button>`
        : nothing
    }
    ${
      ctx.canPin
        ? html`<button type="button" @click=${() => ctx.on.pin(m, !m.pinned)}>
            ${m.pinned ? i18n.t('chat.unpin') : i18n.t('chat.pin')}
          </button>`
        : nothing
    }
    ${
      !mine
        ? html`<button type="button" class="report" @click=${() => ctx.on.report(m)}>
            ${i18n.t('chat.report')}
          </button>`
        : nothing
    }
  </div>`;
}

function renderReactions(m: ChatMessage, ctx: MessageListContext): TemplateResult | typeof nothing {
  const { i18n } = ctx;
  const picker =
    ctx.reactingId === m.id
      ? html`<div class="picker" role="group" aria-label=${i18n.t('chat.react')}>
          ${EMOJI.map(
            (e) =>
              html`<button
                type="button"
                aria-label=${i18n.t('chat.reactWith', { emoji: e })}
                @click=${() => ctx.on.react(m, e, !m.reactions.some((r) => r.emoji === e && r.me))}
              >
                ${e}
              </button>`,
          )}
          <button
            type="button"
            class="more"
            aria-label=${i18n.t('chat.moreEmoji')}
            aria-expanded=${ctx.reactingMore ? 'true' : 'false'}
            @click=${() => ctx.on.moreReactions(m, !ctx.reactingMore)}
          >
            …
          </button>
          ${
            ctx.reactingMore
              ? html`<hub-emoji-picker
                  .locale=${i18n.locale}
                  .user=${ctx.meId ?? ''}
                  @emoji-pick=${(e: CustomEvent<{ emoji: string }>) =>
                    ctx.on.react(
                      m,
                      e.detail.emoji,
                      !m.reactions.some((r) => r.emoji === e.detail.emoji && r.me),
                    )}
                  @emoji-close=${() => ctx.on.moreReactions(m, false)}
                ></hub-emoji-picker>`
              : nothing
          }
        </div>`
      : nothing;
  if (m.reactions.length === 0 && picker === nothing) return nothing;
  return html`<div class="reactions" part="reactions">
    ${m.reactions.map(
      (r) =>
        html`<button
          type="button"
          part="reaction"
          class="reaction ${r.me ? 'mine' : ''}"
          aria-pressed=${r.me ? 'true' : 'false'}
          aria-label=${i18n.t('chat.reactionCount', {
            emoji: r.emoji,
            count: r.count,
            mine: i18n.t(r.me ? 'chat.reactionMine' : 'chat.reactionOthers'),
          })}
          @click=${() => ctx.on.react(m, r.emoji, !r.me)}
        >
          ${r.emoji} <span class="count">${i18n.number(r.count)}</span>
        </button>`,
    )}
    ${picker}
  </div>`;
}

/**
 * A send's state under it: Sending…, held for review, removed by a moderator (with the reason),
 * or why it failed in words, with Retry only
 * when a retry can succeed (after a wait, counted down), and Edit when only new text can.
 */
function renderStatus(m: ChatMessage, ctx: MessageListContext): TemplateResult | typeof nothing {
  const { i18n } = ctx;
  if (m.status === 'pending')
    return html`<span class="status pending" part="send-status">${i18n.t('chat.pending')}</span>`;
  if (m.status === 'held')
    return html`<span class="status held" part="send-status" data-code="held"
      >${i18n.t(m.error ? 'chat.removed' : 'chat.held', { reason: m.error?.message ?? '' })}</span
    >`;
  if (m.status !== 'failed') return nothing;
  const failure = describeFailure(m.error, m.body, i18n);
  return html`<div class="status failed" part="send-status" role="alert" data-code=${m.error?.code ?? ''}>
    <span class="reason">${failure.text}</span>
    ${
      failure.canRetry
        ? html`<button type="button" @click=${() => ctx.on.retry(m)}>${i18n.t('chat.retry')}</button>`
        : nothing
    }
    ${
      failure.final
        ? html`<button type="button" @click=${() => ctx.on.reviseFailed(m)}>${i18n.t('send.edit')}</button>`
        : nothing
    }
    <button type="button" @click=${() => ctx.on.discard(m)}>${i18n.t('chat.discard')}</button>
  </div>`;
}

/** The attachment list's chunk, imported the first time a message with files is shown. */
let attachmentList: Promise<unknown> | undefined;
function loadAttachmentList(): void {
  attachmentList ??= import('../attachments/attachment-list.js');
}

/** Messages of one author this close together share the first one's header. */
const GROUP_MS = 5 * 60_000;

/** `grouped`: follows its author's previous message closely, so its header is only spoken. */
function renderMessage(m: ChatMessage, ctx: MessageListContext, grouped = false): TemplateResult {
  const { i18n } = ctx;
  const replyTo = m.replyToId ? ctx.find(m.replyToId) : undefined;
  const mentioned = m.mentions.everyone || (ctx.meId !== undefined && m.mentions.userIds.includes(ctx.meId));
  const editing = ctx.editingId === m.id;
  if (m.attachments?.length) loadAttachmentList();
  return html`<article
    part="message"
    class="message ${m.status} ${mentioned ? 'mentioned' : ''} ${m.pinned ? 'pinned' : ''} ${grouped ? 'grouped' : ''}"
    data-id=${m.id}
    data-row=${m.id}
    data-kind="message"
    tabindex=${ctx.focusedId === m.id ? 0 : -1}
    aria-labelledby="author-${m.id}"
    aria-describedby="body-${m.id}"
    @focus=${(e: FocusEvent) => {
      if (e.target === e.currentTarget) ctx.on.focus(m.id);
    }}
  >
    ${
      m.replyToId
        ? html`<div class="reply-to">
            ${icons.reply}
            ${
              replyTo
                ? i18n.t('chat.replyTo', { name: replyTo.author.name, excerpt: excerpt(replyTo.body, 60) })
                : i18n.t('chat.unknownMessage')
            }
          </div>`
        : nothing
    }
    ${grouped ? nothing : renderAvatar(m.author.id, m.author.name, m.author.picture)}
    <header class=${grouped ? 'visually-hidden' : ''}>
      <span class="author" id="author-${m.id}" part="author">${m.author.name}</span>
      <time datetime=${new Date(m.createdAt).toISOString()} title=${i18n.stamp(m.createdAt)}
        >${i18n.time(m.createdAt)}</time
      >
      ${m.pinned ? html`<span class="pin-flag" part="pin-flag">${icons.pin} ${i18n.t('chat.pinned')}</span>` : nothing}
    </header>
    ${
      editing
        ? html`<form
            class="edit"
            @submit=${(e: Event) => {
              e.preventDefault();
              const area = (e.currentTarget as HTMLFormElement).querySelector('textarea');
              ctx.on.saveEdit(m, area?.value ?? m.body);
            }}
          >
            <textarea
              aria-label=${i18n.t('chat.editMessage')}
              .value=${m.body}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Escape') ctx.on.cancelEdit();
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  (e.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
                }
              }}
            ></textarea>
            <button class="primary" type="submit">${i18n.t('chat.save')}</button>
            <button type="button" @click=${() => ctx.on.cancelEdit()}>${i18n.t('chat.cancel')}</button>
          </form>`
        : html`<div class="body" id="body-${m.id}" part="body">
            <span class="text">${renderBody(m.body, ctx)}</span>
            ${
              m.editedAt
                ? html`<span class="edited" title=${i18n.stamp(m.editedAt)}>${i18n.t('chat.edited')}</span>`
                : nothing
            }
          </div>`
    }
    ${
      m.attachments?.length
        ? html`<hub-chat-attachments
            .message=${m}
            .api=${ctx.api}
            .i18n=${i18n}
            .channelId=${ctx.channelId}
          ></hub-chat-attachments>`
        : nothing
    }
    ${renderReactions(m, ctx)}
    ${
      m.threadId && !ctx.inThread
        ? html`<button type="button" class="thread-link" part="thread-link" @click=${() => ctx.on.thread(m)}>
            ${icons.thread}
            ${
              ctx.threadNames.has(m.threadId)
                ? i18n.t('chat.threadReplies', { name: ctx.threadNames.get(m.threadId) ?? '' })
                : i18n.t('chat.openThread')
            }
          </button>`
        : nothing
    }
    ${renderStatus(m, ctx)} ${m.status === 'sent' && !editing ? renderActions(m, ctx) : nothing}
  </article>`;
}

interface Row extends WindowRow {
  view: () => TemplateResult;
}

/** Every row of the list: messages, a separator before each day, the divider before the first unread. */
function rowsOf(ctx: MessageListContext): Row[] {
  const { i18n } = ctx;
  const rows: Row[] = [];
  let previousDay = '';
  let dividerShown = false;
  let previous: ChatMessage | undefined;
  for (const m of ctx.messages) {
    const day = dayKey(m.createdAt);
    if (day !== previousDay) {
      const key = `day-${day}`;
      rows.push({
        key,
        kind: 'separator',
        view: () =>
          html`<div
            class="separator"
            role="separator"
            part="day-separator"
            data-row=${key}
            data-kind="separator"
          >
            <span>${i18n.day(m.createdAt)}</span>
          </div>`,
      });
      previousDay = day;
      previous = undefined;
    }
    const unread =
      !dividerShown &&
      ctx.lastReadOffset > 0 &&
      m.status === 'sent' &&
      m.offset > ctx.lastReadOffset &&
      m.author.id !== ctx.meId;
    if (unread) {
      dividerShown = true;
      previous = undefined;
      rows.push({
        key: 'new-divider',
        kind: 'separator',
        view: () =>
          html`<div
            class="separator new"
            role="separator"
            part="new-divider"
            data-row="new-divider"
            data-kind="separator"
          >
            <span>${i18n.t('chat.newMessages')}</span>
          </div>`,
      });
    }
    const grouped =
      previous?.author.id === m.author.id && !m.replyToId && m.createdAt - previous.createdAt < GROUP_MS;
    previous = m;
    rows.push({ key: m.id, kind: 'message', view: () => renderMessage(m, ctx, grouped) });
  }
  return rows;
}

export function renderMessageList(ctx: MessageListContext): TemplateResult {
  const { i18n } = ctx;
  const rows = rowsOf(ctx);
  const slots = ctx.window.layout(rows, [ctx.focusedId, ctx.editingId, ctx.reactingId]);
  return html`<div
    class="messages"
    part="message-list"
    role="region"
    id=${ctx.id}
    aria-label=${ctx.label}
    aria-busy=${ctx.loadingEarlier ? 'true' : 'false'}
    @keydown=${ctx.on.keydown}
  >
    ${
      ctx.canLoadEarlier
        ? html`<button type="button" class="load-earlier" @click=${() => ctx.on.loadEarlier()}>
            ${i18n.t('chat.loadEarlier')}
          </button>`
        : nothing
    }
    ${repeat(
      slots,
      (slot) => ('index' in slot ? (rows[slot.index]?.key ?? '') : slot.key),
      (slot) =>
        'index' in slot
          ? (rows[slot.index]?.view() ?? nothing)
          : html`<div
              class="gap"
              data-row=${slot.key}
              aria-hidden="true"
              style="height: ${slot.gap}px"
            ></div>`,
    )}
  </div>`;
}
