// <hub-chat-uploads>: the files a member is attaching in <hub-chat>'s composer (and in its
// support view's, and <hub-inbox>'s agent composer: addTo with their upload route), each a chip
// with its name, an upload progress bar (XMLHttpRequest's upload progress), Cancel (the
// request aborted; a file the hub already kept expires unclaimed), and when the hub refused it
// the reason in words with Retry when trying again can succeed. A chunk of its own, imported
// the first time the member attaches or pastes a file (parts/composer.ts).
import { LitElement, css, html, nothing } from 'lit';
import type { ApiAttachment, HubApi } from '../../shared/api.js';
import type { I18n } from '../../shared/i18n/i18n.js';
import { baseStyles } from '../../shared/theme.js';
import { attachStrings } from './attach-strings.js';
import { describeUploadFailure, type FailureWords, type UploadFailure } from './upload-failure.js';

interface Upload {
  key: number;
  /** The file's name, as its chip shows it. */
  name: string;
  /** The file to upload; none for one the hub holds already (put back by `restore`). */
  file: File | undefined;
  /** 0..1 while uploading. */
  progress: number;
  request: XMLHttpRequest | undefined;
  done: ApiAttachment | undefined;
  failure: UploadFailure | undefined;
  /** Starts the same file again (after a failure that may pass). */
  retry: (() => void) | undefined;
}

let nextKey = 0;

export class HubChatUploads extends LitElement {
  // i18n and fallback are set before this chunk defines the element: declared, Lit keeps them.
  static override properties = {
    uploads: { state: true },
    waiting: { state: true },
    i18n: { attribute: false },
    fallback: { attribute: false },
  };
  declare uploads: Upload[];
  /** Send was pressed: it goes once the uploads in progress have finished. */
  declare waiting: boolean;
  declare i18n: I18n;
  /** The send-failure wording (../send-failure.ts), from the composer's bundle. */
  declare fallback: FailureWords;
  private waiters: (() => void)[] = [];

