// Small inline SVG icons (stroke = currentColor), so the widgets' own controls never depend on
// the host's emoji font. Decorative: the controls carry their own labels.
import { svg, type SVGTemplateResult } from 'lit';

const icon = (body: SVGTemplateResult): SVGTemplateResult =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

export const icons = {
  smile: icon(
    svg`<circle cx="12" cy="12" r="9"/><path d="M8 14s1.5 2 4 2 4-2 4-2"/><path d="M9 9h.01M15 9h.01"/>`,
  ),
  addReaction: icon(
    svg`<circle cx="11" cy="12" r="8"/><path d="M7.5 14s1.3 1.8 3.5 1.8 3.5-1.8 3.5-1.8"/><path d="M8.5 9.5h.01M13.5 9.5h.01"/><path d="M19 2v5M16.5 4.5h5"/>`,
  ),
  people: icon(
    svg`<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20c.5-3.5 3.2-5.5 6.5-5.5s6 2 6.5 5.5"/><circle cx="17" cy="9" r="2.5"/><path d="M17 14.5c2.3 0 4 1.5 4.5 4"/>`,
  ),
  megaphone: icon(
    svg`<path d="M3 11v2a1 1 0 0 0 1 1h2l5 4V6L6 10H4a1 1 0 0 0-1 1z"/><path d="M15 9a4 4 0 0 1 0 6M18 6a8 8 0 0 1 0 12"/>`,
  ),
  hash: icon(svg`<path d="M5 9h14M5 15h14M10 4 8 20M16 4l-2 16"/>`),
  pin: icon(svg`<path d="M9 4h6l-1 5 3 3v2H7v-2l3-3z"/><path d="M12 14v6"/>`),
  thread: icon(svg`<path d="M4 5h16v10H9l-5 4z"/><path d="M8 9h8M8 12h5"/>`),
  menu: icon(svg`<path d="M4 6h16M4 12h16M4 18h16"/>`),
  close: icon(svg`<path d="M6 6l12 12M18 6 6 18"/>`),
  reply: icon(svg`<path d="M10 8 5 12l5 4"/><path d="M5 12h9a5 5 0 0 1 5 5v1"/>`),
  join: icon(
    svg`<circle cx="10" cy="8" r="4"/><path d="M3 20c.6-3.8 3.3-6 7-6s6.4 2.2 7 6"/><path d="M19 8v6M16 11h6"/>`,
  ),
  leave: icon(svg`<path d="M14 4h5v16h-5"/><path d="M10 8l-4 4 4 4M6 12h10"/>`),
  ban: icon(svg`<circle cx="12" cy="12" r="9"/><path d="M5.6 5.6l12.8 12.8"/>`),
  dot: icon(svg`<circle cx="12" cy="12" r="3"/>`),
} as const;
