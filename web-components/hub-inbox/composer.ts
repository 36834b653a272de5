// The reply box of <hub-inbox>: reply or private note, canned responses offered as a listbox
// while a `/shortcut` is typed (arrows choose, Enter or Tab inserts, Escape closes), and files:
// the attach button, a paste into the box, the chips of the pending uploads.
import { html, nothing, type TemplateResult } from 'lit';
import type { I18n } from '../shared/i18n/i18n.js';
import type { ApiCannedResponse } from '../shared/support-api.js';
import type { Shortcut } from './inbox-logic.js';

export interface ComposerContext {
  i18n: I18n;
  mode: 'reply' | 'note';
  text: string;
  busy: boolean;
  shortcut: Shortcut | undefined;
  suggestions: ApiCannedResponse[];
  active: number;
  setMode(mode: 'reply' | 'note'): void;
  input(e: InputEvent): void;
  paste(e: ClipboardEvent): void;
  /** The pending uploads' chips, and the attach button. */
  uploads: TemplateResult;
  attach: TemplateResult;
  keydown(e: KeyboardEvent): void;
  pick(c: ApiCannedResponse): void;
  submit(): void;
}

/** Send is not disabled without text: a message may be files alone (an empty send does nothing). */
export function renderComposer(ctx: ComposerContext): TemplateResult {
  const { i18n } = ctx;
  const open = ctx.shortcut !== undefined;
  const note = ctx.mode === 'note';
  return html`<form
    class="composer ${note ? 'note' : ''}"
    part="composer"
    @submit=${(e: Event) => {
      e.preventDefault();
      ctx.submit();
    }}
  >
    <fieldset class="mode">
      <legend class="visually-hidden">${i18n.t('inbox.mode')}</legend>
      ${(['reply', 'note'] as const).map(
        (m) =>
          html`<label class="mode-option ${ctx.mode === m ? 'checked' : ''}">
            <input
              type="radio"
              name="mode"
              value=${m}
              .checked=${ctx.mode === m}
              @change=${() => ctx.setMode(m)}
            />
            ${i18n.t(`inbox.mode.${m}`)}
          </label>`,
      )}
    </fieldset>
    ${
      open
        ? ctx.suggestions.length > 0
          ? html`<ul
              class="canned"
              role="listbox"
              id="canned-list"
              aria-label=${i18n.t('inbox.canned')}
              part="canned"
            >
              ${ctx.suggestions.map(
                (c, i) =>
                  html`<li
                    id=${`canned-${i}`}
                    role="option"
                    aria-selected=${i === ctx.active ? 'true' : 'false'}
                    @mousedown=${(e: Event) => {
                      e.preventDefault();
                      ctx.pick(c);
                    }}
                  >
                    <code>/${c.shortCode}</code> <span>${c.content}</span>
                  </li>`,
              )}
            </ul>`
          : html`<p class="canned-none muted" role="status">
              ${i18n.t('inbox.cannedNone', { query: ctx.shortcut?.query ?? '' })}
            </p>`
        : nothing
    }
    <textarea
      id="composer-input"
      part="composer-input"
      rows="3"
      maxlength="4000"
      aria-label=${note ? i18n.t('inbox.composerNote') : i18n.t('inbox.composer')}
      aria-describedby="composer-hint"
      aria-autocomplete="list"
      aria-controls=${open && ctx.suggestions.length > 0 ? 'canned-list' : nothing}
      aria-activedescendant=${open && ctx.suggestions.length > 0 ? `canned-${ctx.active}` : nothing}
      .value=${ctx.text}
      @input=${ctx.input}
      @keydown=${ctx.keydown}
      @paste=${ctx.paste}
    ></textarea>
    ${ctx.uploads}
    <div class="composer-foot">
      <span id="composer-hint" class="muted hint">${i18n.t('inbox.composerHint')}</span>
      ${ctx.attach}
      <button type="submit" class="primary" ?disabled=${ctx.busy}>
        ${note ? i18n.t('inbox.sendNote') : i18n.t('inbox.send')}
      </button>
    </div>
  </form>`;
}
