// The frame of <hub-live-session>: its header (title; in the room, the member's role and how
// many are in it) and, once joined, the room: telemetry for hosts, the stage with the member's
// controls and reactions, and beside it the audience, Q&A and polls.
import { html, nothing, type TemplateResult } from 'lit';
import type { I18n } from '../shared/i18n/i18n.js';
import { renderAudience } from './audience-panel.js';
import { renderTelemetry } from './host-panel.js';
import type { ApiLiveSession } from './live-api.js';
import { renderPolls } from './polls-panel.js';
import { renderQa } from './qa-panel.js';
import { renderReactions } from './reactions-bar.js';
import { renderControls, renderStage } from './stage-view.js';
import type { LiveView } from './view-context.js';

export function renderHeader(
  i18n: I18n,
  session: ApiLiveSession | undefined,
  view: LiveView | undefined,
): TemplateResult | typeof nothing {
  if (!session) return nothing;
  return html`<header part="header">
    <h2 id="session-title">${session.title}</h2>
    ${
      view
        ? html`<span class="status live" part="session-status">${i18n.t('live.status.live')}</span>
            <span class="muted"
              >${i18n.t(`live.role.${view.role}`)} ·
              ${i18n.t('live.inRoom', { count: view.participants })}</span
            >`
        : nothing
    }
  </header>`;
}

export function renderRoom(view: LiveView, reconnecting: boolean): TemplateResult {
  const { i18n } = view;
  return html`${renderTelemetry(view)}
    <div class="room">
      <div class="main">
        ${reconnecting ? html`<p class="banner" role="status">${i18n.t('live.reconnecting')}</p>` : nothing}
        ${renderStage(view)} ${renderControls(view)} ${renderReactions(view, Date.now())}
      </div>
      <div class="side">${renderAudience(view)} ${renderQa(view)} ${renderPolls(view)}</div>
    </div>`;
}
