// The styles <hub-inbox> and <hub-mod-queue> share: a list of items (conversations, cases) beside
// the open one, section headings and muted text. Each widget's own file sets the columns.
import { css } from 'lit';

export const listDetailStyles = css`
  .list {
    background: var(--hub-surface);
    border-right: 1px solid var(--hub-border);
    overflow-y: auto;
  }
  .detail {
    overflow-y: auto;
    min-width: 0;
  }
  h2 {
    font-size: 1rem;
    margin: 0;
  }
  h3 {
    font-size: 0.75rem;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--hub-muted);
    margin: 0.75rem 0 0.3rem;
  }
  .muted {
    color: var(--hub-muted);
  }
`;
