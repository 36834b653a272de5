// The OpenAPI 3.1 document of the REST API, built from the route definitions: the schemas the
// routes validate with are the schemas the document shows, so the two cannot drift apart.
// Request parts are shown as clients write them (zod's input form), responses as they are sent.
import { z } from 'zod';
import { ErrorCodes, type ErrorBody, type ErrorCode } from '../../../protocol/index.js';
import { SERVICE_SCOPE } from '../../auth/token-verifier.js';
import type { ApiMethod, RouteDefinition } from './define-route.js';
import { SchemaComponents, type JsonSchema } from './schema-components.js';

export type { JsonSchema } from './schema-components.js';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface MediaType {
  schema: JsonSchema;
  /** OpenAPI 3.1 examples by name; the routes give one, `example`. */
  examples?: Record<string, { value: unknown }>;
}

export interface Response {
  description: string;
  headers?: Record<string, { description?: string; schema: JsonSchema }>;
  content?: Record<string, MediaType>;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, MediaType> };
  responses: Record<string, Response>;
}

export type PathItem = Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string };
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; bearerFormat: string }>;
  };
}

export interface OpenApiOptions {
  title: string;
  version: string;
  description?: string;
  /** Hand-written paths outside the route definitions (/healthz, /metrics), kept as given. */
  extraPaths?: Readonly<Record<string, PathItem>>;
  /** Component schemas the extra paths refer to; an `Error` among them gives way to the generated
   * one, which lists every error code. */
  extraSchemas?: Readonly<Record<string, JsonSchema>>;
}

const BEARER = 'bearerAuth';

const errorCodes = Object.keys(ErrorCodes) as [ErrorCode, ...ErrorCode[]];

/** The one error body of protocol/error-codes.ts, as a schema; `satisfies` keeps the two alike. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
}) satisfies z.ZodType<ErrorBody>;

export function buildOpenApi(
  definitions: readonly RouteDefinition[],
  options: OpenApiOptions,
): OpenApiDocument {
  const { Error: _handWritten, ...extraSchemas } = options.extraSchemas ?? {};
  const components = new SchemaComponents(extraSchemas);
  const errorRef = components.addNamed('Error', errorBodySchema, 'output');
  const paths: Record<string, PathItem> = structuredClone({ ...options.extraPaths });
  for (const route of definitions) {
    const path = route.path.replace(/\/:([A-Za-z0-9_]+)/g, '/{$1}');
    const method = openApiMethod(route.method);
    const item = (paths[path] ??= {});
    if (item[method]) throw new Error(`openapi: ${method} ${path} is described twice`);
    item[method] = operation(route, components, errorRef);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: options.title,
      version: options.version,
      ...(options.description ? { description: options.description } : {}),
    },
    paths,
    components: {
      schemas: components.all(),
      securitySchemes: { [BEARER]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

const CALLERS_NOTE = {
  services:
    'Service route: only a service token (`scope` holding `hub.admin`) may call it; a user token is refused (403).',
  'users-and-services':
    'Callable by a service token (`scope` holding `hub.admin`) and by users with the permission named in the summary.',
} as const;

function openApiMethod(method: ApiMethod): keyof PathItem {
  return method === 'del' ? 'delete' : method;
}

function operation(route: RouteDefinition, components: SchemaComponents, errorRef: JsonSchema): Operation {
  const id = route.operationId;
  const parameters = [
    ...parametersOf(components.add(route.params, 'input', `${id}Params`), 'path', id),
    ...parametersOf(components.add(route.query, 'input', `${id}Query`), 'query', id),
  ];
  const success: Response =
    route.status === 204
      ? { description: route.summary }
      : route.download
        ? { description: route.summary, content: { 'application/octet-stream': { schema: BINARY } } }
        : {
            description: route.summary,
            content: {
              'application/json': {
                schema: components.add(route.response, 'output', `${id}Response`),
                ...examplesOf(route.examples.response),
              },
            },
          };
  return {
    operationId: id,
    summary: route.summary,
    ...(route.tags.length > 0 ? { tags: [...route.tags] } : {}),
    ...(route.auth ? { security: [{ [BEARER]: route.callers === 'services' ? [SERVICE_SCOPE] : [] }] } : {}),
    ...(route.auth && route.callers !== 'users' ? { description: CALLERS_NOTE[route.callers] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: !route.body.safeParse(undefined).success,
            content: {
              'application/json': {
                schema: components.add(route.body, 'input', `${id}Body`),
                ...examplesOf(route.examples.body),
              },
            },
          },
        }
      : {}),
    ...(route.upload
      ? {
          requestBody: {
            required: true,
            content: { [route.upload.contentType]: { schema: uploadSchema(route) } },
          },
        }
      : {}),
    responses: { [String(route.status)]: success, ...errorResponses(route, errorRef) },
  };
}

/** The route's error examples of one status, named by their codes; nothing when it gives none. */
function errorExamplesOf(route: RouteDefinition, status: number): Pick<MediaType, 'examples'> {
  const mine = (route.examples.errors ?? []).filter((e) => ErrorCodes[e.code].status === status);
  if (mine.length === 0) return {};
  return { examples: Object.fromEntries(mine.map((error) => [error.code, { value: { error } }])) };
}

/** One named example, as OpenAPI 3.1 writes them; nothing when the route gives none. */
function examplesOf(value: unknown): Pick<MediaType, 'examples'> {
  return value === undefined ? {} : { examples: { example: { value } } };
}

const BINARY: JsonSchema = { type: 'string', format: 'binary' };

/** A multipart upload is one `file` part; any other upload is the file's bytes themselves. */
function uploadSchema(route: RouteDefinition): JsonSchema {
  return route.upload?.contentType === 'multipart/form-data'
    ? { type: 'object', properties: { file: BINARY }, required: ['file'] }
    : BINARY;
}

function parametersOf(schema: JsonSchema, where: 'path' | 'query', id: string): Parameter[] {
  if (!schema.properties) throw new Error(`openapi: the ${where} schema of ${id} is not a flat object`);
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof property === 'object' && property.description ? { description: property.description } : {}),
    schema: typeof property === 'object' ? property : {},
  }));
}

/** The error statuses a route can answer, each listing the codes that come with it. */
function errorResponses(route: RouteDefinition, errorRef: JsonSchema): Record<string, Response> {
  const statuses = [
    400,
    ...(route.auth ? [401] : []),
    403,
    404,
    409,
    ...(route.body || route.upload ? [413, 415] : []),
    ...(route.upload ? [422] : []),
    429,
  ];
  return Object.fromEntries(
    statuses.map((status) => {
      const codes = errorCodes.filter((code) => ErrorCodes[code].status === status);
      const response: Response = {
        description: `Error: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
        ...(status === 429
          ? {
              headers: {
                'retry-after': {
                  description: 'Seconds to wait before trying again.',
                  schema: { type: 'integer' },
                },
              },
            }
          : {}),
        content: { 'application/json': { schema: errorRef, ...errorExamplesOf(route, status) } },
      };
      return [String(status), response];
    }),
  );
}
