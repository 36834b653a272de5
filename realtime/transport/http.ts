// The HTTP seam of a hub node: handlers are plain async functions from a parsed request to a
// reply, so they know nothing of uWebSockets.js and are tested without a server. File uploads and
// downloads stream instead (`streamBody`, a `Readable` reply body): no whole file in memory.
import { ErrorCodes, HubError, type ErrorBody, type ErrorCode } from '../../protocol/index.js';
import type { Readable } from 'node:stream';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'del' | 'head' | 'options' | 'any';

export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string>>;
  /** Route parameters, such as `id` in `/api/v1/things/:id`. */
  params: Readonly<Record<string, string>>;
  body: Buffer;
  /** The body as it arrives, on routes with `streamBody` (then `body` stays empty). */
  bodyStream?: Readable;
  /** Correlation id: from a well-formed `x-request-id` header, or fresh. */
  requestId: string;
  /** The client's address: the socket's peer, or behind a trusted proxy what it forwarded. */
  remoteAddress: string;
  /** Set when the path could not be decoded; such a request is answered 400 before any handler. */
  malformed?: boolean;
}

export interface HttpReply {
  status: number;
  headers?: Record<string, string>;
  /** A stream is written as it is read, with the socket's backpressure. */
  body?: string | Buffer | Readable;
}

export type HttpHandler = (request: HttpRequest) => Promise<HttpReply> | HttpReply;

export interface HttpRoute {
  method: HttpMethod;
  /** uWS pattern: `/api/v1/things/:id`, `/widgets/*`. */
  pattern: string;
  handler: HttpHandler;
  /** Route label for metrics and logs; defaults to the pattern. */
  name?: string;
  /**
   * Hand the handler the body as a stream (`request.bodyStream`) instead of collecting it; a body
   * past `maxBytes` ends the stream with a `payload_too_large` error.
   */
  streamBody?: { maxBytes: number };
  /** Log at debug rather than info (health probes, metrics scrapes). */
  quiet?: boolean;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpReply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** An error reply in the one error shape of the API. */
export function errorReply(
  code: ErrorCode,
  requestId?: string,
  message: string = ErrorCodes[code].message,
  details?: ErrorBody['error']['details'],
): HttpReply {
  const body: ErrorBody = {
    error: { code, message, ...(details ? { details } : {}), ...(requestId ? { requestId } : {}) },
  };
  return json(ErrorCodes[code].status, body);
}

/** An error thrown by a handler that becomes its coded reply. */
/** The hub's domain error with the HTTP handlers' constructor shape (code, message, details). */
export class HttpError extends HubError {
  constructor(code: ErrorCode, message?: string, details?: ErrorBody['error']['details']) {
    super(code, message, details === undefined ? {} : { details });
    this.name = 'HttpError';
  }
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusLine(status: number): string {
  return `${status} ${STATUS_TEXT[status] ?? 'Status'}`;
}
