// The connection lifecycle behind HubClient: states, reconnecting with backoff, a fresh token
// per attempt, token refresh before expiry, and the plumbing that sends commands. What flows over
// the connection (subscriptions, publishes) is the subclass's, through four hooks.
import {
  CloseCodes,
  type CommandType,
  type ConnectResult,
  type ResultOf,
  type ServerFrame,
} from '../../protocol/index.js';
import { Backoff } from './backoff.js';
import { Connection, type ConnectionEnd } from './connection.js';
import { Emitter } from './emitter.js';
import { clientError, HubRequestError } from './errors.js';
import {
  resolveOptions,
  type ClientState,
  type HubClientEvents,
  type HubClientOptions,
  type ResolvedOptions,
} from './options.js';
import type { CommandBody } from './requests.js';

/** Every frame after the handshake that is not a reply. */
export type PushFrame = Exclude<ServerFrame, { type: 'reply' }>;

// setTimeout fires at once for delays beyond a signed 32-bit number of milliseconds.
const MAX_TIMER_MS = 2 ** 31 - 1;

export abstract class ConnectionLifecycle extends Emitter<HubClientEvents> {
  protected readonly options: ResolvedOptions;
  private readonly backoff: Backoff;
  private current: ClientState = 'offline';
  private connection: Connection | undefined;
  private sessionValue: ConnectResult | undefined;
  // Bumped by each connection attempt and by close(), so stale async work stops.
  private generation = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: HubClientOptions) {
    super();
    this.options = resolveOptions(options);
    this.backoff = new Backoff(this.options.backoff);
  }

  /** A connection is up: resubscribe, resend what waits. Runs before the `connected` event. */
  protected abstract resume(): void;
  /** The connection dropped; a new one may follow. Runs before the `disconnected` event. */
  protected abstract suspend(): void;
  /** A frame that is neither a reply nor an error. */
  protected abstract route(frame: Exclude<PushFrame, { type: 'error' }>): void;
  /** close() was called: settle everything for good. */
  protected abstract dispose(): void;

  get state(): ClientState {
    return this.current;
  }

  /** The current connection's session (user, expiry); undefined while not connected. */
  get session(): ConnectResult | undefined {
    return this.current === 'connected' ? this.sessionValue : undefined;
  }

  /** Starts connecting; does nothing unless the client is offline. Throws once closed. */
  connect(): void {
    if (this.current === 'closed') throw new Error('HubClient is closed; create a new one.');
    if (this.current !== 'offline') return;
    this.backoff.reset();
    this.setState('connecting');
    void this.open();
  }

  /** Disconnects for good: pending calls and publishes reject with 'closed'; no reconnect. */
  close(): void {
    if (this.current === 'closed') return;
    const previous = this.current;
    this.current = 'closed';
    this.generation += 1;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.refreshTimer);
    const connection = this.connection;
    this.connection = undefined;
    connection?.close(1000, 'client closed');
    this.dispose();
    if (connection) this.emit('disconnected', { code: 1000, reason: 'client closed', willReconnect: false });
    this.emit('state', { state: 'closed', previous });
  }

  /** Sends a command on the current connection; rejects with 'disconnected' without one. */
  protected send<B extends CommandBody>(body: B, timeoutMs: number): Promise<ResultOf[B['type']]> {
    const connection = this.connection;
    if (this.current !== 'connected' || !connection)
      return Promise.reject(clientError('disconnected', body.type));
    return connection.request(body, timeoutMs);
  }

  /** Sends a command, waiting for a connection first if one is being made, all within the timeout. */
  protected async call<B extends CommandBody>(body: B, timeoutMs?: number): Promise<ResultOf[B['type']]> {
    const deadline = Date.now() + (timeoutMs ?? this.options.requestTimeoutMs);
    await this.whenConnected(deadline - Date.now(), body.type);
    return this.send(body, Math.max(1, deadline - Date.now()));
  }

  /** Emits an error that no promise carries; a drop or a close is not news. */
  protected report(err: unknown): void {
    if (err instanceof HubRequestError && (err.code === 'disconnected' || err.code === 'closed')) return;
    this.emit('error', err instanceof Error ? err : new Error(String(err)));
  }

  /** Opens one connection: a fresh token first, then the socket. */
  private async open(): Promise<void> {
    const generation = ++this.generation;
    let token: string;
    try {
      token = await this.options.getToken();
    } catch (err) {
      if (generation !== this.generation) return;
      this.report(err);
      return this.retry(this.backoff.next());
    }
    if (generation !== this.generation) return;
    const { WebSocket, connectTimeoutMs, pingIntervalMs, requestTimeoutMs } = this.options;
    const url = typeof this.options.url === 'function' ? this.options.url() : this.options.url;
    try {
      this.connection = new Connection(
        { url, token, WebSocket, connectTimeoutMs, pingIntervalMs, pingTimeoutMs: requestTimeoutMs },
        {
          connected: (result) => this.connected(result),
          frame: (frame) =>
            frame.type === 'error' ? this.report(new HubRequestError(frame.error)) : this.route(frame),
          ended: (end) => this.ended(end),
        },
      );
    } catch (err) {
      // The WebSocket constructor refused the URL: trying again cannot help.
      this.report(err);
      this.setState('offline');
    }
  }

  private connected(result: ConnectResult): void {
    this.backoff.reset();
    this.sessionValue = result;
    this.setState('connected');
    this.scheduleRefresh(result.expiresAt);
    this.resume();
    this.emit('connected', result);
  }

  private ended(end: ConnectionEnd): void {
    this.connection = undefined;
    clearTimeout(this.refreshTimer);
    this.suspend();
    this.emit('disconnected', { code: end.code, reason: end.reason, willReconnect: end.reconnect });
    if (end.error) this.report(end.error);
    if (this.current === 'closed') return; // a listener closed the client
    if (!end.reconnect) return this.setState('offline');
    // A draining node: any other node will do, so come back at once, spread by a little jitter.
    if (end.code === CloseCodes.SHUTDOWN.code)
      return this.retry(Math.random() * this.options.shutdownJitterMs);
    this.retry(Math.max(this.backoff.next(), end.error?.retryAfterMs ?? 0));
  }

  private retry(delayMs: number): void {
    this.setState('reconnecting');
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.open(), delayMs);
  }

  private scheduleRefresh(expiresAt: number): void {
    clearTimeout(this.refreshTimer);
    const remainingMs = expiresAt - Date.now();
    const delayMs = Math.max(remainingMs - this.options.refreshMarginMs, remainingMs / 2, 0);
    this.refreshTimer = setTimeout(() => void this.refresh(), Math.min(delayMs, MAX_TIMER_MS));
  }

  /** Replaces the token before it expires. If it lapses anyway, the server closes with 3004. */
  private async refresh(): Promise<void> {
    const connection = this.connection;
    try {
      const token = await this.options.getToken();
      const { expiresAt } = await this.send({ type: 'refresh', token }, this.options.requestTimeoutMs);
      if (connection !== this.connection || !this.sessionValue) return;
      this.sessionValue = { ...this.sessionValue, expiresAt };
      this.scheduleRefresh(expiresAt);
    } catch (err) {
      if (connection !== this.connection || !this.sessionValue) return;
      this.report(err);
      // Try again while the token lasts: halfway through what is left, each time.
      if (this.sessionValue.expiresAt - Date.now() > 1_000) this.scheduleRefresh(this.sessionValue.expiresAt);
    }
  }

  private whenConnected(timeoutMs: number, type: CommandType): Promise<void> {
    if (this.current === 'connected') return Promise.resolve();
    if (this.current === 'closed') return Promise.reject(clientError('closed', type));
    if (this.current === 'offline') return Promise.reject(clientError('disconnected', type));
    return new Promise((resolve, reject) => {
      const finish = (err?: HubRequestError) => {
        clearTimeout(timer);
        offConnected();
        offState();
        if (err) reject(err);
        else resolve();
      };
      const timer = setTimeout(() => finish(clientError('timeout', type)), timeoutMs);
      const offConnected = this.on('connected', () => finish());
      const offState = this.on('state', ({ state }) => {
        if (state === 'closed') finish(clientError('closed', type));
        if (state === 'offline') finish(clientError('disconnected', type));
      });
    });
  }

  private setState(state: ClientState): void {
    const previous = this.current;
    if (previous === state) return;
    this.current = state;
    this.emit('state', { state, previous });
  }
}
