// Defines <hub-mod-queue>. Import this module (or load dist/hub-mod-queue.js) to use the element.
import { HubModQueue } from './hub-mod-queue.component.js';

export { HubModQueue };

if (!customElements.get('hub-mod-queue')) customElements.define('hub-mod-queue', HubModQueue);

declare global {
  interface HTMLElementTagNameMap {
    'hub-mod-queue': HubModQueue;
  }
}
