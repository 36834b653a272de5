// The modal dialog of <hub-chat> (native <dialog>: focus moves in, Escape closes, focus returns):
// confirming a delete, and reporting a message with a reason.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { I18n } from '../../shared/i18n/i18n.js';
import type { ChatMessage } from '../../shared/message-store.js';

type Mode =
  | { kind: 'delete'; message: ChatMessage; confirm: () => void }
  | { kind: 'report'; message: ChatMessage; submit: (reason: string) => Promise<unknown> | undefined };

export class ChatDialog {
  private mode: Mode | undefined;
  private returnFocus: HTMLElement | null = null;
  private error = '';

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { i18n: I18n }) {}

  confirmDelete(message: ChatMessage, confirm: () => void): void {
    this.open({ kind: 'delete', message, confirm });
  }

  report(message: ChatMessage, submit: (reason: string) => Promise<unknown> | undefined): void {
    this.open({ kind: 'report', message, submit });
  }

  private open(mode: Mode): void {
    this.returnFocus = (this.host.shadowRoot?.activeElement as HTMLElement | null) ?? null;
    this.mode = mode;
    this.error = '';
    this.host.requestUpdate();
    void (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() => {
      this.element()?.showModal();
      this.element()?.querySelector<HTMLElement>('textarea, button.primary')?.focus();
    });
  }

  private element(): HTMLDialogElement | null | undefined {
    return this.host.shadowRoot?.querySelector('dialog');
  }

  private close(): void {
    this.element()?.close();
    this.mode = undefined;
    this.host.requestUpdate();
    this.returnFocus?.focus();
  }

  render(): TemplateResult | typeof nothing {
    const mode = this.mode;
    if (!mode) return nothing;
    const i18n = this.host.i18n;
    const excerpt =
      mode.message.body.length > 140 ? `${mode.message.body.slice(0, 139)}…` : mode.message.body;
    return html`<dialog
      part="dialog"
      aria-labelledby="dialog-title"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.close();
      }}
    >
      <form
        method="dialog"
        @submit=${async (e: Event) => {
          e.preventDefault();
          if (mode.kind === 'delete') {
            mode.confirm();
            return this.close();
          }
          const reason = (e.currentTarget as HTMLFormElement).querySelector('textarea')?.value.trim() ?? '';
          if (!reason) return;
          try {
            await mode.submit(reason);
            this.close();
          } catch (err) {
            this.error = err instanceof Error ? err.message : String(err);
            this.host.requestUpdate();
          }
        }}
      >
        <h2 id="dialog-title">
          ${mode.kind === 'delete' ? i18n.t('chat.confirmDelete') : i18n.t('chat.report')}
        </h2>
        <blockquote><strong>${mode.message.author.name}</strong>: ${excerpt}</blockquote>
        ${
          mode.kind === 'report'
            ? html`<label>
                ${i18n.t('chat.reportReason')}
                <textarea name="reason" required maxlength="500" rows="3"></textarea>
              </label>`
            : nothing
        }
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="dialog-buttons">
          <button type="button" @click=${() => this.close()}>${i18n.t('chat.cancel')}</button>
          <button type="submit" class="primary">
            ${mode.kind === 'delete' ? i18n.t('chat.delete') : i18n.t('chat.report')}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}
