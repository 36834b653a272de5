// The generated client's requests, against a real uWS server mounting the sample routes: token,
// path, query and JSON body go out as the API reads them; errors come back as HubApiError with
// the API's code; a hub that does not answer is `not_ready`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  memoryContext,
  sampleRoutes,
  startServer,
  token,
  type TestServer,
} from '../../transport/api/test-support.js';
import { callApi, HubApiError, type OperationSpec } from './call.js';

const roomy = { capacity: 1_000, refillPerS: 1_000 };
const createChannel: OperationSpec = {
  operationId: 'createChannel',
  method: 'POST',
  path: '/api/v1/channels',
  request: 'json',
  response: 'json',
};
const listMessages: OperationSpec = {
  operationId: 'listMessages',
  method: 'GET',
  path: '/api/v1/channels/{channelId}/messages',
  request: 'none',
  response: 'json',
};
const deleteChannel: OperationSpec = {
  operationId: 'deleteChannel',
  method: 'DELETE',
  path: '/api/v1/channels/{channelId}',
  request: 'none',
  response: 'none',
};

let server: TestServer;
beforeAll(async () => {
  server = await startServer(sampleRoutes, memoryContext({ perIp: roomy, perUser: roomy }));
});
afterAll(() => server.close());

async function failure(call: Promise<unknown>): Promise<HubApiError> {
  const err: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof HubApiError)) throw new Error(`expected a HubApiError, got ${String(err)}`);
  return err;
}

describe('callApi', () => {
  it('sends the JSON body with the token from the provider, and returns the parsed answer', async () => {
    let asked = 0;
    const options = {
      baseUrl: server.url,
      token: () => {
        asked += 1;
        return token('ada');
      },
    };
    const created = await callApi(options, createChannel, { body: { name: 'Kiln Talk', topic: 'Firing' } });
    expect(created).toEqual({ id: 'kiln-talk', name: 'Kiln Talk', topic: 'Firing', createdBy: 'ada' });
    expect(asked).toBe(1);
  });

  it('takes a per-call token over the client’s own', async () => {
    const options = { baseUrl: server.url, token: await token('ada') };
    const created = await callApi(
      options,
      createChannel,
      { body: { name: 'X' } },
      { token: await token('bo') },
    );
    expect(created).toMatchObject({ createdBy: 'bo' });
  });

  it('fills path parameters and the query, repeated values and all', async () => {
    const options = { baseUrl: server.url, token: await token('ada') };
    const first = (await callApi(options, listMessages, {
      path: { channelId: 'general' },
      query: { limit: 3 },
    })) as {
      items: { id: string }[];
      nextCursor: string | null;
    };
    expect(first.items.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    const rest = (await callApi(options, listMessages, {
      path: { channelId: 'general' },
      query: { limit: 10, cursor: first.nextCursor ?? undefined },
    })) as { items: { id: string }[] };
    expect(rest.items.map((m) => m.id)).toEqual(['m4', 'm5', 'm6', 'm7']);
  });

  it('returns nothing for a 204', async () => {
    const options = { baseUrl: server.url, token: await token('ada') };
    await expect(
      callApi(options, deleteChannel, { path: { channelId: 'general' } }),
    ).resolves.toBeUndefined();
  });

  it('turns the API’s error body into a HubApiError with its code, status and details', async () => {
    const anonymous = await failure(callApi({ baseUrl: server.url }, createChannel, { body: { name: 'X' } }));
    expect(anonymous).toMatchObject({ status: 401, code: 'unauthenticated', operationId: 'createChannel' });

    const options = { baseUrl: server.url, token: await token('ada') };
    const invalid = await failure(callApi(options, createChannel, { body: { name: '' } }));
    expect(invalid).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(invalid.details?.map((d) => d.path)).toContain('name');
    expect(invalid.requestId).toEqual(expect.any(String));

    const missing = await failure(callApi(options, deleteChannel, { path: { channelId: 'random' } }));
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('says `not_ready` when the hub does not answer at all', async () => {
    const gone = await startServer(sampleRoutes, memoryContext({ perIp: roomy, perUser: roomy }));
    gone.close();
    const err = await failure(
      callApi({ baseUrl: gone.url }, listMessages, { path: { channelId: 'general' } }),
    );
    expect(err).toMatchObject({ status: 0, code: 'not_ready' });
  });

  it('refuses a call that leaves a path parameter out', async () => {
    await expect(callApi({ baseUrl: server.url }, listMessages, {})).rejects.toThrow(/channelId is missing/);
  });
});
