// The view of a session that is over (ended or cancelled) in <hub-live-session>: no way to join,
// a sentence that says so, when it ended and how long it ran, the description, and for hosts
// the summary (summary-view.ts) inside the same padded card.
import { html, nothing, type TemplateResult } from 'lit';
import type { I18n } from '../shared/i18n/i18n.js';
import type { LiveSessionSummary } from '../../protocol/index.js';
import type { ApiLiveSession } from './live-api.js';
import { renderSummary } from './summary-view.js';

/** How long it ran, to the minute ("1 minute", "1 hour 5 minutes"): Intl's units carry each
 * language's plurals. */
export function ranFor(locale: string, seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  const unit = (n: number, u: 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'long' }).format(n);
  if (minutes < 60) return unit(minutes, 'minute');
  return minutes % 60
    ? `${unit(Math.floor(minutes / 60), 'hour')} ${unit(minutes % 60, 'minute')}`
    : unit(minutes / 60, 'hour');
}

export function renderEnded(
  i18n: I18n,
  session: ApiLiveSession,
  summary: LiveSessionSummary | undefined,
): TemplateResult {
  const cancelled = session.status === 'cancelled';
  const { startedAt, endedAt } = session;
  const seconds = startedAt && endedAt ? (Date.parse(endedAt) - Date.parse(startedAt)) / 1000 : undefined;
  return html`<div class="ended-view" part="ended">
    <p class="status-line">
      <span class="status ${session.status}" part="session-status"
        >${i18n.t(`live.status.${session.status}`)}</span
      >
    </p>
    <p class="ended-title">${cancelled ? i18n.t('live.overCancelled') : i18n.t('live.over')}</p>
    ${
      endedAt && !cancelled
        ? html`<p class="muted" part="ended-when">
            ${i18n.t('live.endedOn')} <time datetime=${endedAt}>${i18n.stamp(Date.parse(endedAt))}</time>
            ${seconds === undefined ? nothing : html` · ${i18n.t('live.lasted', { duration: ranFor(i18n.locale, seconds) })}`}
          </p>`
        : nothing
    }
    ${session.description ? html`<p class="description">${session.description}</p>` : nothing}
    ${renderSummary(i18n, summary)}
  </div>`;
}
