// Opening a message's thread in <hub-chat>'s side panel: the thread it has, or a new one started
// on the hub and named after the message; the panel's chunk loads meanwhile, and the thread's
// composer takes focus once the panel has rendered.
import type { HubClient } from '../../realtime/client/index.js';
import type { HubApi } from '../shared/api.js';
import type { ChannelController } from '../shared/channel-controller.js';
import type { I18n } from '../shared/i18n/i18n.js';
import type { ChatMessage } from '../shared/message-store.js';
import type { HubChatComposer } from './parts/composer.js';
import type { SideParts } from './side-parts-loader.js';
import type { MessageWindow } from './virtual-window.js';

/** What opening a thread needs of <hub-chat>. */
export interface ThreadHost extends HTMLElement {
  thread: { id: string; name: string } | undefined;
  readonly main: ChannelController;
  readonly side: ChannelController;
  readonly sideWindow: MessageWindow;
  readonly i18n: I18n;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  showError(err: unknown): void;
  /** The side panels' chunk. */
  readonly parts: SideParts;
}

/** Opens `m`'s thread, over the chat's connection, in the open community and channel. */
export function openThread(
  chat: ThreadHost,
  m: ChatMessage,
  client: HubClient,
  api: HubApi,
  communityId: string,
  channelId: string,
): void {
  const parts = chat.parts.load().catch((err: unknown) => chat.showError(err));
  const open = (threadId: string, name: string) => {
    chat.thread = { id: threadId, name };
    chat.sideWindow.reset();
    chat.side.open(client, api, communityId, threadId);
    chat.requestUpdate();
    // Once the panel has rendered (its chunk loaded), the thread's composer takes focus.
    void parts
      .then(() => chat.updateComplete)
      .then(() => chat.renderRoot.querySelector<HubChatComposer>('.thread hub-chat-composer')?.focus());
  };
  if (m.threadId)
    return open(m.threadId, chat.main.store.threadNames.get(m.threadId) ?? chat.i18n.t('chat.thread'));
  const name = m.body.replace(/\s+/g, ' ').slice(0, 60) || chat.i18n.t('chat.thread');
  api.startThread(channelId, m.id, name).then(
    (r) => open(r.threadId, name),
    (err: Error) => chat.showError(err),
  );
}
