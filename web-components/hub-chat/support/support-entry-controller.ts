// A Lit ReactiveController for hub-chat's "Support" entry: whether the support view is open,
// whether its module has loaded (it is fetched on first open, so the chat's first download does
// not carry it), and whether an agent replied while the view was closed (the entry's dot).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HubClient } from '../../../realtime/client/index.js';

export class SupportEntryController implements ReactiveController {
  /** The support view is shown instead of a channel. */
  open = false;
  loaded = false;
  /** An agent replied while the support view was closed. */
  unseen = false;
  private stopWatch: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onError: (err: unknown) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopWatch?.();
    this.stopWatch = undefined;
  }

  show(): void {
    this.open = true;
    this.unseen = false;
    this.host.requestUpdate();
    if (this.loaded) return;
    import('./hub-chat-support.js').then(
      () => {
        this.loaded = true;
        this.host.requestUpdate();
      },
      (err: unknown) => this.onError(err),
    );
  }

  hide(): void {
    this.open = false;
  }

  /** Watches the member's own topic for agents' replies (on every connection of this client). */
  follow(client: HubClient): void {
    this.stopWatch?.();
    let off: (() => void) | undefined;
    const stop = client.on('connected', (session) => {
      off?.();
      off = client.subscribe(`user:${session.user.id}`).on('publication', (pub) => {
        const data = pub.data as { kind?: string; message?: { direction?: string } } | null;
        if (data?.kind !== 'support.message' || data.message?.direction !== 'agent' || this.open) return;
        this.unseen = true;
        this.host.requestUpdate();
      });
    });
    this.stopWatch = () => {
      stop();
      off?.();
    };
  }
}
