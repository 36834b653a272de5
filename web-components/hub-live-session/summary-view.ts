// The hosts' summary in <hub-live-session>'s ended view (`GET …/summary`): peak and average
// audience, watch time, questions answered, hand raises, every poll's results and reactions per
// minute. Loaded once per ended session a host looks at; members see no summary.
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { I18n } from '../shared/i18n/i18n.js';
import type { ApiLiveSession, LiveApi } from './live-api.js';
import type { LiveSessionSummary } from '../../protocol/index.js';

/** Its two words of its own: the shared catalogues (shared/i18n) are in every widget's bundle,
 * and hub-chat's is at its budget. English unless the locale is French, like I18n. */
const WORDS = {
  en: { average: 'Average audience', reactions: 'Reactions' },
  fr: { average: 'Audience moyenne', reactions: 'Réactions' },
};

export class SummaryController implements ReactiveController {
  summary: LiveSessionSummary | undefined;
  private requested = '';

  constructor(private readonly element: ReactiveControllerHost) {
    element.addController(this);
  }

  hostConnected(): void {}

  /** Reads the summary when a host's session has ended (once per session). */
  follow(api: LiveApi | undefined, session: ApiLiveSession | undefined): void {
    if (!api || session?.status !== 'ended' || !session.youHost || this.requested === session.id) return;
    this.requested = session.id;
    api
      .summary()
      .then((summary) => {
        this.summary = summary;
        this.element.requestUpdate();
      })
      // The figures are a help: without them the ended view stays as it is.
      .catch(() => undefined);
  }
}

export function renderSummary(
  i18n: I18n,
  s: LiveSessionSummary | undefined,
): TemplateResult | typeof nothing {
  if (!s) return nothing;
  const words = i18n.locale.startsWith('fr') ? WORDS.fr : WORDS.en;
  const minutes = (sec: number) => i18n.t('live.minutes', { count: Math.round(sec / 6) / 10 });
  const figures: [string, string][] = [
    [i18n.t('live.t.peak'), i18n.number(s.audience.peak)],
    [words.average, i18n.number(s.audience.average)],
    [i18n.t('live.t.joins'), i18n.number(s.audience.joins)],
    [i18n.t('live.t.averageWatch'), minutes(s.watch.averageS)],
    // Answered of asked (the catalogues are shared by every widget: no new words for it).
    [i18n.t('live.t.questions'), `${i18n.number(s.questions.answered)}/${i18n.number(s.questions.asked)}`],
    [i18n.t('live.t.handRaises'), i18n.number(s.handRaises)],
    [words.reactions, i18n.number(s.reactions.total)],
  ];
  const busiest = Math.max(1, ...s.reactions.byMinute.map((m) => total(m.counts)));
  return html`<section class="telemetry" part="summary" aria-labelledby="summary-title">
    <h3 id="summary-title">${i18n.t('live.telemetry')}</h3>
    <dl>
      ${figures.map(
        ([label, value]) =>
          html`<div>
            <dt>${label}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
    </dl>
    ${s.polls.map(
      (p) =>
        html`<figure part="summary-poll">
          <figcaption>${p.question} · ${i18n.t('live.voters', { count: p.voters })}</figcaption>
          <ul>
            ${p.options.map((o, i) => html`<li>${o}: ${i18n.number(p.counts[i] ?? 0)}</li>`)}
          </ul>
        </figure>`,
    )}
    ${
      s.reactions.byMinute.length
        ? html`<figure part="summary-reactions">
            <figcaption>${words.reactions}</figcaption>
            <ol>
              ${s.reactions.byMinute.map(
                (m) =>
                  html`<li>
                    <time datetime=${m.at}>${i18n.time(Date.parse(m.at))}</time>
                    <span class="bar" aria-hidden="true"
                      ><span style="width:${(100 * total(m.counts)) / busiest}%"></span
                    ></span>
                    ${Object.entries(m.counts)
                      .map(([emoji, n]) => `${emoji} ${n}`)
                      .join(' ')}
                  </li>`,
              )}
            </ol>
          </figure>`
        : nothing
    }
  </section>`;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
