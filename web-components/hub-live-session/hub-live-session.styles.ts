// The styles of <hub-live-session>: the stage and its controls beside the audience, Q&A and
// polls; one column when narrow. Colours come from the shared tokens (light and dark by `theme`).
import { css } from 'lit';
import { themeStyles } from '../shared/theme.js';

export const styles = [
  ...themeStyles,
  css`
    :host {
      --hub-live-tile-bg: #2b3040;
      --hub-live-tile-text: #ffffff;
      height: var(--hub-live-height, 44rem);
    }
    :host([theme='dark']) {
      --hub-live-tile-bg: #0b0d12;
    }
    .layout {
      display: flex;
      flex-direction: column;
      height: 100%;
      overflow-y: auto;
    }
    header {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      flex-wrap: wrap;
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid var(--hub-border);
      background: var(--hub-surface);
    }
    h2 {
      font-size: 1.05rem;
      margin: 0;
    }
    h3 {
      font-size: 0.8rem;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--hub-muted);
      margin: 0 0 0.4rem;
      display: flex;
      gap: 0.5rem;
      align-items: baseline;
    }
    h4 {
      font-size: 0.85rem;
      margin: 0.5rem 0 0.25rem;
    }
    p {
      margin: 0.25rem 0;
    }
    ul,
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .muted {
      color: var(--hub-muted);
    }
    .status {
      font-size: 0.75rem;
      font-weight: 600;
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      background: var(--hub-surface-2);
    }
    .status.live {
      background: var(--hub-danger);
      color: var(--hub-bg);
    }
    .badge {
      font-size: 0.7rem;
      padding: 0 0.35rem;
      border-radius: 999px;
      background: var(--hub-surface-2);
      color: var(--hub-text);
    }
    button.danger {
      color: var(--hub-danger);
      border-color: var(--hub-danger);
    }
    .notice {
      margin: 0;
      padding: 0.4rem 0.75rem;
      border-bottom: 1px solid var(--hub-border);
      background: var(--hub-surface);
    }
    /* The pre-join and ended views: a card of bounded width centred in the widget on wide
       containers, the whole width on narrow ones, where controls stack full width. */
    .prejoin,
    .ended-view {
      padding: 1rem;
      display: grid;
      gap: 0.75rem;
      align-content: start;
      box-sizing: border-box;
      width: 100%;
      max-width: 44rem;
      margin: 0 auto;
    }
    @container (min-width: 36rem) {
      .prejoin,
      .ended-view {
        width: calc(100% - 3rem);
        margin: 1.5rem auto;
        padding: 1.25rem 1.5rem;
        border: 1px solid var(--hub-border);
        border-radius: var(--hub-radius);
        background: var(--hub-surface);
      }
    }
    .devices {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 0.4rem 0.75rem;
      align-items: center;
    }
    .devices select {
      width: 100%;
      min-width: 0;
    }
    .device-actions {
      grid-column: 1 / -1;
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .planning {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    @container (max-width: 30rem) {
      .devices {
        grid-template-columns: minmax(0, 1fr);
        gap: 0.25rem;
      }
      .devices select {
        margin-bottom: 0.4rem;
      }
      .device-actions,
      .planning,
      .join-row {
        flex-direction: column;
        align-items: stretch;
      }
      .device-actions button,
      .planning button,
      .join-row button {
        width: 100%;
      }
    }
    .preview {
      width: 100%;
      max-width: 24rem;
      aspect-ratio: 16 / 9;
      background: var(--hub-live-tile-bg);
      border-radius: var(--hub-radius);
      object-fit: cover;
    }
    fieldset {
      border: 1px solid var(--hub-border);
      border-radius: calc(var(--hub-radius) / 2);
      margin: 0;
      padding: 0.4rem 0.6rem;
    }
    .choice {
      display: flex;
      gap: 0.4rem;
      align-items: center;
      margin: 0.15rem 0;
    }
    .join-row {
      display: flex;
      gap: 0.75rem;
      align-items: center;
    }
    .room {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr);
      flex: 1;
      min-height: 0;
    }
    @container (max-width: 48rem) {
      .room {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    .main,
    .side {
      padding: 0.75rem;
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      min-height: 0;
    }
    .side {
      border-left: 1px solid var(--hub-border);
      background: var(--hub-surface);
      overflow-y: auto;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(var(--hub-live-tile-min, 12rem), 1fr));
      gap: 0.5rem;
    }
    .tile {
      position: relative;
      aspect-ratio: 16 / 9;
      background: var(--hub-live-tile-bg);
      color: var(--hub-live-tile-text);
      border-radius: var(--hub-radius);
      overflow: hidden;
      display: grid;
      place-items: center;
      outline: 3px solid transparent;
    }
    .tile.screen {
      grid-column: 1 / -1;
      aspect-ratio: 16 / 9;
    }
    .tile.screen video {
      object-fit: contain;
    }
    .tile.speaking {
      outline-color: var(--hub-accent);
    }
    .tile video {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .avatar {
      font-size: 2rem;
      font-weight: 700;
      width: 3.5rem;
      height: 3.5rem;
      border-radius: 50%;
      display: grid;
      place-items: center;
      background: rgb(255 255 255 / 0.15);
    }
    .tile-name {
      position: absolute;
      left: 0.4rem;
      bottom: 0.4rem;
      display: flex;
      gap: 0.3rem;
      align-items: center;
      padding: 0.1rem 0.4rem;
      border-radius: 4px;
      background: rgb(0 0 0 / 0.6);
      color: #ffffff;
      font-size: 0.8rem;
    }
    .tile-actions {
      position: absolute;
      top: 0.3rem;
      right: 0.3rem;
      display: flex;
      gap: 0.25rem;
    }
    .tile-actions button {
      font-size: 0.75rem;
      background: rgb(0 0 0 / 0.7);
      color: #ffffff;
      border-color: rgb(255 255 255 / 0.5);
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .device-switch {
      position: relative;
    }
    .device-switch[open] {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
      align-items: center;
    }
    .device-switch label {
      display: flex;
      gap: 0.3rem;
      align-items: center;
    }
    .spacer {
      flex: 1;
    }
    .reactions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .emoji {
      font-size: 1.1rem;
      padding: 0.15rem 0.4rem;
    }
    .burst {
      display: flex;
      gap: 0.5rem;
      font-size: 1.1rem;
    }
    .panel {
      background: var(--hub-bg);
      border: 1px solid var(--hub-border);
      border-radius: var(--hub-radius);
      padding: 0.6rem;
    }
    .people li,
    .hands li {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem;
      padding: 0.2rem 0;
    }
    .row-actions {
      display: flex;
      gap: 0.3rem;
      flex-wrap: wrap;
    }
    form {
      display: grid;
      gap: 0.4rem;
    }
    textarea {
      resize: vertical;
      width: 100%;
    }
    .questions,
    .poll-list {
      margin-top: 0.5rem;
      display: grid;
      gap: 0.5rem;
    }
    .question,
    .poll {
      border-top: 1px solid var(--hub-border);
      padding-top: 0.4rem;
    }
    .question.answered .q-text,
    .question.dismissed .q-text {
      color: var(--hub-muted);
    }
    .q-meta {
      font-size: 0.8rem;
    }
    .poll-q {
      font-weight: 600;
    }
    .results li {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 5rem auto;
      gap: 0.5rem;
      align-items: center;
      font-size: 0.85rem;
    }
    .bar {
      height: 0.5rem;
      background: var(--hub-surface-2);
      border-radius: 999px;
      overflow: hidden;
    }
    .bar span {
      display: block;
      height: 100%;
      background: var(--hub-accent);
    }
    .create-poll summary {
      cursor: pointer;
      margin-bottom: 0.4rem;
    }
    .create-poll label {
      display: grid;
      gap: 0.2rem;
    }
    .create-poll label.choice {
      display: flex;
    }
    .telemetry dl {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.25rem;
      margin: 0;
      padding: 0.4rem 0.75rem;
      border-bottom: 1px solid var(--hub-border);
      font-size: 0.8rem;
    }
    .telemetry dt {
      color: var(--hub-muted);
    }
    .telemetry dd {
      margin: 0;
      font-weight: 600;
    }
    .ended-title {
      font-size: 1.15rem;
      font-weight: 600;
    }
    .summary {
      display: grid;
      gap: 0.75rem;
      border-top: 1px solid var(--hub-border);
      padding-top: 0.75rem;
    }
    .summary h3 {
      margin: 0;
    }
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr));
      gap: 0.5rem;
      margin: 0;
    }
    .figure-tile {
      display: flex;
      flex-direction: column-reverse;
      justify-content: flex-end;
      gap: 0.15rem;
      padding: 0.6rem 0.75rem;
      border: 1px solid var(--hub-border);
      border-radius: calc(var(--hub-radius) / 2);
      background: var(--hub-bg);
    }
    .figure-tile dt {
      color: var(--hub-muted);
      font-size: 0.8rem;
    }
    .figure-tile dd {
      margin: 0;
      font-size: 1.35rem;
      font-weight: 700;
    }
    .summary figure {
      margin: 0;
    }
    .summary figcaption {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: baseline;
      margin-bottom: 0.35rem;
    }
    .summary-poll .results li {
      grid-template-columns: minmax(0, 1fr) minmax(4rem, 2fr) 7.5rem;
      padding: 0.15rem 0;
    }
    /* Narrow: each option and its votes above a full-width bar. */
    @container (max-width: 30rem) {
      .summary-poll .results li {
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 0.15rem 0.5rem;
      }
      .summary-poll .bar {
        grid-row: 2;
        grid-column: 1 / -1;
      }
    }
    .summary-reactions li {
      display: grid;
      grid-template-columns: 4rem minmax(4rem, 1fr) auto;
      gap: 0.5rem;
      align-items: center;
      font-size: 0.85rem;
    }
  `,
];
