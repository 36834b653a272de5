// The styles of <hub-chat>'s support view. No design tokens of its own: it sits in <hub-chat>'s
// shadow root and inherits its `--hub-*` properties (theme and host overrides alike).
import { css } from 'lit';
import { dropZoneStyles } from '../../shared/drop-zone.styles.js';
import { baseStyles } from '../../shared/theme.js';

export const styles = [
  baseStyles,
  dropZoneStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      min-width: 0;
      flex: 1;
      position: relative;
    }
    .support-header {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid var(--hub-border);
    }
    .support-header h2 {
      font-size: 1rem;
      margin: 0;
      flex: 1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .status {
      font-size: 0.75rem;
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      border: 1px solid var(--hub-border);
      background: var(--hub-surface);
      white-space: nowrap;
    }
    .status.open {
      color: var(--hub-success);
    }
    .status.pending,
    .status.snoozed {
      color: var(--hub-warning);
    }
    .status.resolved {
      color: var(--hub-muted);
    }
    .scroller {
      flex: 1;
      min-height: 0;
      overflow-y: auto;
      padding: 0.5rem 0.75rem;
    }
    ol,
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .message {
      margin: 0 0 0.6rem;
      max-width: 85%;
    }
    .message.member {
      margin-left: auto;
      text-align: right;
    }
    .message .meta {
      font-size: 0.75rem;
      color: var(--hub-muted);
    }
    .message .author {
      font-weight: 600;
      color: var(--hub-text);
      margin-right: 0.4rem;
    }
    .message .body {
      display: inline-block;
      margin: 0.15rem 0 0;
      padding: 0.4rem 0.6rem;
      border-radius: var(--hub-radius);
      background: var(--hub-surface);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      text-align: left;
    }
    .message.member .body {
      background: var(--hub-accent);
      color: var(--hub-accent-text);
    }
    .typing {
      min-height: 1.2rem;
      padding: 0 0.75rem;
      font-size: 0.8rem;
      color: var(--hub-muted);
      font-style: italic;
    }
    form,
    .resolved {
      display: flex;
      gap: 0.5rem;
      align-items: flex-end;
      padding: 0.5rem 0.75rem;
      border-top: 1px solid var(--hub-border);
    }
    form textarea {
      flex: 1;
      resize: vertical;
      min-height: 2.4rem;
    }
    form.composer {
      flex-direction: column;
      align-items: stretch;
    }
    form.composer .row {
      display: flex;
      gap: 0.5rem;
      align-items: flex-end;
    }
    .message.member hub-chat-attachments {
      justify-content: flex-end;
    }
    form.start {
      flex-direction: column;
      align-items: stretch;
      border-top: none;
      overflow-y: auto;
    }
    form.start label {
      display: flex;
      flex-direction: column;
      gap: 0.2rem;
      font-weight: 600;
    }
    form.start .actions {
      display: flex;
      gap: 0.5rem;
    }
    .resolved p {
      flex: 1;
      margin: 0;
      color: var(--hub-muted);
    }
    .item {
      display: flex;
      width: 100%;
      gap: 0.5rem;
      align-items: center;
      text-align: left;
      margin-bottom: 0.4rem;
      padding: 0.5rem 0.6rem;
    }
    .item .subject {
      flex: 1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .item .when {
      font-size: 0.75rem;
      color: var(--hub-muted);
    }
    .unseen {
      width: 0.6rem;
      height: 0.6rem;
      border-radius: 50%;
      background: var(--hub-accent);
    }
    .empty {
      color: var(--hub-muted);
    }
    .error {
      padding: 0.4rem 0.75rem;
      margin: 0;
    }
  `,
];
