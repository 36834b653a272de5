// `Authorization: Bearer <jwt>` to the caller, or 401: `token_expired` when the token is only out
// of date (the client should refresh it), `unauthenticated` for anything else.
import { TokenError, type AuthUser, type TokenVerifier } from '../../auth/token-verifier.js';
import type { HttpRequest } from '../http.js';
import { ApiError } from './api-error.js';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

export type Verifier = Pick<TokenVerifier, 'verify'>;

export async function authenticate(request: HttpRequest, verifier: Verifier): Promise<AuthUser> {
  const token = BEARER.exec(request.headers['authorization'] ?? '')?.[1];
  if (!token) throw new ApiError('unauthenticated', { headers: { 'www-authenticate': 'Bearer' } });
  try {
    return await verifier.verify(token);
  } catch (err) {
    if (!(err instanceof TokenError)) throw err;
    const headers = { 'www-authenticate': 'Bearer error="invalid_token"' };
    throw new ApiError(err.problem === 'expired' ? 'token_expired' : 'unauthenticated', { headers });
  }
}
