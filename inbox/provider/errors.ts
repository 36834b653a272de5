// Typed errors of the InboxProvider seam: callers branch on the class, never on messages.
// `retryable` says whether trying the same request later may succeed (the sync jobs rethrow
// those so BullMQ retries them, and turn the others into dead letters at once).

export class ProviderError extends Error {
  constructor(
    message: string,
    /** The provider operation, such as `POST /conversations`. */
    readonly operation: string,
    /** HTTP status, when the provider answered. */
    readonly status: number | undefined,
    readonly retryable: boolean,
    /** The provider's error body, trimmed, for logs. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 401/403: the access token is wrong or lacks a permission. Not retryable. */
export class ProviderAuthError extends ProviderError {}
/** 404: the contact, conversation or inbox does not exist (any more). Not retryable. */
export class ProviderNotFoundError extends ProviderError {}
/** 400/422: the provider refused the request's content. Not retryable. */
export class ProviderValidationError extends ProviderError {}
/** 429 after every retry. Retryable later. */
export class ProviderRateLimitError extends ProviderError {}
/** 5xx, a timeout or no connection, after every retry. Retryable later. */
export class ProviderUnavailableError extends ProviderError {}

export function errorForStatus(
  status: number | undefined,
  operation: string,
  detail?: string,
): ProviderError {
  const where = `inbox provider: ${operation}`;
  if (status === undefined)
    return new ProviderUnavailableError(`${where}: no answer`, operation, status, true, detail);
  if (status === 401 || status === 403)
    return new ProviderAuthError(`${where}: refused (${status})`, operation, status, false, detail);
  if (status === 404)
    return new ProviderNotFoundError(`${where}: not found`, operation, status, false, detail);
  if (status === 429)
    return new ProviderRateLimitError(`${where}: rate limited`, operation, status, true, detail);
  if (status >= 500)
    return new ProviderUnavailableError(`${where}: failed (${status})`, operation, status, true, detail);
  return new ProviderValidationError(
    `${where}: invalid request (${status})`,
    operation,
    status,
    false,
    detail,
  );
}
