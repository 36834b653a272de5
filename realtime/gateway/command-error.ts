// A refused command: the hub's domain error with the gateway's constructor shape (code, message,
// retryAfterMs). It becomes the error of the command's reply.
import { HubError, type ErrorCode } from '../../protocol/index.js';

export class CommandError extends HubError {
  constructor(code: ErrorCode, message?: string, retryAfterMs?: number) {
    super(code, message, retryAfterMs === undefined ? {} : { retryAfterMs });
    this.name = 'CommandError';
  }
}
