// The one domain error of the hub: a refusal with a registry code (error-codes.ts). Every layer
// throws it (or one of its named subclasses, which only fix the constructor's shape); both
// transports map it the same way: the gateway to an error reply, HTTP to the code's status and
// the error body, with `Retry-After` when retryAfterMs is set.
import { ErrorCodes, type ErrorBody, type ErrorCode } from './error-codes.js';
import type { FrameError } from './frames.js';

export interface HubErrorExtra {
  /** When the same request may succeed again (rate limits, slowmode, a dependency down). */
  retryAfterMs?: number;
  /** Per-field problems, for validation errors. */
  details?: ErrorBody['error']['details'];
}

export class HubError extends Error {
  readonly retryAfterMs: number | undefined;
  readonly details: ErrorBody['error']['details'] | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string = ErrorCodes[code].message,
    extra: HubErrorExtra = {},
  ) {
    super(message);
    this.name = 'HubError';
    this.retryAfterMs = extra.retryAfterMs;
    this.details = extra.details;
  }

  get status(): number {
    return ErrorCodes[this.code].status;
  }

  toFrameError(): FrameError {
    return {
      code: this.code,
      message: this.message,
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
    };
  }
}

/** How long a client waits before retrying when a dependency is down. */
export const NOT_READY_RETRY_MS = 1_000;

/** How long a publish refused by a node under load waits before retrying. */
export const OVERLOADED_RETRY_MS = 1_000;

/** The node's publishes queue (load shedding): this one was refused on arrival, nothing was done. */
export const overloaded = (): HubError =>
  new HubError('overloaded', 'this node is overloaded; try again shortly', {
    retryAfterMs: OVERLOADED_RETRY_MS,
  });

/** A dependency (Redis, MongoDB) is unavailable: retry later, nothing was done. */
export const notReady = (what: string): HubError =>
  new HubError('not_ready', `${what} is unavailable; try again shortly`, {
    retryAfterMs: NOT_READY_RETRY_MS,
  });
