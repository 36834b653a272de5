// The request pipeline of the REST API, end to end through a real uWS server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../protocol/index.js';
import { OPERATOR_LIKE_MESSAGE } from './injection-guard.js';
import {
  manualClock,
  memoryContext,
  sampleRoutes,
  startServer,
  token,
  type TestServer,
} from './test-support.js';

const roomy = { capacity: 1_000, refillPerS: 1_000 };

let server: TestServer;
const clock = manualClock();
beforeAll(async () => {
  // Roomy per-IP limit (every test comes from 127.0.0.1), tight per-user one: 3, then one per 2 s.
  server = await startServer(
    sampleRoutes,
    memoryContext({ perIp: roomy, perUser: { capacity: 3, refillPerS: 0.5 } }, clock),
  );
});
afterAll(() => server.close());

/** A fresh user per test, so the per-user limit of one test never touches another. */
let users = 0;
const freshToken = () => token(`user-${++users}`);

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await freshToken()}`,
      'content-type': 'application/json',
      ...headers,
    },
    body,
  });
}

async function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${await freshToken()}`, ...headers },
  });
}

async function errorOf(res: Response): Promise<ErrorBody['error']> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return ((await res.json()) as ErrorBody).error;
}

describe('a valid request', () => {
  it('reaches the handler and answers with its result and the route status', async () => {
    const res = await fetch(`${server.url}/api/v1/channels`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await token('ada')}`,
        'content-type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify({ name: 'Garden Club', topic: 'roses', labels: { colour: 'green' } }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      id: 'garden-club',
      name: 'Garden Club',
      topic: 'roses',
      createdBy: 'ada',
    });
  });

  it('answers 204 with an empty body, and the handler’s HttpError with its code', async () => {
    const gone = await fetch(`${server.url}/api/v1/channels/general`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await freshToken()}` },
    });
    expect(gone.status).toBe(204);
    expect(gone.headers.get('content-type')).toBeNull();
    expect(await gone.text()).toBe('');

    const missing = await fetch(`${server.url}/api/v1/channels/nowhere`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await freshToken()}`, 'x-request-id': 'req-delete-404' },
    });
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toEqual({
      code: 'not_found',
      message: 'Not found.',
      requestId: 'req-delete-404',
    });
  });

  it('serves a route without auth to anyone, and ignores a token there', async () => {
    const anonymous = await fetch(`${server.url}/api/v1/status`);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ ok: true, signedIn: false });
    const withToken = await get('/api/v1/status');
    expect(await withToken.json()).toEqual({ ok: true, signedIn: false });
  });

  it('answers 500 when a handler breaks its own response schema', async () => {
    const res = await fetch(`${server.url}/api/v1/broken`);
    expect(res.status).toBe(500);
    expect((await errorOf(res)).code).toBe('internal');
  });
});

describe('authentication', () => {
  const body = JSON.stringify({ name: 'x' });
  const withAuth = (authorization?: string) =>
    fetch(`${server.url}/api/v1/channels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body,
    });

  it('refuses a request without a token as unauthenticated, asking for a bearer token', async () => {
    const res = await withAuth(undefined);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect((await errorOf(res)).code).toBe('unauthenticated');
  });

  it.each([
    ['another scheme', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['a forged token', async () => `Bearer ${await token('mallory', { secret: 'y'.repeat(32) })}`],
    ['garbage', async () => 'Bearer not.a.jwt'],
  ])('refuses %s as unauthenticated', async (_label, authorization) => {
    const res = await withAuth(await authorization());
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('unauthenticated');
  });

  it('refuses an expired token as token_expired, so the client knows to refresh it', async () => {
    const res = await withAuth(`Bearer ${await token('late', { expiresInS: -5 })}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await errorOf(res)).toMatchObject({ code: 'token_expired', message: 'The token has expired.' });
  });

  it('checks the token before the body', async () => {
    const res = await fetch(`${server.url}/api/v1/channels`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{',
    });
    expect(res.status).toBe(401);
  });
});

describe('the body', () => {
  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['no content type', { 'content-type': '' }],
    ['a charset other than UTF-8', { 'content-type': 'application/json; charset=latin1' }],
  ])('is refused with 415 when it comes as %s', async (_label, headers) => {
    const res = await post('/api/v1/channels', JSON.stringify({ name: 'x' }), headers);
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('unsupported_media_type');
  });

  it.each([
    ['truncated JSON', Buffer.from('{"name":')],
    ['not JSON', Buffer.from('name=x')],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ])('is refused as bad_request when it is %s', async (_label, bytes) => {
    const res = await fetch(`${server.url}/api/v1/channels`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await freshToken()}`,
        'content-type': 'application/json',
        'x-request-id': 'req-bad-json-1',
      },
      body: bytes,
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'bad_request', requestId: 'req-bad-json-1' });
  });
});

