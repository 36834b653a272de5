// Files in a support conversation, for the member's support view in <hub-chat> and the agents'
// composer in <hub-inbox>: a Lit ReactiveController over <hub-chat>'s own attachment parts. The
// attach button (several files at once), a paste of files into the text box and files dropped
// on the conversation (an overlay says "Drop to attach" while they are dragged over it) hand them
// to <hub-chat-uploads> (hub-chat/attachments/uploads.ts: progress, cancel, retry, refusals in
// words), which uploads each at once to the conversation (or, in the member's form that starts
// one, for its first message); a send waits for the uploads in progress and lists the uploaded
// ids. A message's files show with <hub-chat-attachments> (images inline with the lightbox, other
// files as a card), their signed links read from the support route. Both parts are chunks of
// their own, imported on first use.
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { FailureWords } from '../hub-chat/attachments/upload-failure.js';
import type { HubChatUploads } from '../hub-chat/attachments/uploads.js';
import type { ApiAttachment, HubApi } from './api.js';
import type { I18n } from './i18n/i18n.js';
import { supportLinksPath } from './support-files.js';

/**
 * Where files go: the widget's API and the upload route (support-files.ts: the open
 * conversation's, or a new one's); undefined while files have nowhere to go.
 */
export type AttachTarget = () => { api: HubApi; uploadPath: string } | undefined;

/** A support message with its files (the views of both sides have these fields). */
export interface MessageWithFiles {
  id: string;
  attachments?: ApiAttachment[];
}

/** The attachment list's chunk, imported the first time a message with files is shown. */
let listChunk: Promise<unknown> | undefined;

export class SupportAttachController implements ReactiveController {
  /** Files are being dragged over the conversation. */
  over = false;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly target: AttachTarget,
    /** The words of refusals other than the upload route's own (rate limit, hub down…). */
    private readonly words: FailureWords,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.over = false;
  }

  /** The chips' element once its chunk has defined it (before, it is an element without methods). */
  private get uploads(): HubChatUploads | null {
    if (!customElements.get('hub-chat-uploads')) return null;
    return this.host.renderRoot.querySelector('hub-chat-uploads');
  }

  /** Uploads files to the target's route (the uploads' chunk loads the first time). */
  async add(files: FileList | File[] | null | undefined): Promise<void> {
    const to = this.target();
    if (!files?.length || !to) return;
    const list = [...files];
    await import('../hub-chat/attachments/uploads.js');
    this.uploads?.addTo(list, to.api, to.uploadPath);
  }

  /** The ids of the files uploaded, in the order they were added (refused ones left out). */
  get attached(): string[] {
    return this.uploads?.attached.map((a) => a.id) ?? [];
  }

  /** Uploads are in progress: `send` then runs once they have finished, and this is true. */
  deferred(send: () => void): boolean {
    const uploads = this.uploads;
    if (!uploads?.busy) return false;
    uploads.whenDone(send);
    return true;
  }

  /** Drops every chip (after a send or a start, or when another conversation opens). */
  clear(): void {
    this.uploads?.clear();
  }

  /** On the text box: a paste of files attaches them (text pastes as usual). */
  readonly paste = (e: ClipboardEvent): void => {
    if (!this.target() || !e.clipboardData?.files.length) return;
    e.preventDefault();
    void this.add(e.clipboardData.files);
  };

  /** dragenter and dragover on the conversation: files are welcome there. */
  readonly dragover = (e: DragEvent): void => {
    if (!this.target() || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.show(true);
  };

  /** Leaving for somewhere outside the conversation (or the page). */
  readonly dragleave = (e: DragEvent): void => {
    const area = e.currentTarget as Element | null;
    if (area && e.relatedTarget instanceof Node && area.contains(e.relatedTarget)) return;
    this.show(false);
  };

  readonly drop = (e: DragEvent): void => {
    this.show(false);
    if (!this.target() || !e.dataTransfer?.files.length) return;
    e.preventDefault();
    void this.add(e.dataTransfer.files);
  };

  private show(over: boolean): void {
    if (this.over === over) return;
    this.over = over;
    this.host.requestUpdate();
  }

  /** The attach button and its hidden file input. */
  renderButton(i18n: I18n, disabled: boolean): TemplateResult {
    return html`<input
        type="file"
        multiple
        hidden
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          void this.add(input.files).then(() => (input.value = ''));
        }}
      /><button
        type="button"
        class="attach"
        aria-label=${i18n.t('attach.add')}
        title=${i18n.t('attach.add')}
        ?disabled=${disabled}
        @click=${(e: Event) =>
          (e.currentTarget as HTMLElement).parentElement
            ?.querySelector<HTMLInputElement>('input[type="file"]')
            ?.click()}
      >
        <span aria-hidden="true">+</span>
      </button>`;
  }

  /** The pending uploads' chips (empty until a file is added). */
  renderUploads(i18n: I18n): TemplateResult {
    return html`<hub-chat-uploads
      exportparts="upload-chip, upload-progress, upload-error, upload-waiting"
      .i18n=${i18n}
      .fallback=${this.words}
    ></hub-chat-uploads>`;
  }

  /** "Drop to attach" over the conversation while files are dragged over it. */
  renderDropZone(i18n: I18n): TemplateResult | typeof nothing {
    return this.over
      ? html`<div class="drop-zone" part="drop-zone"><span>${i18n.t('attach.drop')}</span></div>`
      : nothing;
  }

  /** A message's files under its text; nothing when it has none. */
  renderFiles(m: MessageWithFiles, conversationId: string, i18n: I18n): TemplateResult | typeof nothing {
    const to = this.target();
    if (!m.attachments?.length || !to) return nothing;
    listChunk ??= import('../hub-chat/attachments/attachment-list.js').catch(() => {
      listChunk = undefined; // the files take no room; tried again on the next render
    });
    return html`<hub-chat-attachments
      exportparts="attachment-image, attachment-file, lightbox, lightbox-image"
      .message=${m}
      .api=${to.api}
      .i18n=${i18n}
      .linksPath=${supportLinksPath(conversationId, m.id)}
    ></hub-chat-attachments>`;
  }
}
