// The styles of <hub-inbox>: the conversation list beside the open conversation; one column
// when narrow. Colours come from the shared tokens, so light and dark follow `theme`.
import { css } from 'lit';
import { dropZoneStyles } from '../shared/drop-zone.styles.js';
import { listDetailStyles } from '../shared/list-detail.styles.js';
import { themeStyles } from '../shared/theme.js';

export const styles = [
  ...themeStyles,
  listDetailStyles,
  dropZoneStyles,
  css`
    :host {
      --hub-note-bg: #fff6db;
      height: var(--hub-inbox-height, 40rem);
    }
    :host([theme='dark']) {
      --hub-note-bg: #3a3216;
    }
    .layout {
      display: grid;
      grid-template-columns: 19rem minmax(0, 1fr);
      height: 100%;
      position: relative;
    }
    @container (max-width: 44rem) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
        grid-auto-rows: minmax(12rem, auto);
        overflow-y: auto;
      }
    }
    .list header,
    .conv-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid var(--hub-border);
    }
    .filters {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 0.4rem 0.5rem;
      padding: 0.5rem 0.75rem;
    }
    .filters label,
    .actions label {
      display: grid;
      font-size: 0.8rem;
      color: var(--hub-muted);
      gap: 0.15rem;
    }
    .filters input,
    .filters select {
      min-width: 0;
    }
    .conv-list {
      list-style: none;
      margin: 0;
      padding: 0 0.4rem 0.5rem;
    }
    .conv-item {
      display: grid;
      width: 100%;
      text-align: left;
      gap: 0.1rem;
      margin: 0.2rem 0;
      background: var(--hub-bg);
    }
    .conv-item.selected {
      border-color: var(--hub-accent);
      box-shadow: inset 3px 0 var(--hub-accent);
    }
    .conv-item .subject {
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .conv-item .meta,
    .conv-item .labels {
      font-size: 0.8rem;
      color: var(--hub-muted);
    }
    .sla {
      font-size: 0.8rem;
      font-variant-numeric: tabular-nums;
      color: var(--hub-muted);
    }
    .sla.warning {
      color: var(--hub-warning);
      font-weight: 600;
    }
    .sla.overdue,
    .breached {
      color: var(--hub-danger);
      font-weight: 600;
    }
    .sla-list {
      display: grid;
      gap: 0.1rem;
    }
    .conversation {
      padding: 0 0 1rem;
    }
    .with-panel {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 17rem;
      align-items: start;
    }
    @container (max-width: 62rem) {
      .with-panel {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    .member-panel {
      /* Stays in view while the agent scrolls the conversation. */
      position: sticky;
      top: 0.75rem;
      margin: 0.75rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--hub-border);
      border-radius: var(--hub-radius);
      background: var(--hub-surface);
      font-size: 0.9rem;
      /* Its definition list lays out by the panel's own width (container queries below). */
      container-type: inline-size;
    }
    .member-panel h3,
    .member-panel h4 {
      margin: 0.25rem 0;
      font-size: 0.95rem;
    }
    /* Narrow (the panel beside the conversation): each label above its value, so values such as
       "In good standing" get the whole width. Wide (the panel below it): two columns whose
       labels take at most 40 % of the row. */
    .member-panel dl {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      margin: 0 0 0.5rem;
    }
    .member-panel dt {
      color: var(--hub-muted);
      font-size: 0.8rem;
    }
    .member-panel dd {
      margin: 0 0 0.35rem;
      overflow-wrap: anywhere;
    }
    @container (min-width: 24rem) {
      .member-panel dl {
        grid-template-columns: minmax(6rem, 40%) minmax(0, 1fr);
        gap: 0.2rem 0.75rem;
      }
      .member-panel dt {
        font-size: inherit;
      }
      .member-panel dd {
        margin: 0;
      }
    }
    .member-panel .flagged {
      color: var(--hub-danger);
      font-weight: 600;
    }
    .member-panel ul,
    .activity {
      margin: 0 0 0.5rem;
      padding-left: 1.1rem;
    }
    .activity {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 0.4rem;
    }
    .activity p {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .hidden-message {
      font-style: italic;
      color: var(--hub-muted);
    }
    .conversation > :not(header) {
      margin-left: 0.75rem;
      margin-right: 0.75rem;
    }
    .status {
      font-size: 0.8rem;
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      background: var(--hub-surface-2);
      white-space: nowrap;
    }
    .context dl {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 0.2rem 0.75rem;
      margin: 0;
    }
    .context dt {
      color: var(--hub-muted);
    }
    .context dd {
      margin: 0;
    }
    .label-chip {
      display: inline-block;
      font-size: 0.8rem;
      padding: 0 0.45rem;
      border: 1px solid var(--hub-border);
      border-radius: 999px;
    }
    .messages {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.4rem;
    }
    .msg {
      padding: 0.4rem 0.6rem;
      border-radius: var(--hub-radius);
      border: 1px solid var(--hub-border);
      max-width: 85%;
    }
    .msg.member {
      background: var(--hub-surface);
    }
    .msg.agent {
      justify-self: end;
      background: var(--hub-bg);
      border-color: var(--hub-accent);
    }
    .msg.note {
      justify-self: end;
      background: var(--hub-note-bg);
      border-style: dashed;
    }
    .msg p {
      margin: 0.2rem 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .msg-head {
      display: flex;
      gap: 0.5rem;
      align-items: baseline;
      font-size: 0.8rem;
      color: var(--hub-muted);
    }
    .msg-head .author {
      font-weight: 600;
      color: var(--hub-text);
    }
    .badge {
      font-weight: 600;
      color: var(--hub-warning);
    }
    .composer {
      display: grid;
      gap: 0.35rem;
      margin-top: 0.75rem;
      position: relative;
    }
    .composer textarea {
      width: 100%;
      resize: vertical;
    }
    .composer.note textarea {
      background: var(--hub-note-bg);
    }
    .mode {
      border: 0;
      padding: 0;
      margin: 0;
      display: flex;
      gap: 0.75rem;
    }
    .mode-option {
      display: inline-flex;
      gap: 0.3rem;
      align-items: center;
    }
    .mode-option.checked {
      font-weight: 600;
    }
    .composer-foot {
      display: flex;
      gap: 0.5rem;
      justify-content: space-between;
      align-items: center;
    }
    .hint {
      font-size: 0.8rem;
      flex: 1;
    }
    .canned {
      list-style: none;
      margin: 0;
      padding: 0.2rem;
      border: 1px solid var(--hub-border);
      border-radius: calc(var(--hub-radius) / 2);
      background: var(--hub-bg);
      max-height: 10rem;
      overflow-y: auto;
    }
    .canned [role='option'] {
      padding: 0.25rem 0.4rem;
      cursor: pointer;
      border-radius: calc(var(--hub-radius) / 2);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .canned [role='option'][aria-selected='true'] {
      background: var(--hub-accent);
      color: var(--hub-accent-text);
    }
    .canned-none {
      margin: 0;
      font-size: 0.8rem;
    }
    .actions .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: end;
      margin: 0.4rem 0;
    }
    .actions .inline {
      display: flex;
      gap: 0.4rem;
      align-items: end;
    }
    .actions input[type='number'] {
      width: 6rem;
    }
    .actions .grow {
      flex: 1 1 12rem;
    }
    .empty {
      padding: 0.75rem;
      margin: 0;
    }
  `,
];