describe('validation', () => {
  const detailsOf = async (res: Response) => {
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_failed');
    return error.details;
  };

  it('refuses an unknown field, naming it', async () => {
    const res = await post('/api/v1/channels', JSON.stringify({ name: 'x', colour: 'red' }));
    expect(await detailsOf(res)).toEqual([{ path: 'colour', message: 'unknown field' }]);
  });

  it('refuses a field of the wrong type', async () => {
    const res = await post('/api/v1/channels', JSON.stringify({ name: 42 }));
    expect(await detailsOf(res)).toEqual([
      { path: 'name', message: expect.stringMatching(/expected string/) },
    ]);
  });

  it('refuses a missing field, and an absent body', async () => {
    expect(await detailsOf(await post('/api/v1/channels', '{}'))).toEqual([
      { path: 'name', message: expect.stringMatching(/expected string, received undefined/) },
    ]);
    expect(await detailsOf(await post('/api/v1/channels', ''))).toEqual([
      { path: '', message: expect.stringMatching(/expected object/) },
    ]);
  });

  it('treats __proto__ as an unknown field, in the body and in the query', async () => {
    const body = '{"name":"x","__proto__":{"admin":true}}';
    expect(await detailsOf(await post('/api/v1/channels', body))).toEqual([
      { path: '__proto__', message: 'unknown field' },
    ]);
    expect(await detailsOf(await get('/api/v1/channels/general/messages?__proto__=1'))).toEqual([
      { path: '__proto__', message: 'unknown field' },
    ]);
  });

  it('reports every problem at once', async () => {
    const res = await post('/api/v1/channels', JSON.stringify({ name: '', topic: 7, extra: true }));
    const details = await detailsOf(res);
    expect(details?.map((d) => d.path).sort()).toEqual(['extra', 'name', 'topic']);
  });

  it('checks path parameters and the query, unknown query parameters included', async () => {
    const details = await detailsOf(await get('/api/v1/channels/NOT_OK/messages?limit=0&sort=desc'));
    expect(details).toEqual(
      expect.arrayContaining([
        { path: 'channelId', message: 'must be 1-32 of a-z, 0-9 and -' },
        { path: 'limit', message: expect.stringMatching(/>=1/) },
        { path: 'sort', message: 'unknown field' },
      ]),
    );
    expect(details).toHaveLength(3);
    expect(await detailsOf(await get('/api/v1/channels/general/messages?limit=many'))).toEqual([
      { path: 'limit', message: expect.stringMatching(/expected number/) },
    ]);
  });
});

describe('the injection guard', () => {
  const refused = async (res: Response, paths: string[]) => {
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual(paths.map((path) => ({ path, message: OPERATOR_LIKE_MESSAGE })));
  };

  it.each([
    ['an operator in a field', { name: { $gt: '' } }, ['name.$gt']],
    ['a top-level operator', { $where: '1' }, ['$where']],
    ['a dotted key, nested', { a: { 'b.c': 1 } }, ['a.b.c']],
    ['operators inside arrays', { name: 'x', labels: { list: [{ $ne: 1 }] } }, ['labels.list.0.$ne']],
  ])('refuses %s, naming its path', async (_label, body, paths) => {
    await refused(await post('/api/v1/channels', JSON.stringify(body)), paths);
  });

  it('refuses operators even where the schema accepts any keys', async () => {
    // `labels` is a z.record of anything: only the guard stands between this and a query.
    const body = { name: 'x', labels: { owner: { $ne: null }, 'a.b': 1 } };
    await refused(await post('/api/v1/channels', JSON.stringify(body)), ['labels.a.b', 'labels.owner.$ne']);
  });

  it('refuses operator-like query parameter names', async () => {
    await refused(await get('/api/v1/channels/general/messages?$gt=1'), ['$gt']);
    await refused(await get('/api/v1/channels/general/messages?limit=2&filter.id=1'), ['filter.id']);
  });

  it('refuses a body nested past the bound before parsing it', async () => {
    const deep = (levels: number) => `{"name":"x","labels":{"a":${'['.repeat(levels)}${']'.repeat(levels)}}}`;
    const res = await post('/api/v1/channels', deep(2_000)); // 4 KB, the test server's body limit
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/deeper than 32 levels/);
    // At the bound (the body, labels, then 30 arrays) it goes through; one level more does not.
    expect((await post('/api/v1/channels', deep(30))).status).toBe(201);
    expect((await errorOf(await post('/api/v1/channels', deep(31)))).message).toMatch(/deeper/);
  });

  it('lets operator-like text through as values', async () => {
    const res = await post('/api/v1/channels', JSON.stringify({ name: '$gt', topic: 'a.b' }));
    expect(res.status).toBe(201);
  });
});

describe('rate limits', () => {
  it('limits each user, with retry-after in seconds, and lets others through', async () => {
    const mine = `Bearer ${await token('busy')}`;
    const call = (authorization: string) =>
      fetch(`${server.url}/api/v1/status`, { headers: { authorization } });
    const list = (authorization: string) =>
      fetch(`${server.url}/api/v1/channels/general/messages`, { headers: { authorization } });
    for (let i = 0; i < 3; i++) expect((await list(mine)).status).toBe(200);

    const refused = await list(mine);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect((await errorOf(refused)).code).toBe('rate_limited');

    expect((await list(`Bearer ${await token('calm')}`)).status).toBe(200);
    expect((await call(mine)).status).toBe(200); // a route without auth takes no user token

    clock.advance(2_000);
    expect((await list(mine)).status).toBe(200);
  });

  it('limits each address before looking at the token', async () => {
    const tight = await startServer(
      sampleRoutes,
      memoryContext({ perIp: { capacity: 2, refillPerS: 0.25 }, perUser: roomy }),
    );
    try {
      const status = () => fetch(`${tight.url}/api/v1/status`);
      expect((await status()).status).toBe(200);
      expect((await status()).status).toBe(200);
      const refused = await status();
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('4');
      // Token guessing is limited too: no 401 once the address is out of tokens.
      const guess = await fetch(`${tight.url}/api/v1/channels/general/messages`, {
        headers: { authorization: 'Bearer guess' },
      });
      expect(guess.status).toBe(429);
      expect((await errorOf(guess)).code).toBe('rate_limited');
    } finally {
      tight.close();
    }
  });
});
