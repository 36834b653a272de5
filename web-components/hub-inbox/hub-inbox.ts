// Defines <hub-inbox>. Import this module (or load dist/hub-inbox.js) to use the element.
import { HubInbox } from './hub-inbox.component.js';

export { HubInbox };

if (!customElements.get('hub-inbox')) customElements.define('hub-inbox', HubInbox);

declare global {
  interface HTMLElementTagNameMap {
    'hub-inbox': HubInbox;
  }
}
