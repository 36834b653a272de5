// Shared by this folder's tests: sample routes of the kinds real ones will be (a POST with a body,
// a paginated GET with a path parameter, a public GET, a 204 DELETE), a uWS server that mounts
// them, and tokens signed like the marketplace core signs them.
import { SignJWT } from 'jose';
import { pino } from 'pino';
import uWS from 'uWebSockets.js';
import { z } from 'zod';
import { MemoryRateLimiter } from '../../limits/rate-limiter.memory.js';
import { TokenVerifier } from '../../auth/token-verifier.js';
import { HttpError } from '../http.js';
import { mountHttpRoutes } from '../uws-http.js';
import { defineRoute, type RouteDefinition } from './define-route.js';
import { defineCursor, limitQuery, pageSchema, toPage } from './pagination.js';
import { toHttpRoutes, type ApiContext } from './to-http-routes.js';

export const JWT_SECRET = 'x'.repeat(32);

export const verifier = new TokenVerifier({
  jwtSecret: JWT_SECRET,
  issuer: 'marketplace',
  audience: 'hubbub',
  clockSkewS: 0,
});

export function token(
  userId: string,
  {
    expiresInS = 600,
    secret = JWT_SECRET,
    roles = ['member'],
    scope,
  }: { expiresInS?: number; secret?: string; roles?: string[]; scope?: string } = {},
): Promise<string> {
  return new SignJWT({ name: `User ${userId}`, roles, ...(scope !== undefined && { scope }) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer('marketplace')
    .setAudience('hubbub')
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInS)
    .sign(new TextEncoder().encode(secret));
}

const channelId = z.string().regex(/^[a-z0-9-]{1,32}$/, 'must be 1-32 of a-z, 0-9 and -');

const channel = z.object({
  id: z.string(),
  name: z.string(),
  topic: z.string().nullable(),
  createdBy: z.string(),
});

export const createChannel = defineRoute({
  method: 'post',
  path: '/api/v1/channels',
  operationId: 'createChannel',
  summary: 'Create a channel',
  tags: ['channels'],
  body: z.strictObject({
    name: z.string().min(1).max(80),
    topic: z.string().max(200).optional(),
    /** Free-form on purpose: the injection guard still keeps operators out of it. */
    labels: z.record(z.string(), z.unknown()).optional(),
  }),
  response: channel,
  status: 201,
  examples: {
    body: { name: 'Kiln Talk', topic: 'Firing schedules' },
    response: { id: 'kiln-talk', name: 'Kiln Talk', topic: 'Firing schedules', createdBy: 'member-42' },
  },
  handler: ({ user, body }) => ({
    id: body.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    name: body.name,
    topic: body.topic ?? null,
    createdBy: user.id,
  }),
});

export interface Message {
  id: string;
  sentAt: number;
  text: string;
}

/** Seven messages; several share a sentAt, so only the id keeps the order stable. */
export const messages: readonly Message[] = [
  { id: 'm1', sentAt: 100, text: 'one' },
  { id: 'm2', sentAt: 100, text: 'two' },
  { id: 'm3', sentAt: 100, text: 'three' },
  { id: 'm4', sentAt: 200, text: 'four' },
  { id: 'm5', sentAt: 300, text: 'five' },
  { id: 'm6', sentAt: 300, text: 'six' },
  { id: 'm7', sentAt: 400, text: 'seven' },
];

export const messageCursor = defineCursor(z.strictObject({ sentAt: z.number().int(), id: z.string() }));

export const listMessages = defineRoute({
  method: 'get',
  path: '/api/v1/channels/:channelId/messages',
  operationId: 'listMessages',
  summary: 'List the messages of a channel, oldest first',
  tags: ['messages'],
  params: z.strictObject({ channelId }),
  query: z.strictObject({ limit: limitQuery, cursor: messageCursor.query.optional() }),
  response: pageSchema(z.object({ id: z.string(), sentAt: z.number(), text: z.string() })),
  handler: ({ params, query }) => {
    if (params.channelId !== 'general') throw new HttpError('not_found');
    const after = query.cursor;
    // What a MongoDB query sorted on { sentAt: 1, _id: 1 } with limit + 1 would return.
    const rows = messages
      .filter((m) => !after || m.sentAt > after.sentAt || (m.sentAt === after.sentAt && m.id > after.id))
      .slice(0, query.limit + 1);
    return toPage(rows, query.limit, messageCursor, (last) => ({ sentAt: last.sentAt, id: last.id }));
  },
});

export const status = defineRoute({
  method: 'get',
  path: '/api/v1/status',
  operationId: 'getStatus',
  summary: 'Whether the API answers; needs no token',
  tags: ['meta'],
  auth: false,
  response: z.object({ ok: z.literal(true), signedIn: z.boolean() }),
  examples: { response: { ok: true, signedIn: false } },
  handler: ({ user }) => ({ ok: true as const, signedIn: user !== undefined }),
});

export const deleteChannel = defineRoute({
  method: 'del',
  path: '/api/v1/channels/:channelId',
  operationId: 'deleteChannel',
  summary: 'Delete a channel',
  tags: ['channels'],
  params: z.strictObject({ channelId }),
  response: z.void(),
  status: 204,
  handler: ({ params }) => {
    if (params.channelId !== 'general') throw new HttpError('not_found');
  },
});

/** A handler that breaks its own response schema: a bug of ours, so a 500. */
export const broken = defineRoute({
  method: 'get',
  path: '/api/v1/broken',
  operationId: 'broken',
  summary: 'Answers what its schema forbids',
  tags: ['meta'],
  auth: false,
  response: z.object({ count: z.number() }),
  handler: () => JSON.parse('{"count":"many"}') as { count: number },
});

export const sampleRoutes: readonly RouteDefinition[] = [
  createChannel,
  listMessages,
  status,
  deleteChannel,
  broken,
];

export interface TestServer {
  url: string;
  close(): void;
}

/** Mounts the routes on a uWS app listening on a free port of 127.0.0.1. */
export async function startServer(
  routes: readonly RouteDefinition[],
  context: ApiContext,
): Promise<TestServer> {
  const app = uWS.App();
  mountHttpRoutes(app, toHttpRoutes(routes, context), { log: pino({ level: 'silent' }), maxBodyBytes: 4096 });
  const socket = await new Promise<uWS.us_listen_socket>((resolve, reject) => {
    app.listen('127.0.0.1', 0, (s) => (s ? resolve(s) : reject(new Error('cannot listen'))));
  });
  return {
    url: `http://127.0.0.1:${uWS.us_socket_local_port(socket)}`,
    close: () => {
      uWS.us_listen_socket_close(socket);
      app.close();
    },
  };
}

/** A clock that moves only when told to, for the rate limiter. */
export function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let nowMs = Date.now();
  return { now: () => nowMs, advance: (ms) => void (nowMs += ms) };
}

export function memoryContext(limits: ApiContext['limits'], clock = manualClock()): ApiContext {
  return { verifier, limiter: new MemoryRateLimiter(clock.now), limits };
}
