// Defines <hub-live-session>. Import this module (or load dist/hub-live-session.js) to use the element.
import { HubLiveSession } from './hub-live-session.component.js';

export { HubLiveSession };

if (!customElements.get('hub-live-session')) customElements.define('hub-live-session', HubLiveSession);

declare global {
  interface HTMLElementTagNameMap {
    'hub-live-session': HubLiveSession;
  }
}
