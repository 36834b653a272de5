// The member's "New conversation" form in <hub-chat>'s support view: a subject, a first message
// and its files (the same attach button, paste, drop and chips as the composer, from the view's
// SupportAttachController, uploaded before the conversation exists). The text may be left empty
// when files are attached; the view decides and sends (hub-chat-support.ts).
import { html, nothing, type TemplateResult } from 'lit';
import type { I18n } from '../../shared/i18n/i18n.js';
import type { SupportAttachController } from '../../shared/support-attach-controller.js';

export interface StartFormContext {
  i18n: I18n;
  files: SupportAttachController;
  /** The member has conversations: the form says how to start another and offers Cancel. */
  some: boolean;
  busy: boolean;
  submit: (e: SubmitEvent) => void;
  cancel: () => void;
}

/** What the form holds, read when it is sent (the text trimmed). */
export function startFormInput(form: HTMLFormElement): { subject: string; message: string } {
  const data = new FormData(form);
  return {
    subject: String(data.get('subject') ?? '').trim(),
    message: String(data.get('message') ?? '').trim(),
  };
}

export function renderStartForm(c: StartFormContext): TemplateResult {
  const i18n = c.i18n;
  return html`<header part="support-header" class="support-header">
      <h2 id="support-title">${i18n.t('support.title')}</h2>
    </header>
    <form part="support-start" class="start" aria-labelledby="support-title" @submit=${c.submit}>
      <p class="empty">${c.some ? i18n.t('support.startHint') : i18n.t('support.none')}</p>
      <label
        >${i18n.t('support.subject')} <input name="subject" required maxlength="200" autocomplete="off"
      /></label>
      <label
        >${i18n.t('support.firstMessage')}
        <textarea name="message" maxlength="4000" rows="4" @paste=${c.files.paste}></textarea>
      </label>
      ${c.files.renderUploads(i18n)}
      <div class="actions">
        ${c.files.renderButton(i18n, c.busy)}
        <button type="submit" class="primary" ?disabled=${c.busy}>${i18n.t('support.start')}</button>
        ${c.some ? html`<button type="button" @click=${c.cancel}>${i18n.t('chat.cancel')}</button>` : nothing}
      </div>
    </form>
    ${c.files.renderDropZone(i18n)}`;
}
