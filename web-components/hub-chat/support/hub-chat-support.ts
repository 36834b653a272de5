// <hub-chat-support>: the member's support conversations inside <hub-chat> (its "Support"
// entry), loaded on first use so the chat's first download stays small. Not meant for pages on
// its own: <hub-chat> gives it its connection, API, member and strings. Files: the attach
// button, paste and drop (../../shared/support-attach-controller.ts), in the composer and in the
// form that starts a conversation (support-start.ts). See docs/widgets.md.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { SupportConversationView, SupportMessageView } from '../../../protocol/index.js';
import type { HubClient } from '../../../realtime/client/index.js';
import { Announcer } from '../../shared/announcer.js';
import type { HubApi } from '../../shared/api.js';
import type { FailureWords } from '../attachments/upload-failure.js';
import { SupportAttachController } from '../../shared/support-attach-controller.js';
import { supportNewUploadPath, supportUploadPath } from '../../shared/support-files.js';
import { emit } from '../../shared/events.js';
import { I18n } from '../../shared/i18n/i18n.js';
import type { MessageKey } from '../../shared/i18n/en.js';
import { SupportController } from './support-controller.js';
import { renderStartForm, startFormInput } from './support-start.js';
import type { SupportChange } from './support-state.js';
import { styles } from './support.styles.js';

const STATUS_KEYS: Record<string, MessageKey> = {
  open: 'inbox.status.open',
  pending: 'inbox.status.pending',
  snoozed: 'inbox.status.snoozed',
  resolved: 'inbox.status.resolved',
};

export class HubChatSupport extends LitElement {
  static override styles = styles;

  static override properties = {
    client: { attribute: false },
    api: { attribute: false },
    me: { attribute: false },
    i18n: { attribute: false },
    communityId: { attribute: false },
    fallback: { attribute: false },
  };

  declare client: HubClient | undefined;
  declare api: HubApi | undefined;
  declare me: { id: string; name: string } | undefined;
  declare i18n: I18n;
  /** The community the member is in, sent with a new conversation for the agents' context. */
  declare communityId: string | undefined;
  /** The chat's send-failure wording (../send-failure.ts), for refused uploads: from its bundle. */
  declare fallback: FailureWords;

  /** The member chose "New conversation" (the form shows even when they have some). */
  private starting = false;
  private busy = false;
  private error = '';
  private draft = '';
  private shownCount = 0;
  private readonly support: SupportController;
  private readonly announcer: Announcer;
  /** Files of the open conversation's composer and of its messages, or of the start form. */
  private readonly files = new SupportAttachController(
    this,
    () => {
      if (!this.api) return undefined;
      const open = this.support.state.open;
      if (open)
        return open.status !== 'resolved'
          ? { api: this.api, uploadPath: supportUploadPath(open.id) }
          : undefined;
      return this.startShown()
        ? { api: this.api, uploadPath: supportNewUploadPath(this.communityId) }
        : undefined;
    },
    (error, body, i18n) => this.fallback(error, body, i18n),
  );

