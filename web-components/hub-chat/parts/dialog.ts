// The modal dialog of <hub-chat> (native <dialog>: focus moves in, Escape closes, focus returns):
// confirming a delete, and reporting a message with a reason. This is its state; its template
// is in the side-parts chunk (../side-parts/dialog-view.ts), loaded before the dialog opens.
import { nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { I18n } from '../../shared/i18n/i18n.js';
import type { ChatMessage } from '../../shared/message-store.js';
import type { SideParts } from '../side-parts-loader.js';
import type { DialogMode } from '../side-parts/dialog-view.js';

type Host = ReactiveControllerHost & HTMLElement & { i18n: I18n; showError(err: unknown): void };

export class ChatDialog {
  private mode: DialogMode | undefined;
  private returnFocus: HTMLElement | null = null;
  private error = '';

  constructor(
    private readonly host: Host,
    private readonly parts: SideParts,
  ) {}

  confirmDelete(message: ChatMessage, confirm: () => void): void {
    this.open({ kind: 'delete', message, confirm });
  }

  report(message: ChatMessage, submit: (reason: string) => Promise<unknown> | undefined): void {
    this.open({ kind: 'report', message, submit });
  }

  private open(mode: DialogMode): void {
    this.returnFocus = (this.host.shadowRoot?.activeElement as HTMLElement | null) ?? null;
    this.parts.load().then(
      () => {
        this.mode = mode;
        this.error = '';
        this.host.requestUpdate();
        return this.host.updateComplete.then(() => {
          this.element()?.showModal();
          this.element()?.querySelector<HTMLElement>('textarea, button.primary')?.focus();
        });
      },
      (err: unknown) => this.host.showError(err),
    );
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
    const parts = this.parts.module;
    if (!this.mode || !parts) return nothing;
    return parts.renderDialog({
      mode: this.mode,
      i18n: this.host.i18n,
      error: this.error,
      close: () => this.close(),
      failed: (err) => {
        this.error = err instanceof Error ? err.message : String(err);
        this.host.requestUpdate();
      },
    });
  }
}
