// The styles of <hub-timeline>: the online list above the activity feed, scrolling in a fixed height.
import { css } from 'lit';
import { themeStyles } from '../shared/theme.js';

export const styles = [
  ...themeStyles,
  css`
    :host {
      height: var(--hub-timeline-height, 24rem);
      overflow: auto;
    }
    header {
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid var(--hub-border);
    }
    h2 {
      font-size: 1rem;
      margin: 0;
    }
    h3 {
      font-size: 0.75rem;
      text-transform: uppercase;
      color: var(--hub-muted);
      margin: 0.6rem 0.75rem 0.2rem;
    }
    ol,
    ul {
      list-style: none;
      margin: 0;
      padding: 0 0.75rem;
    }
    li.item {
      display: grid;
      grid-template-columns: 1.5rem 1fr auto;
      gap: 0.4rem;
      padding: 0.4rem 0;
      border-bottom: 1px solid var(--hub-border);
    }
    time {
      color: var(--hub-muted);
      font-size: 0.8rem;
    }
    .reason {
      display: block;
      color: var(--hub-muted);
      font-size: 0.85rem;
    }
    .online {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem 0.8rem;
      padding-bottom: 0.4rem;
    }
    .online li::before {
      content: '';
      display: inline-block;
      width: 0.55rem;
      height: 0.55rem;
      border-radius: 50%;
      background: var(--hub-online);
      margin-right: 0.35rem;
    }
    .empty {
      color: var(--hub-muted);
      padding: 0 0.75rem;
    }
  `,
];
