// The widgets' design tokens: CSS custom properties with light defaults, dark values under
// `theme="dark"` (or `theme="auto"` and a dark system preference). A host page overrides any
// `--hub-*` property on the element; nothing else leaks in or out of the shadow roots.
import { css } from 'lit';

/**
 * The design tokens, on a widget's host: light defaults, dark under `theme="dark"`; and the
 * host's frame (border, corners, a size container for the widgets' container queries).
 */
export const tokenStyles = css`
  :host {
    --hub-font: system-ui, -apple-system, 'Segoe UI', sans-serif;
    --hub-font-size: 0.9375rem;
    --hub-radius: 8px;
    --hub-bg: #ffffff;
    --hub-surface: #f4f5f7;
    --hub-surface-2: #e9ebef;
    --hub-text: #1c1e21;
    --hub-muted: #5b616e;
    --hub-border: #d3d7de;
    --hub-accent: #3451b2;
    --hub-accent-text: #ffffff;
    --hub-mention-bg: #fff3c4;
    --hub-danger: #b42318;
    --hub-success: #1a7f37;
    --hub-warning: #8a5a00;
    --hub-focus: #1f6feb;
    --hub-online: #1a7f37;
    --hub-idle: #b07800;
    --hub-dnd: #c62828;
    display: block;
    box-sizing: border-box;
    border: 1px solid var(--hub-border);
    border-radius: var(--hub-radius);
    overflow: hidden;
    container-type: inline-size;
    font-family: var(--hub-font);
    font-size: var(--hub-font-size);
    color: var(--hub-text);
    background: var(--hub-bg);
    color-scheme: light;
  }
  :host([theme='dark']) {
    --hub-bg: #17191e;
    --hub-surface: #1f2229;
    --hub-surface-2: #2a2e37;
    --hub-text: #e8eaed;
    --hub-muted: #a9b0bc;
    --hub-border: #3a3f4a;
    --hub-accent: #8ea2ff;
    --hub-accent-text: #10131a;
    --hub-mention-bg: #4a3f12;
    --hub-danger: #ff8a80;
    --hub-success: #7ee2a8;
    --hub-warning: #ffd27a;
    --hub-focus: #8ab4ff;
    --hub-online: #57d98a;
    --hub-idle: #ffc24d;
    --hub-dnd: #ff7a7a;
    color-scheme: dark;
  }
`;

/** What every shadow root of the widgets shares: controls, focus ring, helpers, the connection banner. */
export const baseStyles = css`
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--hub-focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    border: 1px solid var(--hub-border);
    background: var(--hub-surface);
    border-radius: calc(var(--hub-radius) / 2);
    padding: 0.25rem 0.6rem;
  }
  button:hover {
    background: var(--hub-surface-2);
  }
  button.primary {
    background: var(--hub-accent);
    color: var(--hub-accent-text);
    border-color: var(--hub-accent);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  input,
  textarea,
  select {
    font: inherit;
    color: var(--hub-text);
    background: var(--hub-bg);
    border: 1px solid var(--hub-border);
    border-radius: calc(var(--hub-radius) / 2);
    padding: 0.35rem 0.5rem;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .banner {
    padding: 0.4rem 0.75rem;
    background: var(--hub-surface-2);
    border-bottom: 1px solid var(--hub-border);
    display: flex;
    gap: 0.75rem;
    align-items: center;
  }
  .error {
    color: var(--hub-danger);
  }
  /* The connection banner (connection-banner.ts). */
  .connection .dot {
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    background: var(--hub-idle);
  }
  .connection.offline .dot,
  .connection.closed .dot {
    background: var(--hub-danger);
  }
  .connection .queued {
    color: var(--hub-muted);
  }
`;

/** A widget's own styles start with these. */
export const themeStyles = [tokenStyles, baseStyles];
