// Declares one endpoint of the REST API: its schemas, its handler, and what the OpenAPI document
// says about it. The handler's input is typed from the schemas. Wiring (token verifier, rate
// limiter) comes later, in toHttpRoutes, so route modules stay free of it.
import { z } from 'zod';
import type { ErrorBody } from '../../../protocol/index.js';
import type { AuthUser } from '../../auth/token-verifier.js';
import type { HttpRequest } from '../http.js';
import { assertRefusesUnknownFields } from './strict-schemas.js';

export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'del';

/** uWS syntax: `/api/v1/channels/:channelId`. */
export type ApiPath = `/api/v1/${string}`;

/**
 * Who may call a route with a valid token: users (the default; a service token is refused),
 * services (tokens whose `scope` holds `hub.admin`; a user token is refused whatever its roles),
 * or both (the handler then tells them apart by `user.service`). Refusals are 403 `forbidden`.
 */
export type Callers = 'users' | 'services' | 'users-and-services';

type NoFields = Record<string, never>;
type Parsed<S, Fallback> = S extends z.ZodType ? z.output<S> : Fallback;

export interface HandlerInput<A extends boolean, P, Q, B> {
  /** The caller; undefined on routes declared with `auth: false`. */
  user: A extends false ? undefined : AuthUser;
  params: Parsed<P, NoFields>;
  query: Parsed<Q, NoFields>;
  body: Parsed<B, undefined>;
  request: HttpRequest;
}

export interface RouteSpec<
  A extends boolean,
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
> {
  method: ApiMethod;
  path: ApiPath;
  operationId: string;
  summary: string;
  tags: readonly string[];
  /** Require `Authorization: Bearer <jwt>`; default true. */
  auth?: A;
  /** Which kind of token may call it (when auth is on); default users. */
  callers?: Callers;
  /** One field per `:name` of the path; values arrive as strings. */
  params?: P;
  /** Values arrive as strings (arrays when repeated): coerce where numbers are wanted. */
  query?: Q;
  /** A JSON body; the route then requires `content-type: application/json`. */
  body?: B;
  /**
   * The body is a file upload in this content type, not JSON: it is not collected but handed to
   * the handler as `request.bodyStream`, up to `maxBytes` (then `payload_too_large`).
   */
  upload?: FileBody;
  /**
   * The success response is a file, not JSON: the handler returns the `HttpReply` (a streamed
   * body, its own headers and status, a redirect), which the response schema only checks is one.
   */
  download?: boolean;
  /** Checked on the way out too: fields it does not declare are stripped, a mismatch is a 500. */
  response: R;
  /** What the OpenAPI document shows as this route's examples (hub/openapi-examples.test.ts
   * checks each against the schemas above, so a stale one fails). */
  examples?: RouteExamples;
  /** The success status; default 200. 204 sends no body. */
  status?: number;
  /** Returns the response in the schema's input form. TypeScript widens a literal written inside
   * the returned object (`ok: true` becomes boolean) before it meets the schema: write
   * `true as const` where the schema wants a literal or an enum member. */
  handler: (input: HandlerInput<A, P, Q, B>) => Promise<z.input<R>> | z.input<R>;
}

/**
 * Examples of one route for docs/openapi.json (OpenAPI 3.1 `examples`). Values are typed loosely
 * here, since a separate examples file widens literals; the schemas check them in a test instead.
 */
export interface RouteExamples {
  /** A request body as a client writes it (zod's input form); on routes with a JSON body. */
  body?: unknown;
  /** The success response as sent (the response schema's output form); not on 204 or downloads. */
  response?: unknown;
  /** Refusals worth showing (the `error` of the body), each under its code's status. */
  errors?: readonly ErrorBody['error'][];
}

export interface FileBody {
  contentType: string;
  maxBytes: number;
}

/** What every handler gets once the request has passed its checks. */
export interface ValidatedInput {
  user: AuthUser | undefined;
  params: unknown;
  query: unknown;
  body: unknown;
  request: HttpRequest;
}

/** A route with its types erased, so routes of any shape fit in one list. */
export interface RouteDefinition {
  readonly method: ApiMethod;
  readonly path: ApiPath;
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly auth: boolean;
  readonly callers: Callers;
  readonly status: number;
  /** Routes without path parameters or query get an empty strict object. */
  readonly params: z.ZodObject;
  readonly query: z.ZodObject;
  readonly body: z.ZodType | undefined;
  readonly upload: FileBody | undefined;
  readonly download: boolean;
  readonly response: z.ZodType;
  readonly examples: RouteExamples;
  /** Calls the handler with input already parsed by the schemas above. */
  readonly handle: (input: ValidatedInput) => Promise<unknown>;
}

const OPERATION_ID = /^[A-Za-z][A-Za-z0-9_]*$/;
const PATH_PARAM = /\/:([A-Za-z0-9_]+)/g;

export function pathParamNames(path: string): string[] {
  return [...path.matchAll(PATH_PARAM)].map((m) => m[1] as string);
}

export function defineRoute<
  A extends boolean = true,
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(spec: RouteSpec<A, P, Q, B, R>): RouteDefinition {
  const where = `route ${spec.operationId} (${spec.method} ${spec.path})`;
  if (!spec.path.startsWith('/api/v1/')) throw new Error(`${where}: the path must start with /api/v1/`);
  if (!OPERATION_ID.test(spec.operationId)) throw new Error(`${where}: operationId must be an identifier`);
  const status = spec.status ?? 200;
  if (!Number.isInteger(status) || status < 200 || status > 299) {
    throw new Error(`${where}: status ${status} is not a success status`);
  }
  const params = spec.params ?? z.strictObject({});
  const query = spec.query ?? z.strictObject({});
  const declared = Object.keys(params.shape).sort().join(', ');
  const inPath = pathParamNames(spec.path).sort().join(', ');
  if (declared !== inPath) {
    throw new Error(`${where}: params declare [${declared}] but the path has [${inPath}]`);
  }
  assertRefusesUnknownFields(params, `${where} params`);
  assertRefusesUnknownFields(query, `${where} query`);
  if (spec.body) assertRefusesUnknownFields(spec.body, `${where} body`);
  if (spec.upload && spec.body) throw new Error(`${where}: a route takes a JSON body or an upload, not both`);
  if (spec.examples?.body !== undefined && !spec.body) {
    throw new Error(`${where}: a body example needs a JSON body`);
  }
  if (spec.examples?.response !== undefined && (status === 204 || spec.download)) {
    throw new Error(`${where}: a response example needs a JSON response (not 204, not a download)`);
  }
  if (spec.auth === false && spec.callers !== undefined) {
    throw new Error(`${where}: callers needs auth, a route without a token has no caller to check`);
  }

  return {
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    tags: spec.tags,
    auth: spec.auth ?? true,
    callers: spec.callers ?? 'users',
    status,
    params,
    query,
    body: spec.body,
    upload: spec.upload,
    download: spec.download ?? false,
    response: spec.response,
    examples: spec.examples ?? {},
    // The pipeline parsed params, query and body with this route's own schemas and authenticated
    // the user when auth is on, which is what the handler's input type states.
    handle: async (input) => spec.handler(input as HandlerInput<A, P, Q, B>),
  };
}
