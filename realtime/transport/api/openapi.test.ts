import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCodes } from '../../../protocol/index.js';
import { defineRoute } from './define-route.js';
import { buildOpenApi, type OpenApiDocument, type Operation, type Parameter } from './openapi.js';
import { sampleRoutes } from './test-support.js';

const doc = buildOpenApi(sampleRoutes, { title: 'Hubbub REST API', version: '1.2.3' });

function op(path: string, method: 'get' | 'post' | 'delete'): Operation {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`no ${method} ${path} in the document`);
  return found;
}

/** Every `$ref` in the document, wherever it sits. */
function refs(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refs(v)));
}

describe('buildOpenApi', () => {
  it('writes an OpenAPI 3.1.0 document that survives JSON unchanged', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual({ title: 'Hubbub REST API', version: '1.2.3' });
    expect(JSON.parse(JSON.stringify(doc))).toStrictEqual(doc);
    expect(JSON.stringify(doc)).not.toContain('$schema');
  });

  it('has every route, with {name} path parameters and DELETE for del', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/broken',
      '/api/v1/channels',
      '/api/v1/channels/{channelId}',
      '/api/v1/channels/{channelId}/messages',
      '/api/v1/status',
    ]);
    expect(op('/api/v1/channels/{channelId}', 'delete').operationId).toBe('deleteChannel');
    expect(op('/api/v1/channels', 'post')).toMatchObject({
      operationId: 'createChannel',
      summary: 'Create a channel',
      tags: ['channels'],
    });
  });

  it('describes path and query parameters as clients send them', () => {
    const parameters = op('/api/v1/channels/{channelId}/messages', 'get').parameters ?? [];
    const byName = new Map<string, Parameter>(parameters.map((p) => [p.name, p]));
    expect(byName.get('channelId')).toEqual({
      name: 'channelId',
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: '^[a-z0-9-]{1,32}$' },
    });
    expect(byName.get('limit')).toEqual({
      name: 'limit',
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
    });
    expect(byName.get('cursor')).toMatchObject({ in: 'query', required: false, schema: { type: 'string' } });
    expect(parameters).toHaveLength(3);
  });

  it('describes the request body, strict, and the success response', () => {
    const create = op('/api/v1/channels', 'post');
    expect(create.requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {
              name: { type: 'string', minLength: 1, maxLength: 80 },
              topic: { type: 'string', maxLength: 200 },
              labels: { type: 'object', propertyNames: { type: 'string' }, additionalProperties: {} },
            },
            required: ['name'],
            additionalProperties: false,
          },
          examples: { example: { value: { name: 'Kiln Talk', topic: 'Firing schedules' } } },
        },
      },
    });
    expect(create.responses['201']?.content?.['application/json']?.schema).toMatchObject({
      type: 'object',
      required: ['id', 'name', 'topic', 'createdBy'],
    });
    expect(create.responses['200']).toBeUndefined();
    const page = op('/api/v1/channels/{channelId}/messages', 'get').responses['200'];
    expect(page?.content?.['application/json']?.schema).toMatchObject({
      properties: { items: { type: 'array' }, nextCursor: { type: ['string', 'null'] } },
    });
    expect(op('/api/v1/channels/{channelId}', 'delete').responses['204']).toEqual({
      description: 'Delete a channel',
    });
  });

  it("shows the routes' examples beside the schemas they illustrate, and none where a route gives none", () => {
    const create = op('/api/v1/channels', 'post');
    expect(create.requestBody?.content['application/json']?.examples).toEqual({
      example: { value: { name: 'Kiln Talk', topic: 'Firing schedules' } },
    });
    expect(create.responses['201']?.content?.['application/json']?.examples).toEqual({
      example: {
        value: { id: 'kiln-talk', name: 'Kiln Talk', topic: 'Firing schedules', createdBy: 'member-42' },
      },
    });
    expect(op('/api/v1/status', 'get').responses['200']?.content?.['application/json']?.examples).toEqual({
      example: { value: { ok: true, signedIn: false } },
    });
    expect(op('/api/v1/broken', 'get').responses['200']?.content?.['application/json']).not.toHaveProperty(
      'examples',
    );
  });

  it('refers every error response to the one Error schema, with the statuses each route can meet', () => {
    const errorRef = { $ref: '#/components/schemas/Error' };
    const statuses = (o: Operation) => Object.keys(o.responses).filter((s) => Number(s) >= 400);
    expect(statuses(op('/api/v1/channels', 'post'))).toEqual([
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '429',
    ]);
    expect(statuses(op('/api/v1/status', 'get'))).toEqual(['400', '403', '404', '409', '429']);
    for (const [status, response] of Object.entries(op('/api/v1/channels', 'post').responses)) {
      if (Number(status) >= 400) expect(response.content?.['application/json']?.schema).toEqual(errorRef);
    }
    expect(op('/api/v1/channels', 'post').responses['429']?.headers?.['retry-after']).toBeDefined();
    expect(op('/api/v1/channels', 'post').responses['400']?.description).toContain('`validation_failed`');
  });

  it('has the Error component, listing every error code, and resolves every $ref', () => {
    const error = doc.components.schemas['Error'];
    expect(error).toMatchObject({
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          required: ['code', 'message'],
          properties: { code: { enum: Object.keys(ErrorCodes) }, details: { type: 'array' } },
        },
      },
    });
    for (const ref of refs(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.slice('#/components/schemas/'.length)]).toBeDefined();
    }
  });

  it('secures routes with auth by bearer token, and leaves public ones open', () => {
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });
    expect(op('/api/v1/channels', 'post').security).toEqual([{ bearerAuth: [] }]);
    expect(op('/api/v1/status', 'get').security).toBeUndefined();
  });

  it('keeps extra hand-written paths and schemas, replacing a hand-written Error', () => {
    const health = { status: z.literal('alive') };
    const withExtras: OpenApiDocument = buildOpenApi(sampleRoutes, {
      title: 't',
      version: 'v',
      description: 'd',
      extraPaths: {
        '/healthz': {
          get: {
            operationId: 'healthz',
            summary: 'Liveness',
            responses: {
              '200': {
                description: 'alive',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } },
              },
            },
          },
        },
      },
      extraSchemas: { Health: z.toJSONSchema(z.object(health)), Error: { type: 'string' } },
    });
    expect(withExtras.info.description).toBe('d');
    expect(withExtras.paths['/healthz']?.get?.operationId).toBe('healthz');
    expect(withExtras.components.schemas['Health']).toBeDefined();
    expect(withExtras.components.schemas['Error']).toEqual(doc.components.schemas['Error']);
  });

  it('refuses a path and method described twice', () => {
    const again = defineRoute({
      method: 'get',
      path: '/api/v1/status',
      operationId: 'statusAgain',
      summary: 's',
      tags: [],
      response: z.object({}),
      handler: () => ({}),
    });
    expect(() => buildOpenApi([...sampleRoutes, again], { title: 't', version: 'v' })).toThrow(
      /get \/api\/v1\/status is described twice/,
    );
  });
});
