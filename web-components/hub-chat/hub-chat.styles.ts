// The styles of <hub-chat>: columns (sidebar, channel, thread, members) on wide hosts; side
// panels over the channel and the channel list in a drawer on narrow ones (container queries).
import { css } from 'lit';
import { dropZoneStyles } from '../shared/drop-zone.styles.js';
import { themeStyles } from '../shared/theme.js';

export const styles = [
  ...themeStyles,
  dropZoneStyles,
  css`
    :host {
      height: var(--hub-chat-height, 32rem);
    }
    /*
     * Container queries (the widget's width, not the page's):
     * - from 72rem: sidebar | channel | thread and/or members, each a column;
     * - 58–72rem: one side panel is a column; with both open, the members cover the thread;
     * - 40–58rem: a side panel slides over the channel's right part, which keeps its width;
     * - under 40rem: the channel list is a drawer (a "Channels" button above the channel), and
     *   a side panel covers the channel (closing it brings the channel back).
     */
    .layout {
      display: grid;
      grid-template-columns: 13rem minmax(0, 1fr);
      height: 100%;
      position: relative;
    }
    .layout.with-thread,
    .layout.with-members {
      grid-template-columns: 13rem minmax(0, 1fr) 18rem;
    }
    .layout.with-thread.with-members {
      grid-template-columns: 13rem minmax(0, 1fr) 18rem 12rem;
    }
    .drawer-toggle {
      display: none;
    }
    /* The drop overlay's box (before the narrow layouts, which make the thread absolute). */
    .main,
    .thread {
      position: relative;
    }
    @container (max-width: 72rem) {
      .layout.with-thread.with-members {
        grid-template-columns: 13rem minmax(0, 1fr) 18rem;
      }
      .layout.with-thread.with-members .members {
        position: absolute;
        inset: 0 0 0 auto;
        width: 14rem;
        z-index: 3;
        box-shadow: -4px 0 16px rgb(0 0 0 / 0.15);
      }
    }
    @container (max-width: 58rem) {
      .layout.with-thread,
      .layout.with-members,
      .layout.with-thread.with-members {
        grid-template-columns: 13rem minmax(0, 1fr);
      }
      .thread,
      .layout .members {
        position: absolute;
        inset: 0 0 0 auto;
        width: min(20rem, 70%);
        z-index: 3;
        box-shadow: -4px 0 16px rgb(0 0 0 / 0.15);
      }
    }
    @container (max-width: 40rem) {
      .layout,
      .layout.with-thread,
      .layout.with-members,
      .layout.with-thread.with-members {
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: auto minmax(0, 1fr);
      }
      .drawer-toggle {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        border: none;
        border-bottom: 1px solid var(--hub-border);
        border-radius: 0;
        background: var(--hub-surface);
        color: var(--hub-text);
        padding: 0.5rem 0.75rem;
        text-align: start;
      }
      .sidebar {
        display: none;
      }
      .drawer-open .sidebar {
        display: block;
        position: absolute;
        top: 2.5rem;
        bottom: 0;
        left: 0;
        width: min(18rem, 85%);
        z-index: 4;
        box-shadow: 4px 0 16px rgb(0 0 0 / 0.2);
      }
      .thread,
      .layout .members {
        top: 2.5rem;
        width: 100%;
        box-shadow: none;
      }
    }
    .sidebar {
      background: var(--hub-surface);
      border-right: 1px solid var(--hub-border);
      overflow-y: auto;
      padding: 0.5rem 0.4rem;
    }
    .sidebar h3 {
      font-size: 0.75rem;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--hub-muted);
      margin: 0.75rem 0.5rem 0.25rem;
    }
    .sidebar ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .channel {
      display: flex;
      width: 100%;
      align-items: center;
      gap: 0.4rem;
      border: none;
      background: transparent;
      text-align: left;
      padding: 0.3rem 0.5rem;
      color: var(--hub-muted);
    }
    .channel.has-unread {
      color: var(--hub-text);
      font-weight: 600;
    }
    .channel[aria-current='page'] {
      background: var(--hub-accent);
      color: var(--hub-accent-text);
    }
    .channel .name {
      flex: 1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .badge {
      min-width: 1.4rem;
      padding: 0 0.35rem;
      border-radius: 999px;
      background: var(--hub-surface-2);
      color: var(--hub-text);
      font-size: 0.75rem;
      text-align: center;
    }
    .badge.mention {
      background: var(--hub-danger);
      color: var(--hub-bg);
      font-weight: 700;
    }
    .main,
    .thread {
      display: flex;
      flex-direction: column;
      min-height: 0;
      min-width: 0;
    }
    .thread,
    .members {
      border-left: 1px solid var(--hub-border);
      background: var(--hub-bg);
    }
    .members {
      padding: 0 0.5rem;
      overflow-y: auto;
    }
    .channel-header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid var(--hub-border);
    }
    .channel-header h2 {
      font-size: 1rem;
      margin: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .members-toggle {
      border: none;
      background: transparent;
      color: var(--hub-muted);
    }
    .banner.info {
      margin: 0;
    }
    p.banner {
      margin: 0;
    }
    .scroller {
      flex: 1;
      overflow-y: auto;
      /* The message window anchors the view itself (virtual-window.ts). */
      overflow-anchor: none;
      min-height: 0;
      padding: 0.25rem 0;
    }
    .beginning {
      color: var(--hub-muted);
      padding: 0 0.75rem;
    }
    .load-earlier {
      display: block;
      margin: 0.25rem auto;
    }
    .message {
      position: relative;
      padding: 0.3rem 0.75rem 0.3rem 3.25rem;
    }
    .message.grouped {
      padding-top: 0;
    }
    .avatar {
      position: absolute;
      left: 0.75rem;
      top: 0.4rem;
      width: 2rem;
      height: 2rem;
      border-radius: 50%;
      display: grid;
      place-items: center;
      font-size: 0.75rem;
      font-weight: 700;
      color: #fff;
      overflow: hidden;
    }
    .avatar img {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .message:hover,
    .message:focus-within {
      background: var(--hub-surface);
      z-index: 1;
    }
    .message.mentioned {
      background: var(--hub-mention-bg);
      box-shadow: inset 3px 0 var(--hub-warning);
    }
    .message.pending .body {
      color: var(--hub-muted);
    }
    .message.failed {
      box-shadow: inset 3px 0 var(--hub-danger);
    }
    .message.held {
      box-shadow: inset 3px 0 var(--hub-warning);
    }
    .message.held .body {
      color: var(--hub-muted);
    }
    .message header {
      display: flex;
      gap: 0.5rem;
      align-items: baseline;
    }
    .author {
      font-weight: 600;
    }
    time,
    .edited,
    .reply-to,
    .pin-flag {
      color: var(--hub-muted);
      font-size: 0.8rem;
    }
    .body {
      margin: 0.1rem 0 0;
      overflow-wrap: anywhere;
    }
    .body .text {
      white-space: pre-wrap;
    }
    .mention {
      color: var(--hub-accent);
      font-weight: 600;
    }
    .mention.me {
      background: var(--hub-mention-bg);
      color: var(--hub-text);
      border-radius: 3px;
      padding: 0 2px;
    }
    .icon {
      vertical-align: -0.15em;
      flex: none;
    }
    .actions {
      display: none;
      position: absolute;
      right: 0.5rem;
      top: -1rem;
      gap: 0.2rem;
      background: var(--hub-bg);
      border: 1px solid var(--hub-border);
      border-radius: var(--hub-radius);
      padding: 0.15rem;
      z-index: 1;
    }
    .actions button {
      border: none;
      background: transparent;
      font-size: 0.8rem;
      padding: 0.15rem 0.4rem;
    }
    .actions button:hover {
      background: var(--hub-surface-2);
    }
    .message:hover .actions,
    .message:focus-within .actions {
      display: flex;
    }
    .reactions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin-top: 0.25rem;
    }
    .reaction {
      padding: 0 0.4rem;
      border-radius: 999px;
      font-size: 0.85rem;
    }
    .reaction.mine {
      border-color: var(--hub-accent);
      background: var(--hub-surface-2);
    }
    .picker {
      display: flex;
      flex-wrap: wrap;
      gap: 0.1rem;
    }
    .picker hub-emoji-picker {
      flex-basis: 100%;
    }
    .picker button {
      border: none;
      background: transparent;
    }
    .thread-link {
      margin-top: 0.25rem;
      border: none;
      background: transparent;
      color: var(--hub-accent);
      padding: 0;
    }
    .status {
      font-size: 0.8rem;
      color: var(--hub-muted);
    }
    .status.failed {
      color: var(--hub-danger);
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin-top: 0.2rem;
    }
    .status.failed .reason {
      flex: 1 1 14rem;
    }
    .status.held {
      display: block;
      font-style: italic;
    }
    .separator {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      color: var(--hub-muted);
      font-size: 0.8rem;
      /* Padding, not margin: the window measures rows by their boxes. */
      padding: 0.5rem 0.75rem;
    }
    .separator::before,
    .separator::after {
      content: '';
      flex: 1;
      border-top: 1px solid var(--hub-border);
    }
    .separator.new {
      color: var(--hub-danger);
      font-weight: 600;
    }
    .separator.new::before,
    .separator.new::after {
      border-color: var(--hub-danger);
    }
    .typing {
      min-height: 1.2rem;
      padding: 0 0.75rem;
      font-size: 0.8rem;
      color: var(--hub-muted);
      font-style: italic;
    }
    form.edit {
      display: flex;
      gap: 0.4rem;
      align-items: flex-end;
    }
    form.edit textarea {
      flex: 1;
    }
  `,
];
