// An HttpError that also sets reply headers: `retry-after` on 429, `www-authenticate` on 401.
import type { ErrorBody, ErrorCode, HubError } from '../../../protocol/index.js';
import { errorReply, HttpError, type HttpReply } from '../http.js';

export type ErrorDetail = NonNullable<ErrorBody['error']['details']>[number];

/** Enough to point at the problem; a body with ten thousand bad items needs no ten thousand lines. */
export const MAX_ERROR_DETAILS = 50;

export class ApiError extends HttpError {
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: { message?: string; details?: readonly ErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(code, options.message, options.details?.slice(0, MAX_ERROR_DETAILS));
    this.headers = options.headers ?? {};
    this.name = 'ApiError';
  }
}

/** The one error body for any domain error, with the ApiError's headers and `retry-after`. */
export function replyFor(err: HubError, requestId: string): HttpReply {
  const reply = errorReply(err.code, requestId, err.message, err.details);
  const headers: Record<string, string> = err instanceof ApiError ? { ...err.headers } : {};
  if (err.retryAfterMs !== undefined && !headers['retry-after'])
    headers['retry-after'] = String(Math.max(1, Math.ceil(err.retryAfterMs / 1000)));
  return { ...reply, headers: { ...reply.headers, ...headers } };
}
