// Emoji reactions in <hub-live-session>: a button per emoji the hub accepts, and the latest
// second's aggregate from the hub (one data message per second for the whole room), shown for
// a few seconds.
import { html, nothing, type TemplateResult } from 'lit';
import { REACTIONS } from './live-api.js';
import type { LiveView } from './view-context.js';

/** How long a second's aggregate stays on screen. */
export const REACTION_SHOW_MS = 4_000;

export function renderReactions(view: LiveView, now: number): TemplateResult {
  const { i18n, api } = view;
  const latest = view.snapshot.reactions;
  const recent = latest && now - latest.receivedAt < REACTION_SHOW_MS ? latest : null;
  const entries = recent ? Object.entries(recent.counts).filter(([, n]) => n > 0) : [];
  return html`<div class="reactions" part="reactions">
    <div role="group" aria-label=${i18n.t('live.react')}>
      ${REACTIONS.map(
        (emoji) =>
          html`<button
            type="button"
            class="emoji"
            aria-label=${i18n.t('live.reactWith', { emoji })}
            @click=${() =>
              void view.act(async () => {
                await api.react(emoji);
                view.notify('hub-live-reaction-sent', { emoji });
              })}
          >
            ${emoji}
          </button>`,
      )}
    </div>
    ${
      entries.length
        ? html`<p class="burst" part="reaction-burst" aria-label=${i18n.t('live.reactionsNow')}>
            ${entries.map(
              ([emoji, n]) =>
                html`<span class="burst-item" data-emoji=${emoji}>${emoji} ${i18n.number(n)}</span>`,
            )}
          </p>`
        : nothing
    }
  </div>`;
}
