// <hub-chat>'s thread side panel: the thread's name, a Close button, and what the chat renders
// for it (its message list, typing indicator and composer, which are the channel's own parts).
// In the side-parts chunk (../side-parts-loader.ts): loaded the first time a thread is opened.
import { html, type TemplateResult } from 'lit';
import type { I18n } from '../../shared/i18n/i18n.js';
import { icons } from '../../shared/icons.js';

export interface ThreadPanel {
  name: string;
  i18n: I18n;
  /** The thread's message list, typing indicator and composer. */
  content: TemplateResult;
  close(): void;
}

export function renderThreadPanel(t: ThreadPanel): TemplateResult {
  return html`<aside part="thread" class="thread" aria-labelledby="thread-title">
    <header class="channel-header">
      <h2 id="thread-title">${icons.thread} ${t.name}</h2>
      <button type="button" aria-label=${t.i18n.t('chat.closeThread')} @click=${t.close}>
        ${icons.close}
      </button>
    </header>
    ${t.content}
  </aside>`;
}
