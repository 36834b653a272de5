// <hub-mod-queue>: the moderators' review queue of a community. See docs/widgets.md.
import { html, nothing, type PropertyValues } from 'lit';
import type { HubClient, Subscription } from '../../realtime/client/index.js';
import { Announcer } from '../shared/announcer.js';
import {
  CASE_SOURCES,
  CASE_STATUSES,
  type ApiAuditEntry,
  type ApiCase,
  type ApiCaseDetail,
  type CaseAction,
  type CaseSource,
  type CaseStatus,
  type HubApi,
} from '../shared/api.js';
import { emit } from '../shared/events.js';
import { HubCommunityElement } from '../shared/hub-element.js';
import { renderConnection } from '../shared/connection-banner.js';
import { renderCaseView } from './case-view.js';
import { SettingsPanel } from './settings-panel.js';
import { styles } from './hub-mod-queue.styles.js';
import { modsTopic } from '../../protocol/topics.js';

/**
 * The moderators' queue: cases with filters, a case with its context and scores, decisions
 * with a reason, new cases live, and each case's audit trail.
 *
 * @summary The moderators' review queue of a community.
 *
 * @event hub-case-opened - A new case arrived: `{caseId, source}`.
 * @event hub-case-decided - The moderator decided a case: `{caseId, action}`.
 *
 * @csspart filters - The filter bar.
 * @csspart case-list - The list of cases.
 * @csspart case-item - One case in the list.
 * @csspart case - The open case.
 * @csspart flagged-message - The flagged message.
 * @csspart context-message - Messages around it.
 * @csspart files - The flagged message's files (thumbnails and cards, a reported one marked).
 * @csspart scores - The scores.
 * @csspart decision-form - Reason and decision buttons.
 * @csspart decision - A decided case's decision.
 * @csspart audit - The audit trail.
 * @csspart connection - The connection banner.
 * @csspart settings - The AutoMod settings panel (levels per category, test a message).
 * @csspart preview - What AutoMod would decide about the tested message.
 *
 * @cssproperty --hub-mod-queue-height - Height (36rem).
 */
export class HubModQueue extends HubCommunityElement {
  static override styles = styles;

  static override properties = {
    status: { type: String },
    source: { type: String },
  };

  /** The status filter: `open` (default), `claimed`, `resolved` or empty for all. */
  declare status: string;
  /** The source filter: `report`, `automod`, `scoring` or empty (default) for all. */
  declare source: string;

  private cases: ApiCase[] = [];
  private nextBefore: string | null = null;
  private selected: ApiCaseDetail | undefined;
  private audit: ApiAuditEntry[] = [];
  private communityId = '';
  private busy = false;
  private error = '';
  private notice = '';
  private readonly announcer: Announcer;
  private api: HubApi | undefined;
  private subscription: Subscription | undefined;
  private stops: (() => void)[] = [];
  private readonly settings = new SettingsPanel(this, () => ({
    api: this.api,
    communityId: this.communityId,
    i18n: this.i18n,
  }));

