import { ErrorCodes, type ErrorCode, type FrameError } from '../../protocol/index.js';

/** A refused command: becomes the error of its reply, with a stable code. */
export class CommandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ErrorCodes[code].message,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'CommandError';
  }

  toFrameError(): FrameError {
    return {
      code: this.code,
      message: this.message,
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
    };
  }
}
