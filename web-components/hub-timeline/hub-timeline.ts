// Defines <hub-timeline>. Import this module (or load dist/hub-timeline.js) to use the element.
import { HubTimeline } from './hub-timeline.component.js';

export { HubTimeline };

if (!customElements.get('hub-timeline')) customElements.define('hub-timeline', HubTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'hub-timeline': HubTimeline;
  }
}