  constructor() {
    super();
    this.status = 'open';
    this.source = '';
    this.announcer = new Announcer(this, (count) => this.i18n.t('chat.newMessagesCount', { count }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('status') || changed.has('source')) && this.api && this.communityId)
      void this.loadCases();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  private stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  protected override async start(client: HubClient, api: HubApi): Promise<void> {
    this.stop();
    this.api = api;
    try {
      const community = await api.community(this.community);
      this.communityId = community.id;
      this.settings.communityKnown();
      const sub = client.subscribe(modsTopic(community.id));
      this.subscription = sub;
      this.stops.push(
        // After a reconnect that could not recover, reload: cases may have changed meanwhile.
        sub.on('subscribed', (e) => {
          if (!e.recovered) void this.loadCases();
        }),
        sub.on('publication', (pub) => this.live(pub.data as { kind?: string; case?: ApiCase })),
      );
    } catch (err) {
      this.fail(err);
    }
  }

  private async loadCases(more = false): Promise<void> {
    if (!this.api) return;
    try {
      const page = await this.api.cases(this.communityId, {
        ...(this.status ? { status: this.status as CaseStatus } : {}),
        ...(this.source ? { source: this.source as CaseSource } : {}),
        ...(more && this.nextBefore ? { before: this.nextBefore } : {}),
      });
      this.cases = more ? [...this.cases, ...page.items] : page.items;
      this.nextBefore = page.nextBefore;
      this.error = '';
    } catch (err) {
      this.fail(err);
    }
    this.requestUpdate();
  }

  private inFilters(c: ApiCase): boolean {
    return (!this.status || c.status === this.status) && (!this.source || c.source === this.source);
  }

  /** A case opened or changed: keep the list and the open case current. */
  private live(event: { kind?: string; case?: ApiCase }): void {
    const c = event.case;
    if (!c) return;
    const known = this.cases.findIndex((x) => x.id === c.id);
    if (known >= 0) {
      if (this.inFilters(c)) this.cases[known] = c;
      else this.cases.splice(known, 1);
    } else if (this.inFilters(c)) {
      this.cases = [c, ...this.cases];
    }
    if (event.kind === 'case.opened' || event.kind === 'case.created') {
      this.announcer.announce(this.i18n.t('mod.newCase', { source: this.i18n.t(`mod.source.${c.source}`) }));
      emit(this, 'hub-case-opened', { caseId: c.id, source: c.source });
    }
    if (this.selected?.case.id === c.id) {
      this.selected = { ...this.selected, case: c };
      void this.loadAudit(c.id);
    }
    this.requestUpdate();
  }

  private async select(c: ApiCase): Promise<void> {
    if (!this.api) return;
    try {
      this.selected = await this.api.caseDetail(c.id);
      this.error = '';
      this.notice = '';
      await this.loadAudit(c.id);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#case-title')?.focus();
    } catch (err) {
      this.fail(err);
    }
  }

  /** The audit entries of one case, from the community's latest audit pages. */
  private async loadAudit(caseId: string): Promise<void> {
    if (!this.api) return;
    try {
      const page = await this.api.audit(this.communityId);
      this.audit = page.items.filter((e) => e.target.id === caseId).sort((a, b) => a.seq - b.seq);
    } catch {
      this.audit = [];
    }
    this.requestUpdate();
  }

  private async decide(action: CaseAction, reason: string, durationS?: number): Promise<void> {
    const selected = this.selected;
    if (!this.api || !selected) return;
    if (!reason) {
      this.error = this.i18n.t('mod.reasonRequired');
      this.requestUpdate();
      return;
    }
    this.busy = true;
    this.requestUpdate();
    try {
      const { case: decided } = await this.api.decide(selected.case.id, action, reason, durationS);
      this.live({ kind: 'case.updated', case: decided });
      this.notice = this.i18n.t('mod.decisionDone', { action: this.i18n.t(`mod.action.${action}`) });
      this.error = '';
      emit(this, 'hub-case-decided', { caseId: decided.id, action });
    } catch (err) {
      this.fail(err);
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  private async claim(on: boolean): Promise<void> {
    const selected = this.selected;
    if (!this.api || !selected) return;
    try {
      const { case: claimed } = await this.api.claim(selected.case.id, on);
      this.live({ kind: 'case.updated', case: claimed });
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    const e = err as { code?: string; message?: string };
    this.error = e.message ?? String(err);
    emit(this, 'hub-error', { code: e.code ?? 'internal', message: this.error });
    this.requestUpdate();
  }

  /** Arrow keys move between cases in the list. */
  private listKeydown(e: KeyboardEvent): void {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.case-list button')];
    const index = buttons.indexOf(e.target as HTMLButtonElement);
    const next = buttons[index + (e.key === 'ArrowDown' ? 1 : -1)];
    if (!next) return;
    e.preventDefault();
    next.focus();
  }

  override render() {
    const i18n = this.i18n;
    const selectedId = this.selected?.case.id;
    return html`<div class="layout" lang=${i18n.locale}>
      <section class="list" aria-labelledby="queue-title">
        <header>
          <h2 id="queue-title">${i18n.t('mod.label')}</h2>
          <button
            type="button"
            class="settings-toggle"
            aria-expanded=${this.settings.open ? 'true' : 'false'}
            @click=${() => void this.settings.toggle()}
          >
            ${i18n.t('mod.settings')}
          </button>
        </header>
        ${renderConnection(this.conn.state, 0, i18n, () => this.conn.reconnectNow())}
        <div class="filters" part="filters">
          <label
            >${i18n.t('mod.filterStatus')}
            <select @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.status}>${i18n.t('mod.all')}</option>
              ${CASE_STATUSES.map(
                (s) =>
                  html`<option value=${s} ?selected=${this.status === s}>
                    ${i18n.t(`mod.status.${s}`)}
                  </option>`,
              )}
            </select>
          </label>
          <label
            >${i18n.t('mod.filterSource')}
            <select @change=${(e: Event) => (this.source = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.source}>${i18n.t('mod.all')}</option>
              ${CASE_SOURCES.map(
                (s) =>
                  html`<option value=${s} ?selected=${this.source === s}>
                    ${i18n.t(`mod.source.${s}`)}
                  </option>`,
              )}
            </select>
          </label>
        </div>
        ${this.cases.length === 0 ? html`<p class="muted empty">${i18n.t('mod.empty')}</p>` : nothing}
        <ul class="case-list" part="case-list" aria-label=${i18n.t('mod.cases')} @keydown=${this.listKeydown}>
          ${this.cases.map(
            (c) =>
              html`<li>
                <button
                  part="case-item"
                  class="case-item ${c.id === selectedId ? 'selected' : ''}"
                  aria-current=${c.id === selectedId ? 'true' : nothing}
                  data-case=${c.id}
                  @click=${() => void this.select(c)}
                >
                  <span class="source ${c.source}">${i18n.t(`mod.source.${c.source}`)}</span>
                  <span class="reason">${c.flags[0]?.reason ?? ''}</span>
                  <span class="when">
                    ${i18n.t(`mod.status.${c.status}`)} ·
                    <time datetime=${new Date(c.createdAt).toISOString()}>${i18n.time(c.createdAt)}</time>
                  </span>
                </button>
              </li>`,
          )}
        </ul>
        ${
          this.nextBefore
            ? html`<button type="button" class="more" @click=${() => void this.loadCases(true)}>
                ${i18n.t('mod.loadMore')}
              </button>`
            : nothing
        }
      </section>
      <section class="detail" aria-label=${i18n.t('mod.case')}>
        ${this.settings.render()}
        ${this.notice ? html`<p class="banner" role="status">${this.notice}</p>` : nothing}
        ${
          this.selected
            ? renderCaseView({
                detail: this.selected,
                audit: this.audit,
                i18n,
                endpoint: this.endpoint,
                meId: this.conn.me?.id,
                busy: this.busy,
                error: this.error,
                decide: (action, reason, durationS) => void this.decide(action, reason, durationS),
                claim: (on) => void this.claim(on),
              })
            : html`<p class="muted empty">
                ${this.error ? html`<span class="error" role="alert">${this.error}</span>` : i18n.t('mod.selectCase')}
              </p>`
        }
      </section>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        ${this.announcer.text}
      </div>
    </div>`;
  }
}
