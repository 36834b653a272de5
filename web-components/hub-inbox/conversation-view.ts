// The open conversation of <hub-inbox>: subject and status, the member's context (and beside it
// the side panel of their community activity), SLA countdowns, the messages with private notes
// marked and their files (of both sides, Chatwoot's too), the actions (status, snooze, priority,
// assignment, labels) and the composer.
import { html, nothing, type TemplateResult } from 'lit';
import type { I18n } from '../shared/i18n/i18n.js';
import {
  SUPPORT_PRIORITIES,
  type ApiSupportAgent,
  type ApiSupportConversation,
  type ApiSupportMessage,
  type SupportPriority,
  type SupportStatus,
} from '../shared/support-api.js';
import { renderComposer, type ComposerContext } from './composer.js';
import { formatDuration, parseLabels, slaClocks, SNOOZE_HOURS, type SlaClock } from './inbox-logic.js';

export interface ConversationViewContext {
  i18n: I18n;
  conversation: ApiSupportConversation;
  messages: ApiSupportMessage[];
  /** The community's name when known, else its id. */
  communityName: string | undefined;
  agentId: number | undefined;
  /** The inbox's agents, to assign by name; empty when Chatwoot did not say (then by id). */
  agents: ApiSupportAgent[];
  /** An assignee's name ("Agent 2" until the agents' names are known). */
  agentName(id: number): string;
  now: number;
  busy: boolean;
  error: string;
  composer: ComposerContext;
  /** A message's files (images inline, other files as cards), or nothing. */
  files(m: ApiSupportMessage): TemplateResult | typeof nothing;
  /** The side panel with the member's community context (member-panel.ts). */
  memberPanel?: TemplateResult;
  setStatus(status: SupportStatus, snoozeHours?: number): void;
  setPriority(priority: SupportPriority): void;
  assign(to: { agentId: number } | { teamId: number }): void;
  setLabels(labels: string[]): void;
  invalid(message: string): void;
}

export function renderSla(clock: SlaClock, i18n: I18n): TemplateResult {
  const target = i18n.t(`inbox.sla.${clock.target}`);
  const time = formatDuration(clock.leftMs);
  return html`<span class="sla ${clock.stage}" part="sla" title=${i18n.stamp(clock.dueAt)}>
    ${clock.leftMs < 0 ? i18n.t('inbox.slaOverdue', { target, time }) : i18n.t('inbox.slaDue', { target, time })}
  </span>`;
}

function renderMessage(m: ApiSupportMessage, ctx: ConversationViewContext): TemplateResult {
  const { i18n } = ctx;
  const kind = m.private ? 'note' : m.direction;
  const at = Date.parse(m.createdAt);
  return html`<li class="msg ${kind}" part="message ${kind === 'note' ? 'note' : ''}" data-message=${m.id}>
    <div class="msg-head">
      <span class="author">${m.author.name}</span>
      ${m.private ? html`<span class="badge">${i18n.t('inbox.noteBadge')}</span>` : nothing}
      <time datetime=${m.createdAt}>${i18n.time(at)}</time>
    </div>
    ${m.content ? html`<p>${m.content}</p>` : nothing} ${ctx.files(m)}
  </li>`;
}

const positiveInt = (form: HTMLFormElement, name: string): number | undefined => {
  const value = Number((form.elements.namedItem(name) as HTMLInputElement).value);
  return Number.isInteger(value) && value > 0 ? value : undefined;
};

function renderActions(ctx: ConversationViewContext): TemplateResult {
  const { i18n, conversation: c } = ctx;
  const statusButtons: SupportStatus[] =
    c.status === 'resolved'
      ? ['open']
      : c.status === 'pending'
        ? ['open', 'resolved']
        : ['pending', 'resolved'];
  const snooze = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const hours = Number((form.elements.namedItem('snooze-hours') as HTMLSelectElement).value);
    ctx.setStatus('snoozed', hours);
  };
  const priority = (e: Event) => {
    e.preventDefault();
    const select = (e.currentTarget as HTMLFormElement).elements.namedItem('priority') as HTMLSelectElement;
    ctx.setPriority(select.value as SupportPriority);
  };
  const assignTo = (field: 'agentId' | 'teamId') => (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const id = positiveInt(form, field);
    if (id === undefined) ctx.invalid(i18n.t('inbox.invalidId'));
    else ctx.assign(field === 'agentId' ? { agentId: id } : { teamId: id });
  };
  const labels = (e: Event) => {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('labels') as HTMLInputElement;
    ctx.setLabels(parseLabels(input.value));
  };
  return html`<section class="actions" part="actions" aria-labelledby="actions-title">
    <h3 id="actions-title">${i18n.t('inbox.actions')}</h3>
    <div class="row" role="group" aria-label=${i18n.t('inbox.filterStatus')}>
      ${statusButtons.map(
        (s) =>
          html`<button type="button" ?disabled=${ctx.busy} @click=${() => ctx.setStatus(s)} data-status=${s}>
            ${i18n.t(`inbox.do.${s as 'open' | 'pending' | 'resolved'}`)}
          </button>`,
      )}
    </div>
    <form class="row" @submit=${snooze}>
      <label
        >${i18n.t('inbox.snoozeFor')}
        <select name="snooze-hours">
          ${SNOOZE_HOURS.map((h) => html`<option value=${h}>${i18n.t(`inbox.snooze.${h}`)}</option>`)}
        </select>
      </label>
      <button type="submit" ?disabled=${ctx.busy}>${i18n.t('inbox.snooze')}</button>
    </form>
    <form class="row" @submit=${priority}>
      <label
        >${i18n.t('inbox.priority')}
        <select name="priority">
          ${SUPPORT_PRIORITIES.map(
            (p) =>
              html`<option value=${p} ?selected=${c.priority === p}>
                ${i18n.t(`inbox.priority.${p}`)}
              </option>`,
          )}
        </select>
      </label>
      <button type="submit" ?disabled=${ctx.busy}>${i18n.t('inbox.setPriority')}</button>
    </form>
    <div class="row">
      ${
        ctx.agentId
          ? html`<button
              type="button"
              ?disabled=${ctx.busy || c.assigneeId === ctx.agentId}
              @click=${() => ctx.assign({ agentId: ctx.agentId ?? 0 })}
            >
              ${i18n.t('inbox.assignToMe')}
            </button>`
          : nothing
      }
      <form class="inline" @submit=${assignTo('agentId')}>
        ${
          ctx.agents.length
            ? html`<label
                >${i18n.t('inbox.assignee')}
                <select name="agentId">
                  ${ctx.agents.map(
                    (a) => html`<option value=${a.id} ?selected=${a.id === c.assigneeId}>${a.name}</option>`,
                  )}
                </select>
              </label>`
            : html`<label
                >${i18n.t('inbox.agentId')}
                <input name="agentId" type="number" min="1" step="1" inputmode="numeric" required />
              </label>`
        }
        <button type="submit" ?disabled=${ctx.busy}>${i18n.t('inbox.assign')}</button>
      </form>
      <form class="inline" @submit=${assignTo('teamId')}>
        <label
          >${i18n.t('inbox.teamId')}
          <input name="teamId" type="number" min="1" step="1" inputmode="numeric" required />
        </label>
        <button type="submit" ?disabled=${ctx.busy}>${i18n.t('inbox.assignTeam')}</button>
      </form>
    </div>
    <form class="row" @submit=${labels}>
      <label class="grow"
        >${i18n.t('inbox.labelsInput')}
        <input name="labels" .value=${c.labels.join(', ')} maxlength="1000" />
      </label>
      <button type="submit" ?disabled=${ctx.busy}>${i18n.t('inbox.saveLabels')}</button>
    </form>
  </section>`;
}

