// The "Drop to attach" overlay every widget that takes dropped files shows over its drop target
// (<hub-chat>'s channel and thread, the member's support view, <hub-inbox>'s conversation).
import { css } from 'lit';

export const dropZoneStyles = css`
  .drop-zone {
    position: absolute;
    inset: 0;
    z-index: 5;
    display: grid;
    place-items: center;
    background: color-mix(in srgb, var(--hub-bg) 88%, transparent);
    border: 2px dashed var(--hub-accent);
    border-radius: var(--hub-radius);
    font-weight: 600;
  }
  .drop-zone span {
    pointer-events: none;
  }
`;
