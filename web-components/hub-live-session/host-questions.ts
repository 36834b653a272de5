// Hosts see questions nobody else does (held by AutoMod, dismissed): neither the hub's
// broadcasts nor the Colyseus room carry them, so hosts read the Q&A over REST when it changes.
// The one place that read lives: when the room gains a hosts-only view, it changes here.
import type { LiveApi, LiveQuestion } from './live-api.js';

export class HostQuestions {
  private pending: Promise<void> | undefined;

  constructor(
    private readonly api: Pick<LiveApi, 'questions'>,
    private readonly onRead: (items: LiveQuestion[]) => void,
  ) {}

  /** Reads the hosts' Q&A: one read at a time, however many changes arrive meanwhile. */
  request(): void {
    if (this.pending) return;
    this.pending = this.api
      .questions()
      .then(this.onRead)
      .catch(() => undefined)
      .finally(() => (this.pending = undefined));
  }
}
