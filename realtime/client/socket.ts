// The slice of a WebSocket the SDK uses, so that the browser's WebSocket and Node's `ws` both
// fit, and the parsing of what arrives on it.
import type { ServerFrame } from '../../protocol/index.js';

// The DOM and `ws` declare different event classes; the handlers read only fields both have.
// Method syntax makes the parameter bivariant, so both constructors are assignable without a cast.
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** What the SDK needs of a WebSocket: the browser's and `ws`'s both have it. */
export interface SocketLike {
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** A WebSocket constructor: `globalThis.WebSocket` in browsers, `WebSocket` from `ws` in Node. */
export type SocketConstructor = new (url: string) => SocketLike;

/** The default constructor; undefined where there is none (Node before 22). */
export function defaultSocketConstructor(): SocketConstructor | undefined {
  const ctor: unknown = (globalThis as { WebSocket?: unknown }).WebSocket;
  return typeof ctor === 'function' ? (ctor as SocketConstructor) : undefined;
}

/**
 * Parses a text message into a frame; undefined when it is not JSON or has no string `type`.
 * The fields are trusted beyond that: the server is ours and speaks the same protocol/ types.
 */
export function parseFrame(data: unknown): ServerFrame | undefined {
  if (typeof data !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  return typeof (value as { type?: unknown }).type === 'string' ? (value as ServerFrame) : undefined;
}
