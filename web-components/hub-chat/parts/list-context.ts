// What <hub-chat>'s message lists (message-list.ts) render from: the channel's or the thread's
// messages, their window, the member's permissions in the channel, the message focused, edited or
// reacted to, and the handlers of the member's actions (actions.ts).
import type { ApiChannel } from '../../shared/api.js';
import type { ChannelController } from '../../shared/channel-controller.js';
import type { BodyFormat } from '../body-format.js';
import type { MessageWindow } from '../virtual-window.js';
import { messageActions, type ChatActionsHost } from './actions.js';
import type { MessageListContext } from './message-list.js';

/** What a list's context needs of <hub-chat>. */
export interface ListContextHost extends ChatActionsHost {
  readonly current: ApiChannel | undefined;
  readonly thread: { id: string; name: string } | undefined;
  readonly main: ChannelController;
  readonly mainWindow: MessageWindow;
  readonly sideWindow: MessageWindow;
  readonly lastReadOffset: number;
  nameOf(userId: string): string;
  /** The markdown renderer's loader. */
  readonly bodies: BodyFormat;
}

/** The context of one message list (the channel's, or the thread's). */
export function listContext(
  chat: ListContextHost,
  target: ChannelController,
  inThread: boolean,
  meId: string | undefined,
): MessageListContext {
  const perms = new Set(chat.current?.permissions ?? []);
  const messages = target.store.list();
  const focused =
    chat.focusedId && messages.some((m) => m.id === chat.focusedId) ? chat.focusedId : messages.at(-1)?.id;
  return {
    id: inThread ? 'thread-messages' : 'channel-messages',
    label: inThread
      ? chat.i18n.t('chat.threadReplies', { name: chat.thread?.name ?? '' })
      : chat.i18n.t('chat.messages', { channel: chat.current?.name ?? '' }),
    messages,
    window: inThread ? chat.sideWindow : chat.mainWindow,
    canLoadEarlier: target.store.nextBefore !== null,
    loadingEarlier: target.loadingEarlier,
    i18n: chat.i18n,
    meId,
    lastReadOffset: inThread ? 0 : chat.lastReadOffset,
    focusedId: focused,
    editingId: chat.editingId,
    reactingId: chat.reactingId,
    reactingMore: chat.reactingMore,
    canPin: perms.has('PIN_MESSAGES') || perms.has('ADMINISTRATOR'),
    canManage: perms.has('MANAGE_MESSAGES') || perms.has('ADMINISTRATOR'),
    inThread,
    threadNames: chat.main.store.threadNames,
    nameOf: (id) => chat.nameOf(id),
    format: chat.bodies.render,
    find: (id) => target.store.get(id) ?? chat.main.store.get(id),
    on: messageActions(chat, target, inThread),
    api: chat.api,
    channelId: target.channelId,
  };
}
