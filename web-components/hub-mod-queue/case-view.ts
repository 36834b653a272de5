// The case view of <hub-mod-queue>: the flagged message in its context and its files, flags, scores, the
// author's history, claim, decision buttons with a reason, and the case's audit trail. People
// are named, never shown by id: the authors in view by their names, the moderator as "you",
// AutoMod and the scoring worker by what they are, anyone else as "a member" or "a moderator".
import { html, nothing, type TemplateResult } from 'lit';
import {
  CASE_ACTIONS,
  type ApiAuditEntry,
  type ApiCaseDetail,
  type ApiMessage,
  type CaseAction,
} from '../shared/api.js';
import type { I18n } from '../shared/i18n/i18n.js';
import type { MessageKey } from '../shared/i18n/en.js';
import { renderCaseFiles } from './case-files.js';

export interface CaseViewContext {
  detail: ApiCaseDetail;
  audit: ApiAuditEntry[];
  i18n: I18n;
  /** The hub's address: the files' signed links are paths on it. */
  endpoint: string;
  meId: string | undefined;
  busy: boolean;
  error: string;
  decide(action: CaseAction, reason: string, durationS?: number): void;
  claim(on: boolean): void;
}

/** Mentions as the hub stores them (`<@userId>`). */
const MENTION = /<@&?([A-Za-z0-9_-]{1,64})>/g;

/** The audit trail's actions on a case, in words. */
const AUDIT: Partial<Record<string, MessageKey>> = {
  'case.claim': 'mod.audit.claim',
  'case.unclaim': 'mod.audit.unclaim',
  'case.decide': 'mod.audit.decide',
  'case.appeal': 'mod.audit.appeal',
  'case.appeal_decide': 'mod.audit.appealDecide',
};

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Who an id is, in words (the id itself only in a tooltip). */
type Who = (id: string, unknown: 'mod.aMember' | 'mod.aModerator') => string;

function whoIn(ctx: CaseViewContext): Who {
  const names = new Map<string, string>();
  const { detail, i18n } = ctx;
  for (const m of [
    ...(detail.context?.before ?? []),
    ...(detail.message ? [detail.message] : []),
    ...(detail.context?.after ?? []),
  ])
    names.set(m.author.id, m.author.name);
  return (id, unknown) =>
    id === 'automod'
      ? i18n.t('mod.source.automod')
      : id === 'scoring'
        ? i18n.t('mod.byScoring')
        : id === ctx.meId
          ? i18n.t('mod.you')
          : (names.get(id) ?? i18n.t(unknown));
}

function renderContextMessage(m: ApiMessage, i18n: I18n, flagged: boolean, who: Who): TemplateResult {
  return html`<li
    class="ctx ${flagged ? 'flagged' : ''}"
    part=${flagged ? 'flagged-message' : 'context-message'}
  >
    <span class="author">${m.author.name}</span>
    <time datetime=${new Date(m.createdAt).toISOString()}>${i18n.time(m.createdAt)}</time>
    <p>
      ${m.deleted ? html`<em>${i18n.t('mod.messageGone')}</em>` : m.body.replace(MENTION, (_, id: string) => `@${who(id, 'mod.aMember')}`)}
    </p>
  </li>`;
}

