// The error codes of the HTTP API and of error frames on the gateway: stable strings that
// clients may branch on, each with its HTTP status. Messages are for people and may change;
// codes never do. Add new codes; never rename or reuse one.

export const ErrorCodes = {
  bad_request: { status: 400, message: 'The request is malformed.' },
  validation_failed: { status: 400, message: 'The request does not match its schema.' },
  unauthenticated: { status: 401, message: 'A valid token is required.' },
  token_expired: { status: 401, message: 'The token has expired.' },
  forbidden: { status: 403, message: 'You do not have permission to do that.' },
  not_found: { status: 404, message: 'Not found.' },
  method_not_allowed: { status: 405, message: 'That method is not allowed here.' },
  conflict: { status: 409, message: 'The request conflicts with the current state.' },
  payload_too_large: { status: 413, message: 'The payload is too large.' },
  unsupported_media_type: { status: 415, message: 'The content type is not supported.' },
  rate_limited: { status: 429, message: 'Too many requests; slow down.' },
  slowmode: { status: 429, message: 'This channel is in slowmode; wait before sending again.' },
  subscription_limit: { status: 429, message: 'Too many subscriptions on this connection.' },
  timed_out: { status: 403, message: 'You are timed out in this community.' },
  automod_blocked: { status: 422, message: "The community's AutoMod blocked this message." },
  not_subscribed: { status: 409, message: 'Not subscribed to that channel.' },
  already_subscribed: { status: 409, message: 'Already subscribed to that channel.' },
  internal: { status: 500, message: 'Something went wrong on our side.' },
  not_ready: { status: 503, message: 'A dependency is unavailable.' },
  shutting_down: { status: 503, message: 'This node is shutting down.' },
  overloaded: { status: 503, message: 'This node is overloaded; retry shortly.' },
  // attachments
  unsupported_type: { status: 415, message: 'Files of this type are not allowed here.' },
  file_mismatch: { status: 422, message: "The file's bytes do not match its name." },
  image_too_large: { status: 422, message: 'The image has too many pixels.' },
  link_expired: { status: 403, message: 'This download link has expired or is not yours.' },
  pending_upload_limit: { status: 429, message: 'Too many of your uploads are waiting to be sent.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ErrorCodes;

/** The one shape of an error body on the HTTP API, and of the `error` of an error frame. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** Per-field problems, for validation errors. */
    details?: readonly { path: string; message: string }[];
    /** The correlation id of the request, to quote to support. */
    requestId?: string;
  };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ErrorCodes, value);
}
