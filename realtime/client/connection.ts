// One WebSocket from open to close: the hello/connect handshake, request/reply, and a heartbeat
// that keeps the server's idle timer fed and notices a dead link. Reconnecting is the owner's.
import {
  PROTOCOL_VERSION,
  shouldReconnect,
  type ConnectResult,
  type ResultOf,
  type ServerFrame,
} from '../../protocol/index.js';
import { HubRequestError, isClientErrorCode } from './errors.js';
import { PendingRequests, type CommandBody } from './requests.js';
import { parseFrame, type SocketConstructor, type SocketLike } from './socket.js';

/**
 * Close codes the client reports for connections it ended itself. They come from the
 * private-use range 4000-4999, so they never collide with the server's codes (protocol/).
 */
export const LocalCloseCodes = {
  /** No hello, or no reply to `connect`, within `connectTimeoutMs`. */
  CONNECT_TIMEOUT: { code: 4000, reason: 'connect timeout' },
  /** A heartbeat ping got no reply in time: the link is dead even if the socket is not closed. */
  PING_TIMEOUT: { code: 4001, reason: 'ping timeout' },
  /** The server answered `connect` with an error. */
  CONNECT_REJECTED: { code: 4002, reason: 'connect rejected' },
  /** The server sent something that is not a frame (reconnect), or speaks another version (stop). */
  PROTOCOL_ERROR: { code: 4003, reason: 'protocol error' },
} as const;

/** Connect errors after which trying again with a fresh token cannot help. */
const FINAL_CONNECT_ERRORS: ReadonlySet<string> = new Set([
  'unauthenticated',
  'forbidden',
  'bad_request',
  'validation_failed',
]);

export interface ConnectionEnd {
  code: number;
  reason: string;
  /** Whether trying again may succeed. */
  reconnect: boolean;
  /** The server's error reply to `connect`, when that is why it ended. */
  error?: HubRequestError;
}

export interface ConnectionOptions {
  url: string;
  token: string;
  WebSocket: SocketConstructor;
  connectTimeoutMs: number;
  pingIntervalMs: number;
  pingTimeoutMs: number;
}

export interface ConnectionHandlers {
  connected(result: ConnectResult): void;
  /** Every frame after the handshake that is not a reply. */
  frame(frame: Exclude<ServerFrame, { type: 'reply' }>): void;
  /** Called once, when the connection ended for any reason but close(). */
  ended(end: ConnectionEnd): void;
}

export class Connection {
  private readonly socket: SocketLike;
  private readonly requests = new PendingRequests();
  private ready = false;
  private over = false;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  /** Opens the socket; throws when the constructor does (e.g. a malformed URL). */
  constructor(
    private readonly options: ConnectionOptions,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.socket = new options.WebSocket(options.url);
    this.socket.onmessage = (event) => this.received(event.data);
    this.socket.onclose = (event) =>
      this.end({ code: event.code, reason: event.reason, reconnect: shouldReconnect(event.code) });
    // A failed socket always closes after its error, so the close handler does the work.
    this.socket.onerror = () => undefined;
    this.connectTimer = setTimeout(
      () => this.abort(LocalCloseCodes.CONNECT_TIMEOUT, true),
      options.connectTimeoutMs,
    );
  }

  /** Sends a command and resolves with its result; rejects with a HubRequestError. */
  request<B extends CommandBody>(body: B, timeoutMs: number): Promise<ResultOf[B['type']]> {
    const { frame, result } = this.requests.open(body, timeoutMs);
    if (this.over) this.requests.fail(frame.id, 'disconnected');
    else {
      try {
        this.socket.send(JSON.stringify(frame));
        this.armHeartbeat();
      } catch {
        // The socket is closing; its close event follows and ends the connection.
        this.requests.fail(frame.id, 'disconnected');
      }
    }
    return result;
  }

  /** Closes without telling the handlers: the owner is done with this connection. */
  close(code: number, reason: string): void {
    if (this.over) return;
    this.stop();
    this.requests.failAll('closed');
    this.socket.close(code, reason);
  }

  private received(data: unknown): void {
    if (this.over) return;
    const frame = parseFrame(data);
    // Garbage may be one faulty node: try again. Another protocol version will not change.
    if (!frame) return this.abort(LocalCloseCodes.PROTOCOL_ERROR, true);
    if (frame.type === 'reply') {
      this.requests.settle(frame);
    } else if (frame.type === 'hello') {
      if (frame.v !== PROTOCOL_VERSION) return this.abort(LocalCloseCodes.PROTOCOL_ERROR, false);
      if (!this.ready) this.handshake();
    } else if (this.ready) {
      this.handlers.frame(frame);
    }
  }

  private handshake(): void {
    const timeoutMs = this.options.connectTimeoutMs;
    this.request({ type: 'connect', token: this.options.token }, timeoutMs).then(
      (result) => {
        if (this.over) return;
        clearTimeout(this.connectTimer);
        this.ready = true;
        this.armHeartbeat();
        this.handlers.connected(result);
      },
      (err: unknown) => {
        // A timeout or a drop is already handled by the connect timer or the close event.
        if (!(err instanceof HubRequestError) || isClientErrorCode(err.code)) return;
        this.abort(LocalCloseCodes.CONNECT_REJECTED, !FINAL_CONNECT_ERRORS.has(err.code), err);
      },
    );
  }

  /** Sends a ping when nothing was sent for a while; no reply in time means the link is dead. */
  private armHeartbeat(): void {
    if (!this.ready || this.over) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.request({ type: 'ping' }, this.options.pingTimeoutMs).catch((err: unknown) => {
        if (err instanceof HubRequestError && err.code === 'timeout')
          this.abort(LocalCloseCodes.PING_TIMEOUT, true);
      });
    }, this.options.pingIntervalMs);
  }

  /** Ends the connection from this side, and tells the handlers. */
  private abort(local: { code: number; reason: string }, reconnect: boolean, error?: HubRequestError): void {
    if (this.over) return;
    this.end({ ...local, reconnect, ...(error ? { error } : {}) });
    this.socket.close(local.code, local.reason);
  }

  private end(end: ConnectionEnd): void {
    if (this.over) return;
    this.stop();
    this.requests.failAll('disconnected');
    this.handlers.ended(end);
  }

  private stop(): void {
    this.over = true;
    clearTimeout(this.connectTimer);
    clearTimeout(this.idleTimer);
    // onerror stays: `ws` throws on an 'error' event nobody listens to.
    this.socket.onmessage = null;
    this.socket.onclose = null;
  }
}
