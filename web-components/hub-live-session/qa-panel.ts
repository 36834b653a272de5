// The Q&A of <hub-live-session>: ask a question, upvote (one per member), the list sorted live
// (open by upvotes, then answered); hosts mark questions answered, dismiss them, or release one
// AutoMod held.
import { html, nothing, type TemplateResult } from 'lit';
import type { LiveQuestion } from './live-api.js';
import type { LiveView } from './view-context.js';

function renderQuestion(view: LiveView, q: LiveQuestion): TemplateResult {
  const { i18n, api } = view;
  const votable = q.status === 'open' || q.status === 'answered';
  const setStatus = (status: 'open' | 'answered' | 'dismissed', done: string) =>
    void view.act(() => api.setQuestionStatus(q.id, status).then(() => undefined), done);
  return html`<li class="question ${q.status}" part="question" data-status=${q.status}>
    <p class="q-text">${q.text}</p>
    <p class="q-meta muted">
      ${q.authorName}
      ${q.status !== 'open' ? html` · <span part="question-status">${i18n.t(`live.q.${q.status}`)}</span>` : nothing}
      ${q.heldFor && q.status === 'held' ? html` · ${q.heldFor}` : nothing}
    </p>
    <div class="row-actions">
      ${
        votable
          ? html`<button
              type="button"
              part="upvote"
              aria-pressed=${q.youUpvoted ? 'true' : 'false'}
              ?disabled=${q.authorId === view.me && !q.youUpvoted}
              @click=${() =>
                void view.act(async () => {
                  const r = await api.upvote(q.id, !q.youUpvoted);
                  return { kind: 'upvote', questionId: q.id, upvotes: r.upvotes, youUpvoted: r.youUpvoted };
                })}
            >
              <span class="visually-hidden">${i18n.t('live.upvote')}</span><span aria-hidden="true">▲</span>
              ${i18n.number(q.upvotes)}
            </button>`
          : nothing
      }
      ${
        view.host && q.status !== 'answered' && q.status !== 'held'
          ? html`<button type="button" @click=${() => setStatus('answered', i18n.t('live.markedAnswered'))}>
              ${i18n.t('live.markAnswered')}
            </button>`
          : nothing
      }
      ${
        view.host && (q.status === 'held' || q.status === 'dismissed' || q.status === 'answered')
          ? html`<button type="button" @click=${() => setStatus('open', i18n.t('live.reopened'))}>
              ${q.status === 'held' ? i18n.t('live.release') : i18n.t('live.reopen')}
            </button>`
          : nothing
      }
      ${
        view.host && q.status !== 'dismissed'
          ? html`<button type="button" @click=${() => setStatus('dismissed', i18n.t('live.dismissed'))}>
              ${i18n.t('live.dismiss')}
            </button>`
          : nothing
      }
    </div>
  </li>`;
}

export function renderQa(view: LiveView): TemplateResult {
  const { i18n, api } = view;
  const questions = view.snapshot.questions;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const text = String(new FormData(form).get('question') ?? '').trim();
    if (text.length < 3) return;
    const ok = await view.act(async () => {
      const question = await api.ask(text);
      view.notify('hub-live-question-asked', { questionId: question.id, status: question.status });
      // AutoMod may hold it for the hosts: the member sees it, marked, and is told why it waits.
      view.say(i18n.t(question.status === 'held' ? 'live.askedHeld' : 'live.asked'));
      return { kind: 'question', question };
    });
    if (ok) form.reset();
  };
  return html`<section class="panel qa" part="qa" aria-labelledby="qa-title">
    <h3 id="qa-title">${i18n.t('live.qa')}</h3>
    <form part="ask-form" @submit=${submit}>
      <label for="question-input" class="visually-hidden">${i18n.t('live.yourQuestion')}</label>
      <textarea
        id="question-input"
        name="question"
        part="ask-input"
        rows="2"
        minlength="3"
        maxlength="500"
        required
        placeholder=${i18n.t('live.yourQuestion')}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            (e.target as HTMLTextAreaElement).form?.requestSubmit();
          }
        }}
      ></textarea>
      <button type="submit" class="primary" ?disabled=${view.busy}>${i18n.t('live.ask')}</button>
    </form>
    ${
      questions.length
        ? html`<ol class="questions" aria-label=${i18n.t('live.questions', { count: questions.length })}>
            ${questions.map((q) => renderQuestion(view, q))}
          </ol>`
        : html`<p class="muted">${i18n.t('live.noQuestions')}</p>`
    }
  </section>`;
}
