// Throttled aria-live announcements: new messages arrive faster than a screen reader can speak,
// so announcements are batched and spoken at most once per interval ("3 new messages").
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class Announcer implements ReactiveController {
  /** The text for the live region; changes at most once per interval. */
  text = '';
  private queue: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastAt = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly summarize: (count: number) => string,
    private readonly intervalMs = 2_000,
  ) {
    host.addController(this);
  }

  announce(text: string): void {
    this.queue.push(text);
    if (this.timer) return;
    const wait = Math.max(0, this.lastAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }

  private flush(): void {
    this.timer = undefined;
    this.lastAt = Date.now();
    const items = this.queue.splice(0);
    if (items.length === 0) return;
    this.text = items.length === 1 ? (items[0] ?? '') : this.summarize(items.length);
    this.host.requestUpdate();
  }
}
