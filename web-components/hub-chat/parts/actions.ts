// What the member can do to a message in <hub-chat>'s lists, and the list's arrow-key
// navigation: the handlers the message list (parts/message-list.ts) calls.
import { emit } from '../../shared/events.js';
import type { ChannelController } from '../../shared/channel-controller.js';
import type { HubApi } from '../../shared/api.js';
import type { I18n } from '../../shared/i18n/i18n.js';
import type { ChatMessage } from '../../shared/message-store.js';
import type { HubChatComposer } from './composer.js';
import type { ChatDialog } from './dialog.js';
import type { MessageActions } from './message-list.js';

/** The state and services of <hub-chat> the handlers use. */
export interface ChatActionsHost extends HTMLElement {
  api: HubApi | undefined;
  i18n: I18n;
  dialog: ChatDialog;
  renderRoot: HTMLElement | DocumentFragment;
  updateComplete: Promise<boolean>;
  focusedId: string | undefined;
  editingId: string | undefined;
  reactingId: string | undefined;
  reactingMore: boolean;
  replyTo: ChatMessage | undefined;
  threadReplyTo: ChatMessage | undefined;
  info: string;
  requestUpdate(): void;
  showError(err: unknown): void;
  focusMessage(id: string): void;
  openThread(m: ChatMessage): void;
  retry(m: ChatMessage, inThread: boolean): void;
}

export function messageActions(
  chat: ChatActionsHost,
  target: ChannelController,
  inThread: boolean,
): MessageActions {
  const api = () => chat.api;
  const run = (p: Promise<unknown> | undefined) => void p?.catch((err: unknown) => chat.showError(err));
  return {
    loadEarlier: () => run(target.loadEarlier()),
    focus: (id) => {
      chat.focusedId = id;
      chat.requestUpdate();
    },
    keydown: (e) =>
      listKeydown(
        e,
        target.store.list().map((m) => m.id),
        (id) => chat.focusMessage(id),
      ),
    reply: (m) => {
      if (inThread) chat.threadReplyTo = m;
      else chat.replyTo = m;
      chat.requestUpdate();
      void chat.updateComplete.then(() =>
        chat.renderRoot
          .querySelector<HubChatComposer>(inThread ? '.thread hub-chat-composer' : '.main hub-chat-composer')
          ?.focus(),
      );
    },
    toggleReactions: (m) => {
      chat.reactingId = chat.reactingId === m.id ? undefined : m.id;
      chat.reactingMore = false;
      chat.requestUpdate();
    },
    moreReactions: (m, open) => {
      if (!open) {
        chat.reactingMore = false;
        chat.reactingId = undefined;
        chat.requestUpdate();
        chat.focusMessage(m.id);
        return;
      }
      // The picker is a chunk of its own, loaded on first use (as the composer's).
      void import('../emoji/emoji-picker.js').then(() => {
        chat.reactingMore = chat.reactingId === m.id;
        chat.requestUpdate();
      });
    },
    react: (m, emoji, on) => {
      chat.reactingId = undefined;
      chat.reactingMore = false;
      chat.requestUpdate();
      run(api()?.react(target.channelId, m.id, emoji, on));
    },
    edit: (m) => {
      chat.editingId = m.id;
      chat.requestUpdate();
      void chat.updateComplete.then(() =>
        chat.renderRoot.querySelector<HTMLTextAreaElement>('form.edit textarea')?.focus(),
      );
    },
    saveEdit: (m, body) => {
      chat.editingId = undefined;
      chat.requestUpdate();
      if (body.trim() && body.trim() !== m.body) run(api()?.edit(target.channelId, m.id, body.trim()));
      chat.focusMessage(m.id);
    },
    cancelEdit: () => {
      const id = chat.editingId;
      chat.editingId = undefined;
      chat.requestUpdate();
      if (id) chat.focusMessage(id);
    },
    remove: (m) => chat.dialog.confirmDelete(m, () => run(api()?.remove(target.channelId, m.id))),
    pin: (m, on) => run(api()?.pin(target.channelId, m.id, on)),
    report: (m) =>
      chat.dialog.report(m, (reason) =>
        api()
          ?.report(target.channelId, m.id, reason)
          .then(() => {
            chat.info = chat.i18n.t('chat.reportSent');
            emit(chat, 'hub-message-reported', { channelId: target.channelId, messageId: m.id });
          }),
      ),
    thread: (m) => chat.openThread(m),
    retry: (m) => chat.retry(m, inThread),
    discard: (m) => {
      if (m.nonce) target.store.discard(m.nonce);
      chat.requestUpdate();
    },
    reviseFailed: (m) => {
      if (m.nonce) target.store.discard(m.nonce);
      chat.requestUpdate();
      const composer = chat.renderRoot.querySelector<HubChatComposer>(
        inThread ? '.thread hub-chat-composer' : '.main hub-chat-composer',
      );
      composer?.setText(m.body);
      // Its files went back to pending when the hub refused it: they go with the revised text.
      void composer?.restoreFiles(m.attachments ?? []);
      composer?.focus();
    },
  };
}

/**
 * Arrow keys move between messages (roving tabindex), Home/End jump: over every message held
 * (`ids`, in order), not only the rendered ones, as the list is windowed.
 */
export function listKeydown(e: KeyboardEvent, ids: readonly string[], focus: (id: string) => void): void {
  const article = (e.target as HTMLElement).closest('article');
  if (!article || e.target !== article) return;
  const index = ids.indexOf(article.dataset['id'] ?? '');
  const next =
    e.key === 'ArrowDown'
      ? ids[index + 1]
      : e.key === 'ArrowUp'
        ? ids[index - 1]
        : e.key === 'Home'
          ? ids[0]
          : e.key === 'End'
            ? ids.at(-1)
            : undefined;
  if (index < 0 || next === undefined) return;
  e.preventDefault();
  focus(next);
}