  constructor() {
    super();
    this.uploads = [];
    this.waiting = false;
  }

  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
      }
      .chip {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto auto;
        align-items: center;
        gap: 0.1rem 0.3rem;
        padding: 0.25rem 0.25rem 0.25rem 0.5rem;
        border: 1px solid var(--hub-border);
        border-radius: var(--hub-radius);
        max-width: 16rem;
        font-size: 0.85em;
      }
      .name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      progress,
      .error {
        grid-column: 1 / -1;
        width: 100%;
      }
      .error {
        color: var(--hub-danger);
      }
      .waiting {
        flex-basis: 100%;
        margin: 0;
        color: var(--hub-muted);
        font-size: 0.85em;
      }
      button {
        padding: 0.1rem 0.3rem;
      }
    `,
  ];

  /** Uploading now. */
  get busy(): boolean {
    return this.uploads.some((u) => u.request);
  }

  get failed(): boolean {
    return this.uploads.some((u) => u.failure);
  }

  /** The hub's descriptors of the files uploaded, in the order they were added. */
  get attached(): ApiAttachment[] {
    return this.uploads.flatMap((u) => (u.done ? [u.done] : []));
  }

  /** Send was pressed: `send` runs once no upload is in progress (once, however often pressed). */
  whenDone(send: () => void): void {
    if (this.waiting) return;
    this.waiting = true;
    this.waiters.push(() => {
      this.waiting = false;
      send();
    });
  }

  clear(): void {
    for (const u of this.uploads) u.request?.abort();
    this.uploads = [];
    this.changed();
  }

  /** Starts uploading each file to the channel. */
  add(files: Iterable<File>, api: HubApi, channelId: string): void {
    this.addTo(files, api, `/channels/${channelId}/attachments`);
  }

  /** Starts uploading each file to an upload route (its path under /api/v1). */
  addTo(files: Iterable<File>, api: HubApi, path: string): void {
    for (const file of files) {
      const upload: Upload = {
        key: nextKey++,
        name: file.name,
        file,
        progress: 0,
        request: undefined,
        done: undefined,
        failure: undefined,
        retry: undefined,
      };
      this.uploads = [...this.uploads, upload];
      void this.start(upload, api, path);
    }
  }

  /**
   * Puts back files the hub holds already, as uploaded chips (nothing is sent again): those of a
   * message the hub refused, when its text comes back to the composer to be revised.
   */
  restore(attachments: readonly ApiAttachment[]): void {
    const restored = attachments.map((done): Upload => ({
      key: nextKey++,
      name: done.name,
      file: undefined,
      progress: 1,
      request: undefined,
      done,
      failure: undefined,
      retry: undefined,
    }));
    this.uploads = [...this.uploads, ...restored];
    this.changed();
  }

  private async start(upload: Upload, api: HubApi, path: string): Promise<void> {
    const file = upload.file;
    if (!file) return;
    const request = new XMLHttpRequest();
    Object.assign(upload, {
      request,
      progress: 0,
      failure: undefined,
      retry: () => void this.start(upload, api, path),
    });
    this.changed();
    request.open('POST', `${api.endpoint}/api/v1${path}`);
    request.setRequestHeader('authorization', `Bearer ${await api.token()}`);
    request.upload.onprogress = (e) => {
      if (e.lengthComputable) this.update1(upload, { progress: e.loaded / e.total });
    };
    request.onload = () => {
      let json: { error?: { code?: string; message?: string } } & Partial<ApiAttachment> = {};
      try {
        json = JSON.parse(request.responseText) as typeof json;
      } catch {
        // not JSON: a proxy's page; described by its status below
      }
      if (request.status === 201 && json.id) {
        const { id, name, size, contentType, width, height, thumbnail } = json as ApiAttachment;
        this.update1(upload, {
          request: undefined,
          progress: 1,
          done: { id, name, size, contentType, width, height, thumbnail },
        });
      } else {
        const code = json.error?.code ?? (request.status === 413 ? 'payload_too_large' : 'internal');
        this.fail(upload, code, json.error?.message ?? request.statusText);
      }
    };
    request.onerror = () => this.fail(upload, 'disconnected', '');
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  }

  private fail(upload: Upload, code: string, message: string): void {
    this.update1(upload, {
      request: undefined,
      failure: describeUploadFailure(code, message, this.i18n, this.fallback),
    });
  }

  private update1(upload: Upload, change: Partial<Upload>): void {
    Object.assign(upload, change);
    this.uploads = [...this.uploads];
    this.changed();
  }

  /** Cancel or remove: the request aborted, the chip gone. */
  private drop(upload: Upload): void {
    upload.request?.abort();
    this.uploads = this.uploads.filter((u) => u !== upload);
    this.changed();
    // The chip had focus: back to the composer's box (this element is in its shadow root).
    (this.getRootNode() as ParentNode).querySelector('textarea')?.focus();
  }

  private changed(): void {
    if (!this.busy) for (const resolve of this.waiters.splice(0)) resolve();
  }

  override render() {
    const t = this.i18n;
    const words = attachStrings(t.locale);
    const inFlight = this.uploads.filter((u) => u.request).length;
    const chips = this.uploads.map((u) => {
      const name = u.name;
      return html`<div
        class="chip"
        part="upload-chip"
        data-state=${u.failure ? 'failed' : u.done ? 'done' : 'uploading'}
      >
        <span class="name" title=${name}>${name}</span>
        ${
          u.failure?.canRetry
            ? html`<button type="button" aria-label=${words.retry(name)} @click=${() => u.retry?.()}>
                ${t.t('chat.retry')}
              </button>`
            : html`<span></span>`
        }
        <button
          type="button"
          aria-label=${(u.request ? words.cancel : words.remove)(name)}
          @click=${() => this.drop(u)}
        >
          <span aria-hidden="true">✕</span>
        </button>
        ${
          u.failure
            ? html`<span class="error" part="upload-error" role="alert">${u.failure.text}</span>`
            : u.done
              ? nothing
              : html`<progress
                  part="upload-progress"
                  max="1"
                  .value=${u.progress}
                  aria-label=${words.uploading(name)}
                ></progress>`
        }
      </div>`;
    });
    return html`${chips}${
      this.waiting && inFlight
        ? html`<p class="waiting" part="upload-waiting" role="status">${words.waiting(inFlight)}</p>`
        : nothing
    }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hub-chat-uploads': HubChatUploads;
  }
}

if (!customElements.get('hub-chat-uploads')) customElements.define('hub-chat-uploads', HubChatUploads);
