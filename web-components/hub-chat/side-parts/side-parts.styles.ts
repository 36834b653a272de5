// The styles of <hub-chat>'s side parts (the member list's rows, the dialogs), adopted into the
// chat's shadow root when their chunk loads. Where the panels sit (columns, overlays on narrow
// hosts) stays in ../hub-chat.styles.ts: the loading state takes the same place.
import { css } from 'lit';

export const sidePartStyles = css`
  .members-header {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  .members-header button {
    border: none;
    background: transparent;
    color: var(--hub-muted);
    padding: 0.2rem;
  }
  .members h3 {
    font-size: 0.75rem;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--hub-muted);
    margin: 0.75rem 0.5rem 0.25rem;
  }
  .members ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .members li {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    padding: 0.2rem 0.5rem;
  }
  .presence {
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    background: var(--hub-online);
    flex: none;
  }
  .presence.idle {
    background: var(--hub-idle);
  }
  .presence.dnd {
    background: var(--hub-dnd);
  }
  .members .avatar {
    /* In the row's flow, not at a message's offsets, so the presence dot sits on its corner. */
    position: relative;
    inset: auto;
    width: 1.75rem;
    height: 1.75rem;
    font-size: 0.65rem;
    flex: none;
  }
  .members .presence {
    margin-left: -0.95rem;
    align-self: flex-end;
    border: 2px solid var(--hub-bg);
    box-sizing: content-box;
  }
  dialog {
    border: 1px solid var(--hub-border);
    border-radius: var(--hub-radius);
    background: var(--hub-bg);
    color: var(--hub-text);
    max-width: 28rem;
    width: 90%;
  }
  dialog h2 {
    font-size: 1.05rem;
    margin-top: 0;
  }
  dialog label {
    display: grid;
    gap: 0.3rem;
  }
  dialog blockquote {
    margin: 0 0 0.75rem;
    padding: 0.4rem 0.6rem;
    border-left: 3px solid var(--hub-border);
    color: var(--hub-muted);
  }
  .dialog-buttons {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
`;