export function renderConversationView(ctx: ConversationViewContext): TemplateResult {
  const { i18n, conversation: c } = ctx;
  const member = ctx.messages.find((m) => m.direction === 'member' && !m.private)?.author;
  const clocks = slaClocks(c, ctx.now);
  return html`<div class="with-panel">
    <article class="conversation" part="conversation" aria-labelledby="conv-title">
      <header class="conv-head">
        <h2 id="conv-title" tabindex="-1">${c.subject}</h2>
        <span class="status ${c.status}" part="status"
          >${i18n.t(`inbox.status.${c.status as SupportStatus}`)}</span
        >
      </header>
      <section class="context" part="context" aria-labelledby="context-title">
        <h3 id="context-title">${i18n.t('inbox.context')}</h3>
        <dl>
          <dt>${i18n.t('inbox.member')}</dt>
          <dd>${member ? html`${member.name} <span class="muted">(${member.id})</span>` : '—'}</dd>
          <dt>${i18n.t('inbox.community')}</dt>
          <dd>${c.communityId ? (ctx.communityName ?? c.communityId) : i18n.t('inbox.noCommunity')}</dd>
          <dt>${i18n.t('inbox.opened')}</dt>
          <dd><time datetime=${c.createdAt}>${i18n.stamp(Date.parse(c.createdAt))}</time></dd>
          <dt>${i18n.t('inbox.priority')}</dt>
          <dd>${i18n.t(`inbox.priority.${c.priority as SupportPriority}`)}</dd>
          <dt>${i18n.t('inbox.assignee')}</dt>
          <dd>
            ${c.assigneeId ? ctx.agentName(c.assigneeId) : i18n.t('inbox.unassigned')}
            ${c.teamId ? html` · ${i18n.t('inbox.teamN', { id: String(c.teamId) })}` : nothing}
          </dd>
          <dt>${i18n.t('inbox.labels')}</dt>
          <dd>
            ${
              c.labels.length
                ? c.labels.map((l) => html`<span class="label-chip" part="label">${l}</span> `)
                : i18n.t('inbox.noLabels')
            }
          </dd>
          <dt>${i18n.t('inbox.sla')}</dt>
          <dd class="sla-list">
            ${clocks.length ? clocks.map((clock) => renderSla(clock, i18n)) : i18n.t('inbox.slaNone')}
            ${
              c.breaches.length
                ? html`<span class="breached"
                    >${i18n.t('inbox.breached', {
                      targets: c.breaches
                        .map((b) =>
                          i18n.t(
                            b === 'first_response'
                              ? 'inbox.sla.firstResponse'
                              : b === 'next_response'
                                ? 'inbox.sla.nextResponse'
                                : 'inbox.sla.resolution',
                          ),
                        )
                        .join(', '),
                    })}</span
                  >`
                : nothing
            }
          </dd>
        </dl>
      </section>
      <section aria-labelledby="messages-title">
        <h3 id="messages-title">${i18n.t('inbox.messages')}</h3>
        ${
          ctx.messages.length
            ? html`<ol class="messages" part="messages">
                ${ctx.messages.map((m) => renderMessage(m, ctx))}
              </ol>`
            : html`<p class="muted">${i18n.t('inbox.noMessages')}</p>`
        }
      </section>
      ${renderComposer(ctx.composer)}
      ${ctx.error ? html`<p class="error" role="alert">${ctx.error}</p>` : nothing} ${renderActions(ctx)}
    </article>
    ${ctx.memberPanel ?? nothing}
  </div>`;
}
