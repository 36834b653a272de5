// REST API clients for tests: the generated typed client (hubApiAs, serviceApi) for set-up and
// calls whose answers a test reads, and apiAs (JSON in, status and JSON out) for tests of what
// the API refuses and how.
import { createHubApi, type HubApi } from '../../realtime/client/index.js';
import { serviceToken, tokenFor, type TokenOptions } from './tokens.js';

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
}

export type ApiCall = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

export async function apiAs(baseUrl: string, userId: string, options: TokenOptions = {}): Promise<ApiCall> {
  const token = await tokenFor(userId, options);
  return async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}

/** The generated HTTP API client (realtime/client/api) acting as a user, with tokenFor's token. */
export async function hubApiAs(baseUrl: string, userId: string, options: TokenOptions = {}): Promise<HubApi> {
  return createHubApi({ baseUrl, token: await tokenFor(userId, options) });
}

/** The generated client as the marketplace core: a service token (`scope` hub.admin). */
export async function serviceApi(baseUrl: string, service?: string): Promise<HubApi> {
  return createHubApi({ baseUrl, token: await serviceToken(service) });
}
