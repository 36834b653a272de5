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
import { pollPercents } from './live-logic.js';
import type { LiveSessionSummary } from '../../protocol/index.js';

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

/** The summary: the figures as labelled tiles, each poll's options as bars with their votes and
 * shares (plurals from the catalogues), and the reactions per minute. */
export function renderSummary(
  i18n: I18n,
  s: LiveSessionSummary | undefined,
): TemplateResult | typeof nothing {
  if (!s) return nothing;
  const minutes = (sec: number) => i18n.t('live.minutes', { count: Math.round(sec / 6) / 10 });
  const figures: [string, string][] = [
    [i18n.t('live.t.peak'), i18n.number(s.audience.peak)],
    [i18n.t('live.t.average'), i18n.number(s.audience.average)],
    [i18n.t('live.t.joins'), i18n.number(s.audience.joins)],
    [i18n.t('live.t.averageWatch'), minutes(s.watch.averageS)],
    // Answered of asked.
    [i18n.t('live.t.answered'), `${i18n.number(s.questions.answered)}/${i18n.number(s.questions.asked)}`],
    [i18n.t('live.t.handRaises'), i18n.number(s.handRaises)],
    [i18n.t('live.t.reactions'), i18n.number(s.reactions.total)],
  ];
  const busiest = Math.max(1, ...s.reactions.byMinute.map((m) => total(m.counts)));
  return html`<section class="summary" part="summary" aria-labelledby="summary-title">
    <h3 id="summary-title">${i18n.t('live.telemetry')}</h3>
    <dl class="tiles">
      ${figures.map(
        ([label, value]) =>
          html`<div class="figure-tile" part="summary-tile">
            <dt>${label}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
    </dl>
    ${s.polls.map((p) => {
      const percents = pollPercents(p);
      return html`<figure class="summary-poll" part="summary-poll">
        <figcaption>
          <span class="poll-q">${p.question}</span>
          <span class="muted">${i18n.t('live.voters', { count: p.voters })}</span>
        </figcaption>
        <ul class="results">
          ${p.options.map(
            (o, i) =>
              html`<li>
                <span class="option">${o}</span>
                <span class="bar" aria-hidden="true"><span style="width:${percents[i] ?? 0}%"></span></span>
                <span class="figure"
                  >${i18n.t('live.votes', { count: p.counts[i] ?? 0, percent: percents[i] ?? 0 })}</span
                >
              </li>`,
          )}
        </ul>
      </figure>`;
    })}
    ${
      s.reactions.byMinute.length
        ? html`<figure class="summary-reactions" part="summary-reactions">
            <figcaption>${i18n.t('live.t.reactions')}</figcaption>
            <ol>
              ${s.reactions.byMinute.map(
                (m) =>
                  html`<li>
                    <time datetime=${m.at}>${i18n.time(Date.parse(m.at))}</time>
                    <span class="bar" aria-hidden="true"
                      ><span style="width:${(100 * total(m.counts)) / busiest}%"></span
                    ></span>
                    <span
                      >${Object.entries(m.counts)
                        .map(([emoji, n]) => `${emoji} ${n}`)
                        .join(' ')}</span
                    >
                  </li>`,
              )}
            </ol>
          </figure>`
        : nothing
    }
  </section>`;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
