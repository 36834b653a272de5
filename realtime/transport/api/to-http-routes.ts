// Turns route definitions into HttpRoutes, wired to a token verifier and a rate limiter. Every
// request goes through the same steps, in this order:
//   per-IP limit → bearer token (when the route wants one) → the token's kind (user or service)
//   allowed on the route → per-user limit
//   → JSON body (415, 400, nesting bounded) → operator-like keys refused → params, query and body parsed
//   → handler → response parsed and sent with the route's status.
import type { Config } from '../../../config/index.js';
import type { AuthUser } from '../../auth/token-verifier.js';
import type { BucketSpec, RateLimiter } from '../../limits/rate-limiter.js';
import { json, type HttpReply, type HttpRequest, type HttpRoute } from '../http.js';
import { asHubError } from '../domain-error.js';
import { ApiError, replyFor, type ErrorDetail } from './api-error.js';
import { authenticate, type Verifier } from './authenticate.js';
import type { RouteDefinition } from './define-route.js';
import { refuseOperatorLikeKeys } from './injection-guard.js';
import { issueDetails } from './issue-details.js';
import { takeOrRefuse } from './rate-limit.js';
import { jsonBody, queryObject } from './request-input.js';

export interface ApiLimits {
  /** Taken before authentication, so guessing tokens is limited too. */
  perIp: BucketSpec;
  perUser: BucketSpec;
  /** Deepest nesting of arrays and objects in a body, checked before it is parsed. */
  maxJsonDepth?: number;
}

/** The REST API's buckets, from the `api` section of the configuration. */
export function apiLimitsFrom(
  api: Pick<Config['api'], 'ipBurst' | 'ipRatePerS' | 'userBurst' | 'userRatePerS' | 'maxJsonDepth'>,
): ApiLimits {
  return {
    perIp: { capacity: api.ipBurst, refillPerS: api.ipRatePerS },
    perUser: { capacity: api.userBurst, refillPerS: api.userRatePerS },
    maxJsonDepth: api.maxJsonDepth,
  };
}

export interface ApiContext {
  verifier: Verifier;
  limiter: RateLimiter;
  limits: ApiLimits;
  /** The address per-IP limits count by; by default `request.remoteAddress`, which the transport
   * already resolves behind trusted proxies (`server.trustedProxies`). */
  clientAddress?: (request: HttpRequest) => string;
}

export function toHttpRoutes(definitions: readonly RouteDefinition[], context: ApiContext): HttpRoute[] {
  assertUnique(definitions);
  return definitions.map((route) => ({
    method: route.method,
    pattern: route.path,
    ...(route.upload ? { streamBody: { maxBytes: route.upload.maxBytes } } : {}),
    handler: (request) => serve(route, context, request),
  }));
}

async function serve(route: RouteDefinition, ctx: ApiContext, request: HttpRequest): Promise<HttpReply> {
  try {
    const address = ctx.clientAddress?.(request) ?? request.remoteAddress;
    await takeOrRefuse(ctx.limiter, `api:ip:${address}`, ctx.limits.perIp);
    const user = route.auth ? await authenticate(request, ctx.verifier) : undefined;
    if (user) refuseWrongCaller(route, user);
    if (user) await takeOrRefuse(ctx.limiter, `api:user:${user.id}`, ctx.limits.perUser);

    if (route.upload) requireContentType(request, route.upload.contentType);
    const rawBody = route.body ? jsonBody(request, ctx.limits.maxJsonDepth) : undefined;
    const rawQuery = queryObject(request.query);
    refuseOperatorLikeKeys(rawQuery, rawBody);
    const [params, query, body] = await Promise.all([
      route.params.safeParseAsync(request.params),
      route.query.safeParseAsync(rawQuery),
      route.body?.safeParseAsync(rawBody),
    ]);
    if (!params.success || !query.success || body?.success === false) {
      const details: ErrorDetail[] = [params, query, body].flatMap((r) =>
        r && !r.success ? issueDetails(r.error.issues) : [],
      );
      throw new ApiError('validation_failed', { details });
    }

    const result = await route.handle({
      user,
      params: params.data,
      query: query.data,
      body: body?.data,
      request,
    });
    // A handler that breaks its own response schema is our bug: this throws, and the transport
    // logs it and answers 500.
    const output: unknown = await route.response.parseAsync(result);
    if (route.download) return output as HttpReply;
    return route.status === 204 ? { status: 204 } : json(route.status, output);
  } catch (err) {
    const known = asHubError(err);
    if (known) return replyFor(known, request.requestId);
    throw err;
  }
}

/** An upload route takes its one content type (`multipart/form-data; boundary=…` matches). */
function requireContentType(request: HttpRequest, expected: string): void {
  const given = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (given !== expected) {
    throw new ApiError('unsupported_media_type', { message: `the body must be ${expected}` });
  }
}

/** Deny unless allowed: service tokens call service routes only, user tokens user routes only. */
function refuseWrongCaller(route: RouteDefinition, user: AuthUser): void {
  if (route.callers === 'services' && !user.service) {
    throw new ApiError('forbidden', {
      message: 'this route is for services (a token with the hub.admin scope)',
    });
  }
  if (route.callers === 'users' && user.service) {
    throw new ApiError('forbidden', { message: 'a service token may not call a user route' });
  }
}

function assertUnique(definitions: readonly RouteDefinition[]): void {
  const seen = new Set<string>();
  for (const { method, path, operationId } of definitions) {
    const endpoint = `${method} ${path.replace(/\/:[A-Za-z0-9_]+/g, '/:')}`;
    for (const key of [endpoint, `operationId ${operationId}`]) {
      if (seen.has(key)) throw new Error(`api routes: ${key} is defined twice`);
      seen.add(key);
    }
  }
}
