// Defines <hub-chat>. Import this module (or load dist/hub-chat.js) to use the element.
import { HubChat } from './hub-chat.component.js';

export { HubChat };
export type { HubEventMap } from '../shared/events.js';
export type { TokenProvider } from '../shared/api.js';

if (!customElements.get('hub-chat')) customElements.define('hub-chat', HubChat);

declare global {
  interface HTMLElementTagNameMap {
    'hub-chat': HubChat;
  }
}
