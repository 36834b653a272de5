// What keeps <hub-chat>'s composers from sending for a while — a timeout in the community, the
// rate limit, a channel's slowmode — learnt from the hub's refusals, and a once-a-second tick
// while anything counts down (the composer's notice, a failed row's "retry in…").
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SendError } from '../shared/message-store.js';
import type { I18n } from '../shared/i18n/i18n.js';
import { blockFrom, describeBlock, type SendBlock } from './send-failure.js';

export class SendGuard implements ReactiveController {
  private blocks: SendBlock[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** A send in `channelId` failed: a timeout, the rate limit or slowmode block the composer. */
  failed(channelId: string, error: SendError): void {
    const block = blockFrom(channelId, error);
    if (!block) return;
    this.blocks = this.blocks.filter((b) => !(b.code === block.code && b.channelId === block.channelId));
    this.blocks.push(block);
    this.host.requestUpdate();
  }

  /** What blocks sending in `channelId` now: the block that lasts longest. */
  blockIn(channelId: string, now = Date.now()): SendBlock | undefined {
    return this.blocks
      .filter((b) => b.until > now && (b.channelId === null || b.channelId === channelId))
      .sort((a, b) => b.until - a.until)[0];
  }

  /** The composer's props in `channelId`: whether sending waits, and why. */
  composer(channelId: string, i18n: I18n): { blocked: boolean; notice: string } {
    const block = this.blockIn(channelId);
    return { blocked: block !== undefined, notice: block ? describeBlock(block, i18n) : '' };
  }

  /**
   * Keeps re-rendering once a second while a block or a failed send's wait (`waits`, times in
   * ms) is counting down; stops by itself when none is.
   */
  tickUntil(waits: Iterable<number>, now = Date.now()): void {
    this.blocks = this.blocks.filter((b) => b.until > now);
    const pending = [...waits, ...this.blocks.map((b) => b.until)].some((t) => t > now);
    if (!pending || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.host.requestUpdate();
    }, 1_000);
  }
}
