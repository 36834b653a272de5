// Hosts see questions nobody else does (held by AutoMod, dismissed). The Colyseus room carries
// them in its hosts-only view; the LiveKit fallback's data messages do not (every participant
// gets those), so there hosts read the Q&A over REST when it changes.
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
