// Turns the raw parts of a request into plain values for the schemas: the query as an object, the
// body as parsed JSON (its nesting bounded before it is parsed).
import type { HttpRequest } from '../http.js';
import { DEFAULT_MAX_JSON_DEPTH, nestsDeeperThan } from '../json-guard.js';
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

/** The JSON body, or undefined when there is none; throws 415 or 400 for anything else, and
 * validation_failed for a body nesting arrays and objects deeper than `maxDepth`. */
export function jsonBody(request: HttpRequest, maxDepth = DEFAULT_MAX_JSON_DEPTH): unknown {
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
  let text: string;
  try {
    text = utf8.decode(request.body);
  } catch {
    throw new ApiError('bad_request', { message: 'The body is not valid UTF-8.' });
  }
  if (nestsDeeperThan(text, maxDepth)) {
    throw new ApiError('validation_failed', {
      message: `The body nests arrays and objects deeper than ${maxDepth} levels.`,
      details: [{ path: '', message: `nesting deeper than ${maxDepth} levels` }],
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('bad_request', { message: 'The body is not valid JSON.' });
  }
}
