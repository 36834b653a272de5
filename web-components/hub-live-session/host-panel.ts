// The hosts' telemetry in <hub-live-session>: participants now and at the peak, joins, watch
// time, hand raises, questions, poll voters, live from the hub (pushed to hosts over the
// gateway, read again on demand).
import { html, nothing, type TemplateResult } from 'lit';
import type { LiveView } from './view-context.js';

export function renderTelemetry(view: LiveView): TemplateResult | typeof nothing {
  const t = view.telemetry;
  if (!view.host || !t) return nothing;
  const { i18n } = view;
  const minutes = (s: number) => i18n.t('live.minutes', { count: Math.round(s / 6) / 10 });
  const figures: [string, string][] = [
    [i18n.t('live.t.current'), i18n.number(t.currentParticipants)],
    [i18n.t('live.t.peak'), i18n.number(t.peakParticipants)],
    [i18n.t('live.t.joins'), i18n.number(t.joins)],
    [i18n.t('live.t.averageWatch'), minutes(t.averageWatchS)],
    [i18n.t('live.t.handRaises'), i18n.number(t.handRaises)],
    [i18n.t('live.t.questions'), i18n.number(t.questions)],
    [i18n.t('live.t.pollVoters'), i18n.number(t.pollVoters)],
  ];
  return html`<section class="telemetry" part="telemetry" aria-labelledby="telemetry-title">
    <h3 id="telemetry-title" class="visually-hidden">${i18n.t('live.telemetry')}</h3>
    <dl>
      ${figures.map(
        ([label, value]) =>
          html`<div>
            <dt>${label}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
    </dl>
  </section>`;
}
