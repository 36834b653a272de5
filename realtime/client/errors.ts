// The one error type of the SDK's promises: a server's error reply, or a reason the client
// itself gave up on a request.
import type { CommandType, ErrorCode, FrameError } from '../../protocol/index.js';

/**
 * Codes the client produces itself, next to the server's ErrorCode:
 * - timeout: no reply within the request's timeout (a publish may still have been stored:
 *   retry it with the same nonce);
 * - disconnected: not connected, or the connection dropped before the reply came;
 * - closed: close() was called;
 * - queue_full: `maxQueuedSends` publishes are already waiting.
 */
export const CLIENT_ERROR_CODES = ['timeout', 'disconnected', 'closed', 'queue_full'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** Why a request failed: `code` is the server's error code or one of ClientErrorCode. */
export class HubRequestError extends Error {
  override readonly name = 'HubRequestError';
  readonly code: ErrorCode | ClientErrorCode;
  /** For rate limits and slowmode: when trying again may succeed. */
  readonly retryAfterMs: number | undefined;
  /** The command that failed; undefined for an error frame not tied to a command. */
  readonly command: CommandType | undefined;

  constructor(error: FrameError | { code: ClientErrorCode; message: string }, command?: CommandType) {
    super(error.message);
    this.code = error.code;
    this.retryAfterMs = 'retryAfterMs' in error ? error.retryAfterMs : undefined;
    this.command = command;
  }
}

const MESSAGES: Record<ClientErrorCode, string> = {
  timeout: 'No reply in time.',
  disconnected: 'Not connected.',
  closed: 'The client was closed.',
  queue_full: 'Too many sends are waiting.',
};

/** A HubRequestError with a client-side code and its standard message. */
export function clientError(code: ClientErrorCode, command?: CommandType): HubRequestError {
  return new HubRequestError({ code, message: MESSAGES[code] }, command);
}

export function isClientErrorCode(code: string): code is ClientErrorCode {
  return (CLIENT_ERROR_CODES as readonly string[]).includes(code);
}

/** True for errors that are worth retrying later with the same arguments. */
export function isTransient(err: HubRequestError): boolean {
  return TRANSIENT.has(err.code);
}

const TRANSIENT: ReadonlySet<string> = new Set<ErrorCode | ClientErrorCode>([
  'timeout',
  'rate_limited',
  'internal',
  'not_ready',
  'shutting_down',
  'overloaded',
]);
