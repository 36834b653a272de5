// <hub-chat-lightbox>: one image of a message, full size, over the page (a chunk of its own,
// imported when a member first opens an image). A modal <dialog>: the rest of the page is
// inert while it is open (focus stays in it), Escape or the close button closes it, and focus
// goes back to the thumbnail that opened it. The alt text is the file's name.
import { LitElement, css, html } from 'lit';
import type { I18n } from '../../shared/i18n/i18n.js';
import { baseStyles } from '../../shared/theme.js';
import { attachStrings } from './attach-strings.js';

export class HubChatLightbox extends LitElement {
  private url = '';
  private name = '';
  private i18n!: I18n;
  private opener: HTMLElement | undefined;

  static override styles = [
    baseStyles,
    css`
      dialog {
        padding: 0.5rem;
        border: 0;
        border-radius: var(--hub-radius, 8px);
        background: var(--hub-bg, #fff);
        color: var(--hub-text, #111);
        max-width: 95vw;
        max-height: 95vh;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.75);
      }
      img {
        display: block;
        max-width: calc(95vw - 1rem);
        max-height: calc(95vh - 3.5rem);
        object-fit: contain;
      }
      header {
        display: flex;
        justify-content: space-between;
        gap: 0.5rem;
        align-items: center;
        margin-bottom: 0.4rem;
      }
      h2 {
        font-size: 1em;
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** Opens it in `root` (the shadow root of the list, so the chat's theme applies). */
  show(url: string, name: string, i18n: I18n, opener: HTMLElement, root: Node): void {
    Object.assign(this, { url, name, i18n, opener });
    root.appendChild(this);
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector('dialog');
      dialog?.showModal();
      this.renderRoot.querySelector<HTMLElement>('button')?.focus();
    });
  }

  private closed(): void {
    this.remove();
    this.opener?.focus();
  }

  override render() {
    return html`<dialog part="lightbox" aria-labelledby="title" @close=${() => this.closed()}>
      <header>
        <h2 id="title">${this.name}</h2>
        <button
          type="button"
          aria-label=${attachStrings(this.i18n.locale).close}
          @click=${() => this.renderRoot.querySelector('dialog')?.close()}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </header>
      <img part="lightbox-image" src=${this.url} alt=${this.name} />
    </dialog>`;
  }
}

if (!customElements.get('hub-chat-lightbox')) customElements.define('hub-chat-lightbox', HubChatLightbox);

declare global {
  interface HTMLElementTagNameMap {
    'hub-chat-lightbox': HubChatLightbox;
  }
}
