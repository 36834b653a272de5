// A REST API client for tests: JSON in, status and JSON out.
import { tokenFor, type TokenOptions } from './tokens.js';

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