  constructor() {
    super();
    this.i18n = new I18n();
    this.support = new SupportController(
      this,
      (change) => this.changed(change),
      (name) => this.announcer.announce(this.i18n.t('support.typing', { name })),
    );
    this.announcer = new Announcer(this, (count) => this.i18n.t('support.replies', { count }));
    // Files dropped anywhere on the open conversation.
    this.addEventListener('dragenter', this.files.dragover);
    this.addEventListener('dragover', this.files.dragover);
    this.addEventListener('dragleave', this.files.dragleave);
    this.addEventListener('drop', this.files.drop);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('api') || changed.has('me'))
      this.support.follow(
        this.client && this.api && this.me ? { client: this.client, api: this.api, me: this.me } : undefined,
      );
  }

  protected override updated(): void {
    // New messages: keep the latest in view.
    const count = this.support.state.messages.length;
    if (count !== this.shownCount) {
      this.shownCount = count;
      const scroller = this.renderRoot.querySelector('.scroller');
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
    }
  }

  private changed(change: SupportChange): void {
    if (change.kind === 'conversation') {
      const c = change.conversation;
      // The open conversation resolved, reopened, snoozed: say so.
      if (c.id === this.support.state.openId && change.previousStatus && change.previousStatus !== c.status)
        this.announcer.announce(`${this.i18n.t('support.statusLabel')} ${this.statusLabel(c.status)}`);
      return;
    }
    if (change.kind !== 'reply') return;
    const m = change.message;
    this.announcer.announce(
      this.i18n.t('support.replyFrom', { name: m.author.name, excerpt: m.content.slice(0, 120) }),
    );
    emit(this, 'hub-support-reply', { conversationId: change.conversationId, messageId: m.id });
  }

  private async act(work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    this.requestUpdate();
    try {
      await work();
    } catch (err) {
      const e = err as { code?: string; message?: string };
      this.error = this.i18n.t('error.generic', { message: e.message ?? String(err) });
      emit(this, 'hub-error', { code: e.code ?? 'internal', message: e.message ?? String(err) });
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  private focus_(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  private open(c: SupportConversationView): void {
    void this.act(async () => {
      await this.support.open(c.id);
      this.focus_('#support-input, .resolved button');
    });
  }

  private back(): void {
    this.support.close();
    this.starting = false;
    this.error = '';
    this.focus_('.item, form.start input');
  }

  private newConversation(): void {
    this.support.close();
    this.starting = true;
    this.error = '';
    this.requestUpdate();
    this.focus_('form.start input');
  }

  /** The form that starts a conversation is what the view shows. */
  private startShown(): boolean {
    const support = this.support;
    if (support.failure || support.loading || support.state.open) return false;
    return this.starting || support.state.conversations.length === 0;
  }

  private start(e?: Event): void {
    e?.preventDefault();
    const form = this.renderRoot.querySelector<HTMLFormElement>('form.start');
    // Uploads in progress: sent once they have finished.
    if (!form || this.files.deferred(() => this.start())) return;
    const { subject, message } = startFormInput(form);
    const attachments = this.files.attached;
    if (!subject) return;
    if (!message && !attachments.length) {
      // Text or files: the browser says the text is missing, as for a required field.
      const box = form.querySelector('textarea');
      if (box) {
        box.required = true;
        box.reportValidity();
        box.required = false;
      }
      return;
    }
    const language = this.i18n.locale.toLowerCase().split('-')[0] ?? '';
    void this.act(async () => {
      const id = await this.support.start({
        subject,
        message,
        ...(attachments.length ? { attachments } : {}),
        ...(this.communityId ? { communityId: this.communityId } : {}),
        ...(/^[a-z]{2,8}$/.test(language) ? { language } : {}),
      });
      this.starting = false;
      form.reset();
      this.files.clear();
      emit(this, 'hub-support-sent', { conversationId: id, started: true });
      this.focus_('#support-input');
    });
  }

  private send(e?: Event): void {
    e?.preventDefault();
    const id = this.support.state.openId;
    // Uploads in progress: sent once they have finished.
    if (!id || this.files.deferred(() => this.send())) return;
    const content = this.draft.trim();
    const attachments = this.files.attached;
    if (!content && !attachments.length) return;
    void this.act(async () => {
      await this.support.write(content, attachments);
      this.draft = '';
      this.files.clear();
      emit(this, 'hub-support-sent', { conversationId: id, started: false });
      this.focus_('#support-input');
    });
  }

  private keydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) this.send(e);
  }

  private statusLabel(status: string): string {
    const key = STATUS_KEYS[status];
    return key ? this.i18n.t(key) : status;
  }

  override render() {
    const i18n = this.i18n;
    const state = this.support.state;
    const open = state.open;
    const live = html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      ${this.announcer.text}
    </div>`;
    const error = this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
    if (this.support.failure)
      return html`<p class="error" role="alert">
        ${this.support.failure === 'not_found' ? i18n.t('support.unavailable') : i18n.t('error.generic', { message: this.support.failure })}
      </p>`;
    if (this.support.loading)
      return html`<p class="scroller empty" role="status">${i18n.t('support.loading')}</p>`;
    if (open) return html`${this.renderConversation(open, state.messages)} ${error} ${live}`;
    if (this.starting || state.conversations.length === 0)
      return html`${this.renderStart()} ${error} ${live}`;
    return html`${this.renderList(state.conversations)} ${error} ${live}`;
  }

  private renderList(items: SupportConversationView[]) {
    const i18n = this.i18n;
    return html`<header part="support-header" class="support-header">
        <h2 id="support-title">${i18n.t('support.conversations')}</h2>
        <button type="button" class="primary" @click=${() => this.newConversation()}>
          ${i18n.t('support.new')}
        </button>
      </header>
      <div class="scroller">
        <ul part="support-list" aria-labelledby="support-title">
          ${items.map((c) => {
            const unseen = this.support.state.unseen.has(c.id);
            return html`<li>
              <button
                type="button"
                part="support-item"
                class="item"
                data-conversation=${c.id}
                @click=${() => this.open(c)}
              >
                ${unseen ? html`<span class="unseen" aria-hidden="true"></span>` : nothing}
                <span class="subject">${c.subject}</span>
                ${unseen ? html`<span class="visually-hidden">${i18n.t('support.newReply')}</span>` : nothing}
                <span class="status ${c.status}">${this.statusLabel(c.status)}</span>
                <time class="when" datetime=${c.updatedAt}>${i18n.stamp(Date.parse(c.updatedAt))}</time>
              </button>
            </li>`;
          })}
        </ul>
      </div>`;
  }

  private renderStart() {
    return renderStartForm({
      i18n: this.i18n,
      files: this.files,
      some: this.support.state.conversations.length > 0,
      busy: this.busy,
      submit: (e) => this.start(e),
      cancel: () => this.back(),
    });
  }

  private renderConversation(c: SupportConversationView, messages: SupportMessageView[]) {
    const i18n = this.i18n;
    const names = this.support.state.typingNames();
    const typing =
      names.length === 0
        ? ''
        : names.length === 1
          ? i18n.t('support.typing', { name: names[0] ?? '' })
          : i18n.t('chat.typing.many');
    return html`<header part="support-header" class="support-header">
        <button type="button" @click=${() => this.back()}>${i18n.t('support.back')}</button>
        <h2 id="support-title">${c.subject}</h2>
        <span part="support-status" class="status ${c.status}" data-status=${c.status}>
          <span class="visually-hidden">${i18n.t('support.statusLabel')}</span> ${this.statusLabel(c.status)}
        </span>
      </header>
      <div class="scroller" tabindex="0" aria-label=${i18n.t('support.messages', { subject: c.subject })}>
        <ol part="support-messages">
          ${messages.map(
            (m) =>
              html`<li
                part="support-message support-${m.direction}"
                class="message ${m.direction}"
                data-id=${m.id}
              >
                <div class="meta">
                  <span class="author"
                    >${m.direction === 'member' ? i18n.t('support.you') : m.author.name}</span
                  >
                  <time datetime=${m.createdAt}>${i18n.time(Date.parse(m.createdAt))}</time>
                </div>
                ${m.content ? html`<p class="body">${m.content}</p>` : nothing}
                ${this.files.renderFiles(m, c.id, i18n)}
              </li>`,
          )}
        </ol>
      </div>
      <div part="support-typing" class="typing">${typing}</div>
      ${
        c.status === 'resolved'
          ? html`<div part="support-resolved" class="resolved">
              <p>${i18n.t('support.resolvedNote')}</p>
              <button
                type="button"
                ?disabled=${this.busy}
                @click=${() => void this.act(() => this.support.reopen())}
              >
                ${i18n.t('support.reopen')}
              </button>
              <button type="button" @click=${() => this.newConversation()}>${i18n.t('support.new')}</button>
            </div>`
          : html`<form part="support-composer" class="composer" @submit=${(e: Event) => this.send(e)}>
              ${this.files.renderUploads(i18n)}
              <div class="row">
                <label class="visually-hidden" for="support-input">${i18n.t('support.composer')}</label>
                <textarea
                  id="support-input"
                  part="support-input"
                  rows="2"
                  maxlength="4000"
                  .value=${this.draft}
                  @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}
                  @keydown=${(e: KeyboardEvent) => this.keydown(e)}
                  @paste=${this.files.paste}
                ></textarea>
                ${this.files.renderButton(i18n, this.busy)}
                <button type="submit" part="support-send" class="primary" ?disabled=${this.busy}>
                  ${i18n.t('chat.send')}
                </button>
              </div>
            </form>`
      }
      ${this.files.renderDropZone(i18n)}`;
  }
}

customElements.define('hub-chat-support', HubChatSupport);

declare global {
  interface HTMLElementTagNameMap {
    'hub-chat-support': HubChatSupport;
  }
}