/** A score as a moderator reads it: numbers from 0 to 1 as percentages, objects as "key: value" lists. */
function formatScore(value: unknown, i18n: I18n): string {
  if (typeof value === 'number')
    return value >= 0 && value <= 1 ? `${i18n.number(Math.round(value * 100))}%` : i18n.number(value);
  if (Array.isArray(value)) return value.map((v) => formatScore(v, i18n)).join(', ');
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}: ${formatScore(v, i18n)}`)
      .join('; ');
  return String(value);
}

export function renderCaseView(ctx: CaseViewContext): TemplateResult {
  const { detail, i18n } = ctx;
  const c = detail.case;
  const who = whoIn(ctx);
  const decided = c.status === 'resolved';
  const claimedByOther = c.status === 'claimed' && c.claimedBy !== ctx.meId;
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
    const action = submitter?.value as CaseAction | undefined;
    const reason = (form.elements.namedItem('reason') as HTMLTextAreaElement).value.trim();
    const minutes = Number((form.elements.namedItem('duration') as HTMLInputElement | null)?.value ?? 0);
    if (!action) return;
    ctx.decide(action, reason, action === 'timeout' ? Math.max(1, minutes) * 60 : undefined);
  };
  return html`<article class="case" part="case" aria-labelledby="case-title">
    <header class="case-head">
      <h2 id="case-title" tabindex="-1">${i18n.t('mod.case')} · ${i18n.t(`mod.source.${c.source}`)}</h2>
      <span class="status ${c.status}">${i18n.t(`mod.status.${c.status}`)}</span>
    </header>
    <p class="meta">
      ${i18n.t('mod.author')}:
      <strong>${detail.message?.author.name ?? who(c.authorId, 'mod.aMember')}</strong> ·
      <time datetime=${new Date(c.createdAt).toISOString()}>${i18n.stamp(c.createdAt)}</time>
      ${c.claimedBy ? html` · ${i18n.t('mod.claimedBy', { name: who(c.claimedBy, 'mod.aModerator') })}` : nothing}
    </p>
    <section aria-labelledby="ctx-title">
      <h3 id="ctx-title">${i18n.t('mod.context')}</h3>
      <ol class="context">
        ${(detail.context?.before ?? []).map((m) => renderContextMessage(m, i18n, false, who))}
        ${
          detail.message
            ? renderContextMessage(detail.message, i18n, true, who)
            : html`<li class="ctx flagged"><em>${i18n.t('mod.messageGone')}</em></li>`
        }
        ${(detail.context?.after ?? []).map((m) => renderContextMessage(m, i18n, false, who))}
      </ol>
      ${renderCaseFiles(
        detail.attachments ?? [],
        ctx.endpoint,
        new Set(c.flags.flatMap((f) => (f.attachmentId ? [f.attachmentId] : []))),
        i18n,
      )}
    </section>
    <div class="columns">
      <section aria-labelledby="flags-title">
        <h3 id="flags-title">${i18n.t('mod.flags')}</h3>
        <ul>
          ${c.flags.map((f) => html`<li><strong title=${f.by}>${who(f.by, 'mod.aMember')}</strong>: ${f.reason}</li>`)}
        </ul>
      </section>
      ${
        Object.keys(c.scores).length > 0
          ? html`<section aria-labelledby="scores-title">
              <h3 id="scores-title">${i18n.t('mod.scores')}</h3>
              <dl class="scores" part="scores">
                ${Object.entries(c.scores).map(
                  ([name, value]) =>
                    html`<dt>
                        ${name === 'automod' ? i18n.t('mod.source.automod') : name === 'scoring' ? i18n.t('mod.byScoring') : name}
                      </dt>
                      <dd>${formatScore(value, i18n)}</dd>`,
                )}
              </dl>
            </section>`
          : nothing
      }
      ${
        detail.history
          ? html`<section aria-labelledby="history-title">
              <h3 id="history-title">${i18n.t('mod.history')}</h3>
              <p>
                ${i18n.t('mod.historyLine', {
                  total: detail.history.total,
                  removed: detail.history.decisions.remove,
                  banned: detail.history.decisions.ban,
                })}
              </p>
            </section>`
          : nothing
      }
    </div>
    ${
      decided && c.decision
        ? html`<p class="decision" part="decision">
            ${i18n.t('mod.decided', { action: i18n.t(`mod.action.${c.decision.action}`), by: who(c.decision.by, 'mod.aModerator'), reason: c.decision.reason })}
          </p>`
        : html`<form class="decide" part="decision-form" @submit=${submit}>
            <div class="claim">
              ${
                c.status === 'claimed' && c.claimedBy === ctx.meId
                  ? html`<button type="button" ?disabled=${ctx.busy} @click=${() => ctx.claim(false)}>
                      ${i18n.t('mod.unclaim')}
                    </button>`
                  : html`<button
                      type="button"
                      ?disabled=${ctx.busy || claimedByOther}
                      @click=${() => ctx.claim(true)}
                    >
                      ${i18n.t('mod.claim')}
                    </button>`
              }
            </div>
            <label for="reason">${i18n.t('mod.reason')}</label>
            <textarea
              id="reason"
              name="reason"
              rows="2"
              required
              maxlength="500"
              ?disabled=${claimedByOther}
            ></textarea>
            <label for="duration">${i18n.t('mod.duration')}</label>
            <input
              id="duration"
              name="duration"
              type="number"
              min="1"
              max="40320"
              value="60"
              ?disabled=${claimedByOther}
            />
            <div class="actions" role="group" aria-label=${i18n.t('mod.reason')}>
              ${CASE_ACTIONS.map(
                (action) =>
                  html`<button
                    type="submit"
                    name="action"
                    value=${action}
                    class=${action === 'approve' ? 'primary' : action === 'remove' || action === 'ban' ? 'danger' : ''}
                    ?disabled=${ctx.busy || claimedByOther}
                  >
                    ${i18n.t(`mod.action.${action}`)}
                  </button>`,
              )}
            </div>
            ${ctx.error ? html`<p class="error" role="alert">${ctx.error}</p>` : nothing}
          </form>`
    }
    <section aria-labelledby="audit-title">
      <h3 id="audit-title">${i18n.t('mod.audit')}</h3>
      ${
        ctx.audit.length === 0
          ? html`<p class="muted">${i18n.t('mod.auditEmpty')}</p>`
          : html`<ol class="audit" part="audit">
              ${ctx.audit.map(
                (e) =>
                  html`<li>
                    <time datetime=${new Date(e.at).toISOString()}>${i18n.stamp(e.at)}</time>
                    ${capitalized(i18n.t(AUDIT[e.action] ?? 'mod.audit.other', { who: who(e.actorId, 'mod.aModerator') }))}
                  </li>`,
              )}
            </ol>`
      }
    </section>
  </article>`;
}
