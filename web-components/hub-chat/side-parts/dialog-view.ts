// <hub-chat>'s modal dialog as shown: confirming a delete, or reporting a message with a reason.
// Its state (which dialog, focus in and back) is ../parts/dialog.ts, in the main bundle; this
// template is in the side-parts chunk (../side-parts-loader.ts), loaded before a dialog opens.
import { html, nothing, type TemplateResult } from 'lit';
import type { I18n } from '../../shared/i18n/i18n.js';
import type { ChatMessage } from '../../shared/message-store.js';

/** Which dialog: confirming a delete, or reporting with a reason. */
export type DialogMode =
  | { kind: 'delete'; message: ChatMessage; confirm: () => void }
  | { kind: 'report'; message: ChatMessage; submit: (reason: string) => Promise<unknown> | undefined };

export interface DialogView {
  mode: DialogMode;
  i18n: I18n;
  /** Why the last report failed, or ''. */
  error: string;
  close(): void;
  failed(err: unknown): void;
}

export function renderDialog(d: DialogView): TemplateResult {
  const { mode, i18n } = d;
  const excerpt = mode.message.body.length > 140 ? `${mode.message.body.slice(0, 139)}…` : mode.message.body;
  return html`<dialog
    part="dialog"
    aria-labelledby="dialog-title"
    @cancel=${(e: Event) => {
      e.preventDefault();
      d.close();
    }}
  >
    <form
      method="dialog"
      @submit=${async (e: Event) => {
        e.preventDefault();
        if (mode.kind === 'delete') {
          mode.confirm();
          return d.close();
        }
        const reason = (e.currentTarget as HTMLFormElement).querySelector('textarea')?.value.trim() ?? '';
        if (!reason) return;
        try {
          await mode.submit(reason);
          d.close();
        } catch (err) {
          d.failed(err);
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
      ${d.error ? html`<p class="error" role="alert">${d.error}</p>` : nothing}
      <div class="dialog-buttons">
        <button type="button" @click=${() => d.close()}>${i18n.t('chat.cancel')}</button>
        <button type="submit" class="primary">
          ${mode.kind === 'delete' ? i18n.t('chat.delete') : i18n.t('chat.report')}
        </button>
      </div>
    </form>
  </dialog>`;
}
