// Turns the raw parts of a request into plain values for the schemas: the query as an object, the
// body as parsed JSON.
import type { HttpRequest } from '../http.js';
import { ApiError } from './api-error.js';

/** One entry per name; a repeated name becomes an array. Built with fromEntries, so a name like
 * `__proto__` is an ordinary own key rather than the object's prototype. */
export function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const values = new Map<string, string[]>();
  for (const [name, value] of query) values.set(name, [...(values.get(name) ?? []), value]);
  return Object.fromEntries(
    [...values].map(([name, all]) => [name, all.length === 1 ? (all[0] as string) : all] as const),
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The JSON body, or undefined when there is none; throws 415 or 400 for anything else. */
export function jsonBody(request: HttpRequest): unknown {
  if (request.body.length === 0) return undefined;
  const [mediaType = '', ...parameters] = (request.headers['content-type'] ?? '').split(';');
  const charset = parameters
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (mediaType.trim().toLowerCase() !== 'application/json' || (charset && charset !== 'utf-8')) {
    throw new ApiError('unsupported_media_type', { message: 'The body must be application/json (UTF-8).' });
  }
  try {
    return JSON.parse(utf8.decode(request.body)) as unknown;
  } catch {
    throw new ApiError('bad_request', { message: 'The body is not valid JSON.' });
  }
}
