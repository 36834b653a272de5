// Sending in <hub-chat>: the composer's text in the open channel or thread (the reply it answers
// taken off the composer, the list kept at the bottom), a failed message sent again, and a
// failure's `hub-message-failed` event, with the wait the hub asked for handed to the send guard.
import type { ApiAttachment } from '../shared/api.js';
import type { ChannelController } from '../shared/channel-controller.js';
import { emit } from '../shared/events.js';
import type { ChatMessage } from '../shared/message-store.js';
import type { SendGuard } from './send-guard.js';
import type { MessageWindow } from './virtual-window.js';

/** What sending needs of <hub-chat>. */
export interface SenderHost extends HTMLElement {
  readonly main: ChannelController;
  readonly side: ChannelController;
  readonly mainWindow: MessageWindow;
  readonly sideWindow: MessageWindow;
  replyTo: ChatMessage | undefined;
  threadReplyTo: ChatMessage | undefined;
  /** Timeouts, rate limits and slowmode the hub answered with. */
  readonly guard: SendGuard;
}

/** Sends the composer's text in the open channel or thread. */
export async function sendMessage(
  chat: SenderHost,
  body: string,
  inThread: boolean,
  attachments: ApiAttachment[],
): Promise<void> {
  const target = inThread ? chat.side : chat.main;
  const replyTo = inThread ? chat.threadReplyTo : chat.replyTo;
  if (inThread) chat.threadReplyTo = undefined;
  else chat.replyTo = undefined;
  (inThread ? chat.sideWindow : chat.mainWindow).atBottom = true;
  const channelId = target.channelId;
  try {
    const offset = await target.send(body, replyTo?.id ?? null, undefined, attachments);
    emit(chat, 'hub-message-sent', { channelId, offset });
  } catch (err) {
    sendFailed(chat, channelId, err);
  }
}

/** Sends a failed message again. */
export function retryMessage(chat: SenderHost, m: ChatMessage, inThread: boolean): void {
  if (!m.nonce) return;
  const target = inThread ? chat.side : chat.main;
  const channelId = target.channelId;
  target
    .send(m.body, m.replyToId, m.nonce, m.attachments ?? [])
    .then((offset) => emit(chat, 'hub-message-sent', { channelId, offset }))
    .catch((err: unknown) => sendFailed(chat, channelId, err));
}

function sendFailed(chat: SenderHost, channelId: string, err: unknown): void {
  const e = err as { code?: string; message?: string; retryAfterMs?: number };
  const code = e.code ?? 'internal';
  const message = e.message ?? '';
  if (typeof e.retryAfterMs === 'number')
    chat.guard.failed(channelId, { code, message, retryAt: Date.now() + e.retryAfterMs });
  emit(chat, 'hub-message-failed', {
    channelId,
    code,
    message,
    ...(typeof e.retryAfterMs === 'number' ? { retryAfterMs: e.retryAfterMs } : {}),
  });
}
