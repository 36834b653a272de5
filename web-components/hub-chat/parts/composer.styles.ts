// The styles of <hub-chat-composer> (composer.ts): only the base styles and its own; the design
// tokens are inherited from the <hub-chat> host.
import { css } from 'lit';
import { baseStyles } from '../../shared/theme.js';

export const composerStyles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    form {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0.35rem;
      padding: 0.5rem 0.75rem 0.75rem;
      position: relative;
    }
    .row {
      display: flex;
      gap: 0.4rem;
      align-items: flex-end;
    }
    textarea {
      flex: 1;
      min-width: 0;
      resize: none;
      min-height: 2.5rem;
      max-height: 10rem;
      line-height: 1.4;
    }
    .replying {
      font-size: 0.85em;
      color: var(--hub-muted);
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    [role='listbox'] {
      position: absolute;
      bottom: 100%;
      left: 0.75rem;
      background: var(--hub-bg);
      border: 1px solid var(--hub-border);
      border-radius: var(--hub-radius);
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
      padding: 0.25rem;
      margin: 0;
      list-style: none;
      z-index: 2;
    }
    [role='option'] {
      padding: 0.3rem 0.6rem;
      border-radius: 4px;
      cursor: pointer;
    }
    [role='option'][aria-selected='true'] {
      background: var(--hub-accent);
      color: var(--hub-accent-text);
    }
    hub-emoji-picker {
      position: absolute;
      bottom: 100%;
      right: 0.75rem;
      z-index: 2;
    }
    .notice,
    .count {
      font-size: 0.85em;
      color: var(--hub-muted);
      margin: 0;
    }
    .notice {
      color: var(--hub-text);
      border-inline-start: 3px solid var(--hub-warning);
      padding-inline-start: 0.5rem;
    }
    .count {
      text-align: end;
    }
    .count.over {
      color: var(--hub-danger);
      text-align: start;
    }
    textarea[aria-invalid='true'] {
      border-color: var(--hub-danger);
    }
  `,
];
