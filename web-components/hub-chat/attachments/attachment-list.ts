// <hub-chat-attachments>: a message's files under its body in <hub-chat>. Images show their
// thumbnail inline (its width and height reserved before it loads, so the list does not jump)
// and open the lightbox (./lightbox.ts, a chunk imported on first use); other files are a card
// with a type icon, the name, the size and a download link. The signed links are fetched once,
// when the message first scrolls into view, and again when they expire (the route says when).
// A chunk of its own, imported by the message list when it first shows a message with files:
// the main bundle stays under its budget; until the chunk has loaded (once per page) the files
// take no room. The support views (<hub-chat>'s and <hub-inbox>) show a support message's files
// with it too, their links read from `linksPath`.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { ApiAttachment, ApiLinkedAttachment, HubApi } from '../../shared/api.js';
import type { I18n } from '../../shared/i18n/i18n.js';
import { baseStyles } from '../../shared/theme.js';
import { formatBytes } from './file-size.js';
import { shownSize } from './shown-size.js';
import { attachStrings } from './attach-strings.js';

/** An icon by type: emoji, so no SVG has to ship for them. */
export function fileIcon(contentType: string): string {
  if (contentType === 'application/pdf') return '📄';
  if (contentType.startsWith('audio/')) return '🎵';
  if (contentType.startsWith('video/')) return '🎬';
  if (contentType.startsWith('text/')) return '📝';
  return '🗜️';
}

/** A message with files: a chat message (ChatMessage) or a support message, which has no status. */
export interface AttachedMessage {
  id: string;
  /** A chat send not stored yet has no links to fetch; absent: stored. */
  status?: string;
  attachments?: ApiAttachment[];
}

export class HubChatAttachments extends LitElement {
  // All declared: the list sets them before this chunk defines the element (Lit keeps them).
  static override properties = {
    message: { attribute: false },
    api: { attribute: false },
    i18n: { attribute: false },
    channelId: { attribute: false },
    linksPath: { attribute: false },
    links: { state: true },
  };
  /** The message whose files these are; a send not stored yet has no links to fetch. */
  declare message: AttachedMessage;
  declare api: HubApi | undefined;
  declare i18n: I18n;
  declare channelId: string;
  /** The route of the message's signed links (under /api/v1); unset: the channel message's. */
  declare linksPath: string | undefined;
  declare links: Map<string, ApiLinkedAttachment>;
  /** When the links stop working (ms since the epoch). */
  private expiresAt = 0;
  private loading = false;
  private observer: IntersectionObserver | undefined;

  constructor() {
    super();
    this.links = new Map();
  }

  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin-top: 0.3rem;
      }
      .image {
        padding: 0;
        border: 1px solid var(--hub-border);
        border-radius: var(--hub-radius);
        background: var(--hub-border);
        overflow: hidden;
        max-width: 100%;
        cursor: zoom-in;
      }
      img {
        display: block;
        max-width: 100%;
        height: auto;
      }
      .file {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        padding: 0.4rem 0.6rem;
        border: 1px solid var(--hub-border);
        border-radius: var(--hub-radius);
        max-width: 100%;
        color: var(--hub-text);
      }
      .file span {
        overflow-wrap: anywhere;
      }
      .size {
        color: var(--hub-muted);
        font-size: 0.85em;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void this.fetchLinks();
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Reused for another message (a list without keys, or a send now stored): its links are
    // not this one's. Observing again reports whether it is in view, which fetches them.
    const before = changed.get('message');
    if (before && before.id !== this.message.id) {
      this.links = new Map();
      this.expiresAt = 0;
      this.observer?.unobserve(this);
      this.observer?.observe(this);
    }
  }

  /** Fetches the links when there are none yet or they have expired. */
  private async fetchLinks(): Promise<void> {
    const m = this.message;
    const stored = (m.status ?? 'sent') === 'sent';
    if (this.loading || !this.api || !stored || m.id.startsWith('pending-')) return;
    if (Date.now() < this.expiresAt) return;
    this.loading = true;
    try {
      const { items, expiresInS } = await this.api.request<{
        items: ApiLinkedAttachment[];
        expiresInS: number;
      }>('GET', this.linksPath ?? `/channels/${this.channelId}/messages/${m.id}/attachments`);
      if (this.message.id !== m.id) return; // another message's now (a copy of it is fine)
      this.links = new Map(items.map((l) => [l.id, l]));
      // A little early, so a link is never used in its last seconds.
      this.expiresAt = Date.now() + expiresInS * 900;
    } catch {
      this.expiresAt = 0; // shown without links; tried again when next in view
    } finally {
      this.loading = false;
    }
  }

  /** A link's path on the hub: the widget may be embedded on another origin than its endpoint's. */
  private onHub(path: string): string {
    return `${this.api?.endpoint ?? ''}${path}`;
  }

  /** An expired link: fresh ones, then the click goes through. */
  private async fresh(id: string): Promise<ApiLinkedAttachment | undefined> {
    await this.fetchLinks();
    return this.links.get(id);
  }

  private async open(a: ApiAttachment, e: Event): Promise<void> {
    const opener = e.currentTarget as HTMLElement;
    const [link] = await Promise.all([this.fresh(a.id), import('./lightbox.js')]);
    if (!link) return;
    const box = document.createElement('hub-chat-lightbox');
    // Stylable from the widget (::part) where the list exports them too.
    box.setAttribute('exportparts', 'lightbox, lightbox-image');
    box.show(this.onHub(link.url), a.name, this.i18n, opener, this.renderRoot);
  }

  /** A link that has expired is fetched afresh before the download starts. */
  private async download(e: Event): Promise<void> {
    if (Date.now() < this.expiresAt) return;
    e.preventDefault();
    const anchor = e.currentTarget as HTMLAnchorElement;
    await this.fetchLinks();
    await this.updateComplete;
    if (Date.now() < this.expiresAt) anchor.click();
  }

  override render() {
    return (this.message.attachments ?? []).map((a) => {
      const link = this.links.get(a.id);
      if (a.thumbnail) {
        const { width, height } = shownSize(a);
        return html`<button
          type="button"
          class="image"
          part="attachment-image"
          aria-label=${attachStrings(this.i18n.locale).open(a.name)}
          style="aspect-ratio: ${width} / ${height}; width: ${width}px"
          @click=${(e: Event) => void this.open(a, e)}
        >
          ${link?.thumbnailUrl ? html`<img src=${this.onHub(link.thumbnailUrl)} alt=${a.name} width=${width} height=${height} />` : nothing}
        </button>`;
      }
      return html`<a
        class="file"
        part="attachment-file"
        href=${link ? this.onHub(link.url) : nothing}
        download=${a.name}
        @click=${(e: Event) => void this.download(e)}
        ><span aria-hidden="true">${fileIcon(a.contentType)}</span><span>${a.name}</span
        ><span class="size">${formatBytes(a.size, this.i18n.locale)}</span></a
      >`;
    });
  }
}

if (!customElements.get('hub-chat-attachments'))
  customElements.define('hub-chat-attachments', HubChatAttachments);

declare global {
  interface HTMLElementTagNameMap {
    'hub-chat-attachments': HubChatAttachments;
  }
}
