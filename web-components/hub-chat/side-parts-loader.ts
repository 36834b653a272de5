// Loads <hub-chat>'s rarely used parts (side-parts/: the thread panel, the member list, the
// dialogs) as a chunk of its own the first time the member opens one, so they are outside the
// chat's first download and budget, and adopts their styles into the chat's shadow root (as
// body-format.ts does for the markdown view). Until it has arrived, the chat shows a loading
// state in the panel's place; a load that failed is tried again on the next opening.
import type { ReactiveControllerHost } from 'lit';
import type * as SidePartsModuleNs from './side-parts/side-parts.js';

type SidePartsModule = typeof SidePartsModuleNs;

export class SideParts {
  /** The parts, once loaded. */
  module: SidePartsModule | undefined;
  private loading: Promise<SidePartsModule> | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {}

  /** Loads the parts (once); the host renders again when they are here. */
  load(): Promise<SidePartsModule> {
    this.loading ??= import('./side-parts/side-parts.js').then(
      (parts) => {
        const root = this.host.shadowRoot;
        const sheet = parts.sidePartStyles.styleSheet;
        if (root && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        this.module = parts;
        this.host.requestUpdate();
        return parts;
      },
      (err: unknown) => {
        this.loading = undefined;
        throw err;
      },
    );
    return this.loading;
  }
}
