// How the generated HTTP API client (hub-api.ts) makes one request: the bearer token, path
// parameters, query, a JSON or file body, and the API's one error body turned into HubApiError.
// Browser-safe like the rest of the client SDK: fetch only, nothing of Node.
import { isErrorCode, type ErrorBody, type ErrorCode } from '../../../protocol/index.js';

/** Returns a current marketplace JWT; called before every request. */
export type ApiTokenProvider = () => string | Promise<string>;

export interface HubApiOptions {
  /** The hub node's origin, e.g. `https://hub.example.com` (paths start with /api/v1/). */
  baseUrl: string;
  /** The `Authorization: Bearer` token, or a function returning a current one; none: no header. */
  token?: string | ApiTokenProvider;
  /** Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch;
}

/** Per call: another token than the client's (a test acting as several users), headers, abort. */
export interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** What the generator knows of an operation, from docs/openapi.json. */
export interface OperationSpec {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** With `{name}` placeholders for the path parameters. */
  path: string;
  /** `json`: a JSON body; `file`: a FormData or the raw bytes in `contentType`; `none`. */
  request: 'none' | 'json' | 'file';
  contentType?: string;
  /** `json`: the parsed body; `none`: nothing (204); `raw`: the Response itself (files, text). */
  response: 'json' | 'none' | 'raw';
}

export interface CallInput {
  path?: Record<string, string | number>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/**
 * A request the hub refused or could not answer. `code` is the API's stable error code
 * (protocol/error-codes.ts); an answer without the error body (a proxy's 502, the network down)
 * is `not_ready` when it says the hub is unreachable, `internal` otherwise.
 */
export class HubApiError extends Error {
  override readonly name = 'HubApiError';
  /** The HTTP status; 0 when no answer came at all. */
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: readonly { path: string; message: string }[] | undefined;
  readonly requestId: string | undefined;
  /** From `retry-after` on 429 and 503 answers. */
  readonly retryAfterS: number | undefined;
  readonly operationId: string;
  /** The answer's body as received (JSON when it was JSON). */
  readonly body: unknown;

  constructor(
    operationId: string,
    status: number,
    error: ErrorBody['error'],
    extra: { body?: unknown; retryAfterS?: number; cause?: unknown } = {},
  ) {
    super(`${operationId}: ${error.message}`, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.operationId = operationId;
    this.status = status;
    this.code = error.code;
    this.details = error.details;
    this.requestId = error.requestId;
    this.retryAfterS = extra.retryAfterS;
    this.body = extra.body;
  }
}

const UNREACHABLE_STATUSES = new Set([0, 502, 503, 504]);

export async function callApi(
  options: HubApiOptions,
  spec: OperationSpec,
  input: CallInput = {},
  init: CallOptions = {},
): Promise<unknown> {
  const headers: Record<string, string> = { ...init.headers };
  const token = init.token ?? (typeof options.token === 'function' ? await options.token() : options.token);
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (spec.request === 'json' && input.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(input.body);
  } else if (spec.request === 'file' && input.body !== undefined) {
    // A FormData sets its own multipart boundary; raw bytes are sent in the declared type.
    if (!(input.body instanceof FormData) && spec.contentType) headers['content-type'] = spec.contentType;
    body = input.body as BodyInit;
  }
  const url = new URL(fillPath(spec.path, input.path ?? {}), options.baseUrl);
  for (const [name, value] of Object.entries(input.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) url.searchParams.append(name, String(item));
    }
  }
  const fetchFn = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchFn(url, { method: spec.method, headers, body, signal: init.signal ?? null });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new HubApiError(
      spec.operationId,
      0,
      { code: 'not_ready', message: 'the hub did not answer' },
      { cause: err },
    );
  }
  if (!response.ok) throw await errorOf(spec.operationId, response);
  if (spec.response === 'raw') return response;
  if (spec.response === 'none' || response.status === 204) {
    await response.body?.cancel();
    return undefined;
  }
  return response.json();
}

function fillPath(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`hub-api: the path parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
}

async function errorOf(operationId: string, response: Response): Promise<HubApiError> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): kept as text.
  }
  const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
  const extra = { body, ...(Number.isFinite(retryAfter) ? { retryAfterS: retryAfter } : {}) };
  const error = (body as Partial<ErrorBody> | null)?.error;
  if (error && isErrorCode(error.code) && typeof error.message === 'string') {
    return new HubApiError(operationId, response.status, error, extra);
  }
  const code = UNREACHABLE_STATUSES.has(response.status) ? 'not_ready' : 'internal';
  return new HubApiError(
    operationId,
    response.status,
    { code, message: `HTTP ${response.status} without an error body` },
    extra,
  );
}
