// Marketplace tokens for tests, signed like the marketplace core signs them.
import { SignJWT } from 'jose';
import { testConfig } from './config.js';

export interface TokenOptions {
  name?: string;
  roles?: string[];
  /** Seconds from now; negative for an expired token. */
  expiresInS?: number;
  secret?: string;
  audience?: string;
  issuer?: string;
  /** The `scope` claim; `hub.admin` makes a service token. */
  scope?: string;
  /** The profile picture claim (OIDC's `picture`). */
  picture?: string;
}

export function tokenFor(userId: string, options: TokenOptions = {}): Promise<string> {
  const { auth } = testConfig();
  return new SignJWT({
    name: options.name ?? `User ${userId}`,
    roles: options.roles ?? ['member'],
    ...(options.scope !== undefined && { scope: options.scope }),
    ...(options.picture !== undefined && { picture: options.picture }),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(options.issuer ?? auth.issuer)
    .setAudience(options.audience ?? auth.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresInS ?? 600))
    .sign(new TextEncoder().encode(options.secret ?? auth.jwtSecret));
}

/** A token of the marketplace core itself, for the service API. */
export function serviceToken(service = 'marketplace-core'): Promise<string> {
  return tokenFor(service, { roles: [], scope: 'hub.admin' });
}
