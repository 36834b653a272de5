// One client connection: its user once authenticated, its subscriptions, and the per-connection
// limits. The socket is reached only through SocketLike, which uWS's WebSocket satisfies, and
// every call on it is guarded: async work may finish after the client went away, and uWS
// throws on a closed socket.
import type { PresenceStatus } from '../../protocol/index.js';
import type { AuthUser } from '../auth/token-verifier.js';

export interface SocketLike {
  send(message: string, isBinary?: boolean, compress?: boolean): number;
  subscribe(topic: string): boolean;
  unsubscribe(topic: string): boolean;
  end(code?: number, reason?: string): void;
  getBufferedAmount(): number;
}

export class Connection {
  user: AuthUser | undefined;
  status: PresenceStatus = 'online';
  closed = false;
  /** Topics this connection is subscribed to (uWS holds the delivery side). */
  readonly subscriptions = new Set<string>();
  /** Topics with a subscribe in progress, so a second one for the same topic is refused. */
  readonly joining = new Set<string>();
  /** Last typing event sent per topic (ms). */
  readonly lastTypingAt = new Map<string, number>();
  /** The tail of this connection's commands, run one after the other. */
  pending: Promise<void> = Promise.resolve();
  expiryTimer: NodeJS.Timeout | undefined;
  connectTimer: NodeJS.Timeout | undefined;

  private tokens: number;
  private refilledAt = Date.now();
  /** Frames refused in a row for the frame rate; past the bound the client is flooding. */
  strikes = 0;

  constructor(
    readonly id: string,
    private readonly socket: SocketLike,
    private readonly frameBurst: number,
    private readonly frameRatePerS: number,
  ) {
    this.tokens = frameBurst;
  }

  /** Sends unless closed; false when the socket is gone or its buffer is full. */
  send(frame: string): boolean {
    if (this.closed) return false;
    return this.socket.send(frame, false) === 1;
  }

  subscribe(topic: string): void {
    if (!this.closed) this.socket.subscribe(topic);
  }

  unsubscribe(topic: string): void {
    if (!this.closed) this.socket.unsubscribe(topic);
  }

  end(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.end(code, reason);
  }

  bufferedBytes(): number {
    return this.closed ? 0 : this.socket.getBufferedAmount();
  }

  /** The in-memory frame-rate bucket: true when this frame may be handled. */
  takeFrame(now = Date.now()): boolean {
    this.tokens = Math.min(
      this.frameBurst,
      this.tokens + ((now - this.refilledAt) / 1000) * this.frameRatePerS,
    );
    this.refilledAt = now;
    if (this.tokens < 1) {
      this.strikes++;
      return false;
    }
    this.tokens -= 1;
    this.strikes = 0;
    return true;
  }

  /** When the frame bucket will hold a token again. */
  msUntilNextFrame(): number {
    return Math.max(1, Math.ceil(((1 - this.tokens) / this.frameRatePerS) * 1000));
  }

  clearTimers(): void {
    clearTimeout(this.expiryTimer);
    clearTimeout(this.connectTimer);
  }
}
