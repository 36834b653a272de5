// The left column of <hub-inbox>: the connection banner, the filters (view, status, label,
// search) and the conversation list, whose buttons ArrowUp/ArrowDown/Home/End move between.
import { html, nothing, type TemplateResult } from 'lit';
import type { ClientState } from '../../realtime/client/index.js';
import { renderConnection } from '../shared/connection-banner.js';
import type { I18n } from '../shared/i18n/i18n.js';
import {
  INBOX_VIEWS,
  SUPPORT_STATUSES,
  type ApiSupportConversation,
  type InboxFilters,
  type SupportPriority,
  type SupportStatus,
} from '../shared/support-api.js';
import { renderSla } from './conversation-view.js';
import { matchesSearch, slaClocks } from './inbox-logic.js';

export interface ConversationListContext {
  i18n: I18n;
  state: ClientState;
  filters: InboxFilters;
  /** The label filter as typed. */
  label: string;
  search: string;
  agentId: number | undefined;
  /** An assignee's name ("Agent 2" until the agents' names are known). */
  agentName(id: number): string;
  conversations: ApiSupportConversation[];
  selectedId: string | undefined;
  loaded: boolean;
  error: string;
  now: number;
  reconnect(): void;
  setFilter(name: 'view' | 'status' | 'label', value: string): void;
  setSearch(value: string): void;
  select(c: ApiSupportConversation): void;
}

function renderFilters(ctx: ConversationListContext): TemplateResult {
  const { i18n, filters } = ctx;
  const views = INBOX_VIEWS.filter((v) => v !== 'mine' || ctx.agentId);
  const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
  return html`<div class="filters" part="filters">
    <label
      >${i18n.t('inbox.view')}
      <select @change=${(e: Event) => ctx.setFilter('view', value(e))}>
        ${views.map(
          (v) =>
            html`<option value=${v} ?selected=${filters.view === v}>${i18n.t(`inbox.view.${v}`)}</option>`,
        )}
      </select>
    </label>
    <label
      >${i18n.t('inbox.filterStatus')}
      <select @change=${(e: Event) => ctx.setFilter('status', value(e))}>
        ${SUPPORT_STATUSES.map(
          (s) =>
            html`<option value=${s} ?selected=${filters.status === s}>
              ${i18n.t(`inbox.status.${s}`)}
            </option>`,
        )}
        <option value="all" ?selected=${filters.status === 'all'}>${i18n.t('inbox.all')}</option>
      </select>
    </label>
    <label
      >${i18n.t('inbox.filterLabel')}
      <input
        type="text"
        .value=${ctx.label}
        maxlength="50"
        @change=${(e: Event) => ctx.setFilter('label', value(e).trim().toLowerCase())}
      />
    </label>
    <label class="search"
      >${i18n.t('inbox.search')}
      <input type="search" .value=${ctx.search} @input=${(e: Event) => ctx.setSearch(value(e))} />
    </label>
  </div>`;
}

/** Arrow keys, Home and End move between conversations in the list. */
function listKeydown(e: KeyboardEvent): void {
  const list = e.currentTarget as HTMLElement;
  const buttons = [...list.querySelectorAll<HTMLButtonElement>('button')];
  const index = buttons.indexOf(e.target as HTMLButtonElement);
  const next =
    e.key === 'ArrowDown'
      ? buttons[index + 1]
      : e.key === 'ArrowUp'
        ? buttons[index - 1]
        : e.key === 'Home'
          ? buttons[0]
          : e.key === 'End'
            ? buttons[buttons.length - 1]
            : undefined;
  if (!next) return;
  e.preventDefault();
  next.focus();
}

function renderItem(ctx: ConversationListContext, c: ApiSupportConversation): TemplateResult {
  const { i18n } = ctx;
  const clock = slaClocks(c, ctx.now)[0];
  const selected = c.id === ctx.selectedId;
  return html`<li>
    <button
      part="conversation-item"
      class="conv-item ${selected ? 'selected' : ''}"
      aria-current=${selected ? 'true' : nothing}
      data-conversation=${c.id}
      @click=${() => ctx.select(c)}
    >
      <span class="subject">${c.subject}</span>
      <span class="meta">
        ${i18n.t(`inbox.status.${c.status as SupportStatus}`)} ·
        ${i18n.t(`inbox.priority.${c.priority as SupportPriority}`)} ·
        ${c.assigneeId ? ctx.agentName(c.assigneeId) : i18n.t('inbox.unassigned')}
      </span>
      ${c.labels.length ? html`<span class="labels">${c.labels.join(', ')}</span>` : nothing}
      ${clock ? renderSla(clock, i18n) : nothing}
    </button>
  </li>`;
}

export function renderConversationList(ctx: ConversationListContext): TemplateResult {
  const { i18n } = ctx;
  const shown = ctx.conversations.filter((c) => matchesSearch(c, ctx.search));
  return html`<section class="list" aria-labelledby="inbox-title">
    <header>
      <h2 id="inbox-title">${i18n.t('inbox.label')}</h2>
    </header>
    ${renderConnection(ctx.state, 0, ctx.i18n, ctx.reconnect)} ${renderFilters(ctx)}
    ${shown.length === 0 && ctx.loaded ? html`<p class="muted empty">${i18n.t('inbox.empty')}</p>` : nothing}
    ${ctx.error ? html`<p class="error empty" role="alert">${ctx.error}</p>` : nothing}
    <ul
      class="conv-list"
      part="conversation-list"
      aria-label=${i18n.t('inbox.conversations')}
      @keydown=${listKeydown}
    >
      ${shown.map((c) => renderItem(ctx, c))}
    </ul>
  </section>`;
}
