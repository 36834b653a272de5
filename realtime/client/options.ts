// The client's options with their defaults, its states and its events.
import type { ConnectResult } from '../../protocol/index.js';
import type { BackoffOptions } from './backoff.js';
import { defaultSocketConstructor, type SocketConstructor } from './socket.js';

export interface HubClientOptions {
  /**
   * The hub's WebSocket endpoint, e.g. `wss://hub.example.com/ws`, or a function asked before
   * every connection attempt (to spread clients over endpoints, or fail over between them).
   */
  url: string | (() => string);
  /**
   * Returns a current token. Called before every connection attempt (so a reconnect after
   * close 3004 gets a fresh one) and before every scheduled refresh; must not return a cached
   * token that has expired.
   */
  getToken: () => string | Promise<string>;
  /** A WebSocket constructor; default `globalThis.WebSocket`. In Node 20 pass `WebSocket` from `ws`. */
  WebSocket?: SocketConstructor;
  /** How long a command waits for its reply. Default 10,000 ms. */
  requestTimeoutMs?: number;
  /** How long from opening the socket to the reply to `connect`. Default 10,000 ms. */
  connectTimeoutMs?: number;
  /** Reconnect delays. Default 500 ms to 20,000 ms. */
  backoff?: BackoffOptions;
  /** After close 3001 (a node draining) reconnect within this random delay. Default 1,000 ms. */
  shutdownJitterMs?: number;
  /** Ping after this long without sending anything; keeps the server's idle timer fed. Default 25,000 ms. */
  pingIntervalMs?: number;
  /** Refresh the token this long before it expires (at latest halfway through). Default 60,000 ms. */
  refreshMarginMs?: number;
  /** Publishes that may wait for a connection; beyond this publish rejects with 'queue_full'. Default 500. */
  maxQueuedSends?: number;
  /** At most one `typing` per channel per this long. Default 3,000 ms. */
  typingThrottleMs?: number;
}

export type ResolvedOptions = Required<HubClientOptions>;

export function resolveOptions(options: HubClientOptions): ResolvedOptions {
  const WebSocket = options.WebSocket ?? defaultSocketConstructor();
  if (!WebSocket)
    throw new TypeError('No global WebSocket here: pass the `WebSocket` option (in Node, from `ws`).');
  return {
    url: options.url,
    getToken: options.getToken,
    WebSocket,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    backoff: options.backoff ?? {},
    shutdownJitterMs: options.shutdownJitterMs ?? 1_000,
    pingIntervalMs: options.pingIntervalMs ?? 25_000,
    refreshMarginMs: options.refreshMarginMs ?? 60_000,
    maxQueuedSends: options.maxQueuedSends ?? 500,
    typingThrottleMs: options.typingThrottleMs ?? 3_000,
  };
}

/**
 * - connecting: the first attempt after connect();
 * - connected: the handshake is done, commands flow;
 * - reconnecting: the connection dropped; waiting out the backoff or trying again;
 * - offline: not connected and not trying (before connect(), or after a close that says stop);
 *   connect() starts again; publishes keep queueing;
 * - closed: close() was called; final.
 */
export type ClientState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

export interface DisconnectedEvent {
  /** The WebSocket close code: the server's (protocol/close-codes.ts) or LocalCloseCodes. */
  code: number;
  reason: string;
  willReconnect: boolean;
}

export interface HubClientEvents {
  state: { state: ClientState; previous: ClientState };
  /** The handshake is done; subscriptions are being resubscribed. */
  connected: ConnectResult;
  /** A connection, or an attempt at one, ended. */
  disconnected: DisconnectedEvent;
  /** The number of publishes not yet answered changed. */
  queue: { pending: number };
  /** Something went wrong that no promise reports: token provider, refresh, error frames, rejected connect. */
  error: Error;
}
