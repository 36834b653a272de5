// Cross-origin access to the REST API, for widgets embedded in the marketplace's pages on another
// origin. Deny by default: only the origins the configuration lists get CORS headers ('*' lets
// any origin in, which is safe only because the API authenticates with bearer tokens, never with
// cookies a browser would attach on its own). No credentials mode, for the same reason.

/** An origin as browsers send it: scheme, host and optional port; nothing else. */
export const ORIGIN = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/;

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOW_HEADERS = 'authorization, content-type, x-request-id';
const EXPOSE_HEADERS = 'x-request-id, retry-after';
const PREFLIGHT_MAX_AGE_S = '600';

export class CorsPolicy {
  private readonly any: boolean;
  private readonly origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.any = origins.includes('*');
    this.origins = new Set(origins.filter((o) => o !== '*').map((o) => o.toLowerCase()));
  }

  get enabled(): boolean {
    return this.any || this.origins.size > 0;
  }

  allows(origin: string | undefined): origin is string {
    if (!origin || !ORIGIN.test(origin.toLowerCase())) return false;
    return this.any || this.origins.has(origin.toLowerCase());
  }

  /** Headers for an actual response (empty when the origin is not allowed). */
  responseHeaders(origin: string | undefined): Record<string, string> {
    if (!this.enabled) return {};
    if (!this.allows(origin)) return { vary: 'origin' };
    return {
      'access-control-allow-origin': origin,
      'access-control-expose-headers': EXPOSE_HEADERS,
      vary: 'origin',
    };
  }

  /** Headers for a preflight (OPTIONS) answer; without them the browser refuses the request. */
  preflightHeaders(origin: string | undefined): Record<string, string> {
    if (!this.allows(origin)) return { vary: 'origin' };
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': ALLOW_METHODS,
      'access-control-allow-headers': ALLOW_HEADERS,
      'access-control-max-age': PREFLIGHT_MAX_AGE_S,
      vary: 'origin',
    };
  }
}
