// The polls of <hub-live-session>: vote once (one option, or several in a multiple-choice
// poll), live results as bars with counts and shares; hosts open polls and close them.
import { html, nothing, type TemplateResult } from 'lit';
import type { LivePoll } from './live-api.js';
import { pollPercents } from './live-logic.js';
import type { LiveView } from './view-context.js';

function renderResults(view: LiveView, poll: LivePoll): TemplateResult {
  const { i18n } = view;
  const percents = pollPercents(poll);
  return html`<ul class="results" part="poll-results" aria-label=${i18n.t('live.results')}>
      ${poll.options.map((option, i) => {
        const mine = poll.yourChoices?.includes(i) ?? false;
        const count = poll.counts[i] ?? 0;
        return html`<li data-count=${count}>
          <span class="option"
            >${option}${mine ? html` <span class="badge">${i18n.t('live.yourChoice')}</span>` : nothing}</span
          >
          <span class="bar" aria-hidden="true"><span style="width:${percents[i] ?? 0}%"></span></span>
          <span class="figure">${i18n.t('live.votes', { count, percent: percents[i] ?? 0 })}</span>
        </li>`;
      })}
    </ul>
    <p class="muted">${i18n.t('live.voters', { count: poll.voters })}</p>`;
}

function renderPoll(view: LiveView, poll: LivePoll): TemplateResult {
  const { i18n, api } = view;
  const voted = Boolean(poll.yourChoices?.length);
  const canVote = poll.status === 'open' && !voted;
  const vote = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const choices = data.getAll('choice').map(Number);
    if (!choices.length) return;
    const ok = await view.act(async () => {
      const result = await api.vote(poll.id, choices);
      return { kind: 'poll', poll: { ...result, yourChoices: result.yourChoices ?? choices } };
    }, i18n.t('live.voted'));
    if (ok) view.notify('hub-live-poll-voted', { pollId: poll.id, choices });
  };
  const legend = `poll-${poll.id}`;
  return html`<li class="poll ${poll.status}" part="poll" data-poll=${poll.id} data-status=${poll.status}>
    <p class="poll-q" id=${legend}>
      ${poll.question}
      ${poll.status === 'closed' ? html`<span class="badge">${i18n.t('live.closed')}</span>` : nothing}
    </p>
    ${
      canVote
        ? html`<form part="vote-form" @submit=${vote}>
            <fieldset aria-labelledby=${legend}>
              <legend class="visually-hidden">
                ${poll.multiple ? i18n.t('live.chooseSeveral') : i18n.t('live.chooseOne')}
              </legend>
              ${poll.options.map(
                (option, i) =>
                  html`<label class="choice">
                    <input type=${poll.multiple ? 'checkbox' : 'radio'} name="choice" value=${i} />
                    ${option}
                  </label>`,
              )}
            </fieldset>
            <button type="submit" class="primary" ?disabled=${view.busy}>${i18n.t('live.vote')}</button>
          </form>`
        : nothing
    }
    ${canVote && !view.host ? nothing : renderResults(view, poll)}
    ${
      view.host && poll.status === 'open'
        ? html`<button
            type="button"
            @click=${() =>
              void view.act(
                async () => ({ kind: 'poll', poll: await api.closePoll(poll.id) }),
                i18n.t('live.pollClosed'),
              )}
          >
            ${i18n.t('live.closePoll')}
          </button>`
        : nothing
    }
  </li>`;
}

function renderCreate(view: LiveView): TemplateResult {
  const { i18n, api } = view;
  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const question = String(data.get('poll-question') ?? '').trim();
    const options = String(data.get('poll-options') ?? '')
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean);
    if (!question || options.length < 2) return;
    const ok = await view.act(
      async () => ({
        kind: 'poll',
        poll: await api.createPoll(question, options, data.get('poll-multiple') === 'on'),
      }),
      i18n.t('live.pollOpened'),
    );
    if (ok) form.reset();
  };
  return html`<details class="create-poll" part="poll-create">
    <summary>${i18n.t('live.newPoll')}</summary>
    <form @submit=${create}>
      <label>${i18n.t('live.pollQuestion')} <input name="poll-question" required maxlength="300" /></label>
      <label
        >${i18n.t('live.pollOptions')}
        <textarea name="poll-options" rows="3" required></textarea>
      </label>
      <label class="choice"
        ><input type="checkbox" name="poll-multiple" /> ${i18n.t('live.pollMultiple')}</label
      >
      <button type="submit" class="primary" ?disabled=${view.busy}>${i18n.t('live.openPoll')}</button>
    </form>
  </details>`;
}

export function renderPolls(view: LiveView): TemplateResult {
  const { i18n } = view;
  const polls = view.snapshot.polls;
  return html`<section class="panel polls" part="polls" aria-labelledby="polls-title">
    <h3 id="polls-title">${i18n.t('live.polls')}</h3>
    ${view.host ? renderCreate(view) : nothing}
    ${
      polls.length
        ? html`<ol class="poll-list" aria-labelledby="polls-title">
            ${polls.map((p) => renderPoll(view, p))}
          </ol>`
        : html`<p class="muted">${i18n.t('live.noPolls')}</p>`
    }
  </section>`;
}
