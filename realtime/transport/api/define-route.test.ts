import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { AuthUser } from '../../auth/token-verifier.js';
import type { HttpRequest } from '../http.js';
import { defineRoute, type HandlerInput } from './define-route.js';
import { toHttpRoutes } from './to-http-routes.js';
import { createChannel, memoryContext, sampleRoutes } from './test-support.js';

const roomy = { capacity: 10, refillPerS: 10 };
const response = z.object({ ok: z.boolean() });
const ok = () => ({ ok: true });
const request: HttpRequest = {
  method: 'get',
  path: '/',
  query: new URLSearchParams(),
  headers: {},
  params: {},
  body: Buffer.alloc(0),
  requestId: 'test-request',
  remoteAddress: '127.0.0.1',
};

describe('defineRoute', () => {
  it('types the handler input from the schemas', async () => {
    const route = defineRoute({
      method: 'patch',
      path: '/api/v1/things/:thingId',
      operationId: 'patchThing',
      summary: 'Typed',
      tags: [],
      params: z.strictObject({ thingId: z.coerce.number().int() }),
      query: z.strictObject({ dryRun: z.enum(['yes', 'no']).default('no') }),
      body: z.strictObject({ name: z.string(), size: z.number().default(1) }),
      response: z.object({ id: z.number(), at: z.date().transform((d) => d.toISOString()) }),
      handler: (input) => {
        expectTypeOf(input.user).toEqualTypeOf<AuthUser>();
        expectTypeOf(input.params).toEqualTypeOf<{ thingId: number }>();
        expectTypeOf(input.query).toEqualTypeOf<{ dryRun: 'yes' | 'no' }>();
        expectTypeOf(input.body).toEqualTypeOf<{ name: string; size: number }>();
        expectTypeOf(input.request).toEqualTypeOf<HttpRequest>();
        // The handler returns the response's input form (a Date here); the pipeline serializes.
        return { id: input.params.thingId * input.body.size, at: new Date(0) };
      },
    });
    const user: AuthUser = { id: 'u', name: 'u', roles: [], expiresAt: 0 };
    const result = await route.handle({
      user,
      params: { thingId: 6 },
      query: { dryRun: 'no' },
      body: { name: 'n', size: 7 },
      request,
    });
    expect(result).toEqual({ id: 42, at: new Date(0) });
    expect(route.response.parse(result)).toEqual({ id: 42, at: '1970-01-01T00:00:00.000Z' });
  });

  it('gives `user: undefined` to routes without auth, and empty params and query when undeclared', () => {
    const route = defineRoute({
      method: 'get',
      path: '/api/v1/open',
      operationId: 'open',
      summary: 'Open',
      tags: [],
      auth: false,
      response,
      handler: (input) => {
        expectTypeOf(input).toEqualTypeOf<HandlerInput<false, undefined, undefined, undefined>>();
        expectTypeOf(input.user).toEqualTypeOf<undefined>();
        expectTypeOf(input.params).toEqualTypeOf<Record<string, never>>();
        expectTypeOf(input.body).toEqualTypeOf<undefined>();
        return { ok: input.user === undefined };
      },
    });
    expect(route.auth).toBe(false);
    expect(route.status).toBe(200);
    expect(route.query.safeParse({}).success).toBe(true);
    expect(route.query.safeParse({ any: 'thing' }).success).toBe(false);
    expect(createChannel.auth).toBe(true);
  });

  it('holds the handler to its response schema, in types and at run time', async () => {
    const route = defineRoute({
      method: 'get',
      path: '/api/v1/typed-response',
      operationId: 'typedResponse',
      summary: 'Typed response',
      tags: [],
      auth: false,
      response: z.object({ count: z.number() }),
      // @ts-expect-error a string is not the number the response schema wants
      handler: () => ({ count: 'many' }),
    });
    const result = await route.handle({ user: undefined, params: {}, query: {}, body: undefined, request });
    expect(route.response.safeParse(result).success).toBe(false);
  });

  const base = { method: 'post', operationId: 'op', summary: 's', tags: [], response, handler: ok } as const;

  const define = (spec: Partial<Parameters<typeof defineRoute>[0]>) => () =>
    defineRoute({ ...base, path: '/api/v1/a', ...spec });

  it.each([
    ['a body that strips unknown fields', define({ body: z.object({ a: z.string() }) }), /object at # drops/],
    [
      'a nested object that strips unknown fields',
      define({ body: z.strictObject({ inner: z.array(z.object({ b: z.number() })) }) }),
      /object at #\/properties\/inner\/items drops/,
    ],
    [
      'a query that strips unknown fields',
      define({ query: z.object({ q: z.string() }) }),
      /query: the object/,
    ],
    [
      'a path parameter without a schema',
      define({ path: '/api/v1/a/:id' }),
      /params declare \[\] but the path has \[id\]/,
    ],
    [
      'params that do not match the path',
      define({ path: '/api/v1/a/:id', params: z.strictObject({ key: z.string() }) }),
      /params declare \[key\] but the path has \[id\]/,
    ],
    ['a path outside /api/v1', define({ path: '/v2/a' as '/api/v1/a' }), /must start with \/api\/v1\//],
    ['an operationId that is not an identifier', define({ operationId: 'get thing' }), /operationId/],
    ['an error status for success', define({ status: 400 }), /not a success status/],
    [
      'a body example on a route without a body',
      define({ examples: { body: { a: 1 } } }),
      /a body example needs a JSON body/,
    ],
    [
      'a response example on a 204 route',
      define({ status: 204, examples: { response: {} } }),
      /a response example needs a JSON response/,
    ],
  ])('refuses %s when the route is defined', (_label, definition, message) => {
    expect(definition).toThrow(message);
  });

  it('accepts permissive schemas that say so (z.looseObject, z.record)', () => {
    const body = z.strictObject({
      meta: z.looseObject({ v: z.number() }),
      tags: z.record(z.string(), z.string()),
    });
    expect(define({ body })().body).toBe(body);
  });
});

describe('toHttpRoutes', () => {
  it('makes one HttpRoute per definition, with the uWS pattern', () => {
    const routes = toHttpRoutes(sampleRoutes, memoryContext({ perIp: roomy, perUser: roomy }));
    expect(routes.map((r) => [r.method, r.pattern])).toEqual(sampleRoutes.map((d) => [d.method, d.path]));
  });

  it('refuses two routes for one endpoint, or one operationId twice', () => {
    const context = memoryContext({ perIp: roomy, perUser: roomy });
    const a = defineRoute({
      method: 'get',
      path: '/api/v1/x/:a',
      operationId: 'one',
      summary: 's',
      tags: [],
      params: z.strictObject({ a: z.string() }),
      response,
      handler: ok,
    });
    const b = defineRoute({
      method: 'get',
      path: '/api/v1/x/:b',
      operationId: 'two',
      summary: 's',
      tags: [],
      params: z.strictObject({ b: z.string() }),
      response,
      handler: ok,
    });
    const c = defineRoute({
      method: 'post',
      path: '/api/v1/x/:a',
      operationId: 'one',
      summary: 's',
      tags: [],
      params: z.strictObject({ a: z.string() }),
      response,
      handler: ok,
    });
    expect(() => toHttpRoutes([a, b], context)).toThrow(/get \/api\/v1\/x\/: is defined twice/);
    expect(() => toHttpRoutes([a, c], context)).toThrow(/operationId one is defined twice/);
  });
});
