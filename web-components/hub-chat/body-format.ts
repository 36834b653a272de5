// Loads <hub-chat>'s markdown renderer (markdown-view.ts) as a chunk of its own when the chat is
// first connected, so it is outside the chat's first download and budget, and adopts its styles
// into the chat's shadow root. Until it arrives (or if it cannot load) bodies show as plain text
// with mentions (parts/message-list.ts); a later connection tries again.
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { MentionView } from './markdown-view.js';

export type BodyRenderer = (body: string, mention: MentionView) => TemplateResult;

export class BodyFormat implements ReactiveController {
  render: BodyRenderer | undefined;
  private loading = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.loading) return;
    this.loading = true;
    import('./markdown-view.js').then(
      (view) => {
        const root = this.host.shadowRoot;
        const sheet = view.markdownStyles.styleSheet;
        if (root && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        this.render = view.renderMarkdown;
        this.host.requestUpdate();
      },
      () => (this.loading = false),
    );
  }
}
