// Which kind of token may call which route: service routes take only service tokens (scope
// hub.admin), user routes only user tokens, and routes for both take either; through a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ErrorBody } from '../../../protocol/index.js';
import { defineRoute, type Callers } from './define-route.js';
import { buildOpenApi } from './openapi.js';
import { memoryContext, startServer, token, type TestServer } from './test-support.js';

const roomy = { capacity: 1_000, refillPerS: 1_000 };

const whoAmI = (callers: Callers) =>
  defineRoute({
    method: 'get',
    path: `/api/v1/${callers}`,
    operationId: `whoAmI_${callers.replaceAll('-', '_')}`,
    summary: `Who is calling (${callers})`,
    tags: ['meta'],
    callers,
    response: z.object({ id: z.string(), service: z.boolean() }),
    handler: ({ user }) => ({ id: user.id, service: user.service === true }),
  });
const routes = [whoAmI('users'), whoAmI('services'), whoAmI('users-and-services')];

let server: TestServer;
beforeAll(async () => {
  server = await startServer(routes, memoryContext({ perIp: roomy, perUser: roomy }));
});
afterAll(() => server.close());

async function call(path: string, jwt: string) {
  const res = await fetch(`${server.url}/api/v1/${path}`, { headers: { authorization: `Bearer ${jwt}` } });
  return { status: res.status, body: (await res.json()) as { id?: string; service?: boolean } & ErrorBody };
}

const service = () => token('marketplace-core', { roles: [], scope: 'provisioning hub.admin' });
/** A marketplace admin: every role the marketplace has, and a scope that is not hub.admin. */
const admin = () =>
  token('ada', { roles: ['member', 'host', 'agent', 'moderator', 'admin'], scope: 'hub.admin.read' });

describe('route callers', () => {
  it('lets a service token call a service route, as the service', async () => {
    expect(await call('services', await service())).toEqual({
      status: 200,
      body: { id: 'marketplace-core', service: true },
    });
  });

  it('refuses a user token on a service route whatever its roles (403)', async () => {
    const { status, body } = await call('services', await admin());
    expect(status).toBe(403);
    expect(body.error.code).toBe('forbidden');
  });

  it('refuses a service token on a user route (403)', async () => {
    const { status, body } = await call('users', await service());
    expect(status).toBe(403);
    expect(body.error.code).toBe('forbidden');
    expect((await call('users', await admin())).body).toEqual({ id: 'ada', service: false });
  });

  it('lets both call a route for users and services, telling them apart', async () => {
    expect((await call('users-and-services', await service())).body.service).toBe(true);
    expect((await call('users-and-services', await admin())).body.service).toBe(false);
  });

  it('marks service routes with the hub.admin scope in OpenAPI', () => {
    const doc = buildOpenApi(routes, { title: 't', version: '1' });
    expect(doc.paths['/api/v1/services']?.get?.security).toEqual([{ bearerAuth: ['hub.admin'] }]);
    expect(doc.paths['/api/v1/users']?.get?.security).toEqual([{ bearerAuth: [] }]);
  });
});

describe('defineRoute', () => {
  it('refuses callers on a route without a token', () => {
    expect(() =>
      defineRoute({
        method: 'get',
        path: '/api/v1/open',
        operationId: 'open',
        summary: 's',
        tags: [],
        auth: false,
        callers: 'services',
        response: z.object({}),
        handler: () => ({}),
      }),
    ).toThrow(/callers needs auth/);
  });
});
