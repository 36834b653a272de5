// The styles of <hub-mod-queue>: the case list beside the open case; one column when narrow.
import { css } from 'lit';
import { listDetailStyles } from '../shared/list-detail.styles.js';
import { themeStyles } from '../shared/theme.js';

export const styles = [
  ...themeStyles,
  listDetailStyles,
  css`
    :host {
      height: var(--hub-mod-queue-height, 36rem);
    }
    .layout {
      display: grid;
      grid-template-columns: 17rem minmax(0, 1fr);
      height: 100%;
    }
    @container (max-width: 40rem) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    .list header,
    .case-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid var(--hub-border);
    }
    .filters {
      display: flex;
      gap: 0.5rem;
      padding: 0.5rem 0.75rem;
      flex-wrap: wrap;
    }
    .filters label {
      display: grid;
      font-size: 0.8rem;
      color: var(--hub-muted);
      gap: 0.15rem;
    }
    .case-list {
      list-style: none;
      margin: 0;
      padding: 0 0.4rem;
    }
    .case-item {
      display: grid;
      width: 100%;
      text-align: left;
      gap: 0.1rem;
      margin: 0.2rem 0;
      background: var(--hub-bg);
    }
    .case-item.selected {
      border-color: var(--hub-accent);
      box-shadow: inset 3px 0 var(--hub-accent);
    }
    .case-item .source {
      font-size: 0.75rem;
      font-weight: 700;
      text-transform: uppercase;
      color: var(--hub-accent);
    }
    .case-item .reason {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .case-item .when {
      font-size: 0.8rem;
      color: var(--hub-muted);
    }
    .more {
      margin: 0.5rem auto;
      display: block;
    }
    .case {
      padding: 0 0 1rem;
    }
    .case > :not(header) {
      margin-left: 0.75rem;
      margin-right: 0.75rem;
    }
    .status {
      font-size: 0.8rem;
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      background: var(--hub-surface-2);
    }
    .meta {
      color: var(--hub-muted);
    }
    .context {
      list-style: none;
      padding: 0;
      margin: 0;
      border: 1px solid var(--hub-border);
      border-radius: var(--hub-radius);
    }
    .ctx {
      padding: 0.35rem 0.6rem;
      border-bottom: 1px solid var(--hub-border);
    }
    .ctx:last-child {
      border-bottom: none;
    }
    .ctx.flagged {
      background: var(--hub-mention-bg);
      box-shadow: inset 3px 0 var(--hub-danger);
    }
    .ctx p {
      margin: 0.1rem 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .ctx time {
      color: var(--hub-muted);
      font-size: 0.8rem;
      margin-left: 0.4rem;
    }
    .files {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      list-style: none;
      padding: 0;
      margin: 0.5rem 0 0;
    }
    .files li {
      border: 1px solid var(--hub-border);
      border-radius: var(--hub-radius);
      padding: 0.3rem;
      max-width: 12rem;
    }
    .files li.reported {
      box-shadow: inset 3px 0 var(--hub-danger);
    }
    .files a {
      display: flex;
      flex-direction: column;
      overflow-wrap: anywhere;
    }
    .files img {
      max-width: 100%;
      max-height: 8rem;
      object-fit: contain;
    }
    .author {
      font-weight: 600;
    }
    .columns {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
      gap: 0 1rem;
    }
    .columns ul {
      padding-left: 1rem;
      margin: 0;
    }
    .scores {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.1rem 0.75rem;
      margin: 0;
    }
    .scores dd {
      margin: 0;
      font-variant-numeric: tabular-nums;
    }
    .decide {
      display: grid;
      gap: 0.35rem;
      margin-top: 0.75rem;
      padding: 0.75rem;
      border: 1px solid var(--hub-border);
      border-radius: var(--hub-radius);
      background: var(--hub-surface);
    }
    .decide input {
      width: 8rem;
    }
    .decide .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35rem;
    }
    button.danger {
      border-color: var(--hub-danger);
      color: var(--hub-danger);
      background: var(--hub-bg);
    }
    .decision {
      padding: 0.5rem 0.75rem;
      border-radius: var(--hub-radius);
      background: var(--hub-surface-2);
    }
    .audit {
      padding-left: 1rem;
      margin: 0;
      font-size: 0.85rem;
    }
    .audit time {
      color: var(--hub-muted);
      margin-right: 0.4rem;
    }
    .empty {
      padding: 0 0.75rem;
    }
    .settings {
      padding: 0.75rem;
      border-bottom: 1px solid var(--hub-border);
    }
    .settings h3 {
      font-size: 0.95rem;
      margin: 0 0 0.25rem;
    }
    .levels {
      display: grid;
      gap: 0.25rem;
      margin: 0.5rem 0;
    }
    .level {
      display: grid;
      grid-template-columns: 10rem minmax(0, 1fr) 9rem;
      align-items: center;
      gap: 0.5rem;
    }
    .try textarea {
      display: block;
      width: 100%;
      min-height: 3rem;
      margin: 0.25rem 0;
    }
    .preview .verdict.hide,
    .preview .verdict.block {
      color: var(--hub-danger);
    }
  `,
];
