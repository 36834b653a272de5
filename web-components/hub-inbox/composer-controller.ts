// The composer's state for <hub-inbox>: reply or note, the text, the canned response offered
// while a `/shortcut` is typed, and the files being attached (the attach button, a paste, or a
// drop on the widget: ../shared/support-attach-controller.ts). A Lit ReactiveController, so the
// widget only renders it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiCannedResponse } from '../shared/support-api.js';
import type { I18n } from '../shared/i18n/i18n.js';
import { SupportAttachController, type AttachTarget } from '../shared/support-attach-controller.js';
import type { ComposerContext } from './composer.js';
import { applyCanned, matchCanned, shortcutAt, type Shortcut } from './inbox-logic.js';
import { inboxUploadWords } from './upload-words.js';

export class ComposerController implements ReactiveController {
  mode: 'reply' | 'note' = 'reply';
  text = '';
  canned: ApiCannedResponse[] = [];
  /** The files of the reply or note, and of the conversation's messages. */
  readonly files: SupportAttachController;
  private shortcut: Shortcut | undefined;
  private active = 0;

  constructor(
    private readonly host: ReactiveControllerHost &
      HTMLElement & { renderRoot: HTMLElement | DocumentFragment },
    private readonly send: () => void,
    /** The API and the open conversation, where files are uploaded. */
    target: AttachTarget,
  ) {
    host.addController(this);
    this.files = new SupportAttachController(host, target, inboxUploadWords);
    // Files dropped anywhere on the widget go to the open conversation.
    host.addEventListener('dragenter', this.files.dragover);
    host.addEventListener('dragover', this.files.dragover);
    host.addEventListener('dragleave', this.files.dragleave);
    host.addEventListener('drop', this.files.drop);
  }

  /** A suggestion list left open would point at options that are gone. */
  hostDisconnected(): void {
    this.shortcut = undefined;
  }

  /** Empties the box and drops the files (after a send, or when another conversation opens). */
  clear(): void {
    this.text = '';
    this.shortcut = undefined;
    this.files.clear();
    this.host.requestUpdate();
  }

  private get suggestions(): ApiCannedResponse[] {
    return this.shortcut ? matchCanned(this.canned, this.shortcut.query) : [];
  }

  private box(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector<HTMLTextAreaElement>('#composer-input');
  }

  focus(): void {
    this.box()?.focus();
  }

  private input(e: InputEvent): void {
    const box = e.target as HTMLTextAreaElement;
    this.text = box.value;
    const at = shortcutAt(box.value, box.selectionStart);
    if (at?.query !== this.shortcut?.query) this.active = 0;
    this.shortcut = at;
    this.host.requestUpdate();
  }

  private pick(c: ApiCannedResponse): void {
    if (!this.shortcut) return;
    const next = applyCanned(this.text, this.shortcut, c.content);
    this.text = next.text;
    this.shortcut = undefined;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const box = this.box();
      box?.focus();
      box?.setSelectionRange(next.caret, next.caret);
    });
  }

  private keydown(e: KeyboardEvent): void {
    const suggestions = this.suggestions;
    if (suggestions.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        this.active = (this.active + step + suggestions.length) % suggestions.length;
        this.host.requestUpdate();
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        const chosen = suggestions[this.active];
        if (chosen) this.pick(chosen);
        return;
      }
    }
    if (e.key === 'Escape' && this.shortcut) {
      e.preventDefault();
      this.shortcut = undefined;
      this.host.requestUpdate();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.send();
    }
  }

  /** What renderComposer needs. */
  context(i18n: I18n, busy: boolean): ComposerContext {
    const suggestions = this.suggestions;
    return {
      i18n,
      mode: this.mode,
      text: this.text,
      busy,
      shortcut: this.shortcut,
      suggestions,
      active: Math.min(this.active, Math.max(0, suggestions.length - 1)),
      setMode: (mode) => {
        this.mode = mode;
        this.host.requestUpdate();
      },
      input: (e) => this.input(e),
      paste: this.files.paste,
      uploads: this.files.renderUploads(i18n),
      attach: this.files.renderButton(i18n, busy),
      keydown: (e) => this.keydown(e),
      pick: (c) => this.pick(c),
      submit: () => this.send(),
    };
  }
}
