// Verifies the marketplace core's JWTs: HS256 with a shared secret, or RS256 through a JWKS
// URL whose keys rotate by `kid` (jose refetches the set when it meets an unknown kid, at most
// once per cooldown). The result is the user every permission check starts from, or a service:
// a token of the service issuer and audience whose `scope` holds `hub.admin` is the
// marketplace core itself, which alone may call the service routes.
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

export interface AuthUser {
  /** The marketplace user id (`sub`). */
  id: string;
  name: string;
  /** Marketplace roles (member, host, agent, moderator, admin); communities map them to theirs. */
  roles: readonly string[];
  /**
   * The profile picture (OIDC's `picture` claim): an https URL of at most 2,048 characters; a
   * claim that is not one is left out, and the token is still valid.
   */
  picture?: string;
  /** When the token stops being valid, in ms since the epoch (skew tolerance not included). */
  expiresAt: number;
  /** Set only for a service token (`scope` holds `hub.admin`): `id` then names the service. */
  service?: true;
}

/** The scope that makes a token a service token. */
export const SERVICE_SCOPE = 'hub.admin';

export type TokenProblem = 'expired' | 'invalid';

export class TokenError extends Error {
  constructor(
    readonly problem: TokenProblem,
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface TokenVerifierOptions {
  jwtSecret: string;
  jwksUrl?: string | undefined;
  issuer: string;
  audience: string;
  /** Required `iss` and `aud` of service tokens; the user tokens' when unset. */
  serviceIssuer?: string | undefined;
  serviceAudience?: string | undefined;
  clockSkewS: number;
  /** Least time between two fetches of the JWKS triggered by an unknown `kid`. */
  jwksCooldownMs?: number;
}

const claimsSchema = z.object({
  sub: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'sub must be 1-64 characters of A-Z, a-z, 0-9, _ and -'),
  name: z.string().trim().min(1).max(100).optional(),
  picture: z.unknown().optional(),
  roles: z.array(z.string().max(32)).max(32).default([]),
  exp: z.number(),
  /** OAuth-style scopes, space-separated. */
  scope: z.string().max(1_024).default(''),
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
});

export class TokenVerifier {
  /** The HS256 secret, imported once: importing it again for every token cost as much as the check. */
  private readonly key: Promise<CryptoKey> | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly options: TokenVerifierOptions) {
    if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl), {
        cooldownDuration: options.jwksCooldownMs ?? 30_000,
        cacheMaxAge: 600_000,
      });
      this.algorithms = ['RS256'];
    } else {
      this.key = crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(options.jwtSecret),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      // A secret WebCrypto refuses fails each verify (inside its try), never the process.
      this.key.catch(() => undefined);
      this.algorithms = ['HS256'];
    }
  }

  async verify(token: string): Promise<AuthUser> {
    let payload: unknown;
    try {
      const verified =
        this.key instanceof Promise
          ? await jwtVerify(token, await this.key, this.verifyOptions())
          : await jwtVerify(token, this.key, this.verifyOptions());
      payload = verified.payload;
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new TokenError('expired', 'token expired');
      throw new TokenError('invalid', `token refused: ${describe(err)}`);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) {
      throw new TokenError('invalid', `token refused: ${claims.error.issues[0]?.message ?? 'bad claims'}`);
    }
    const { sub, name, picture, roles, exp, scope, iss, aud } = claims.data;
    const audiences = [aud].flat();
    const user: AuthUser = { id: sub, name: name ?? sub, roles, expiresAt: exp * 1000 };
    if (isPictureUrl(picture)) user.picture = picture;
    const service = this.service();
    if (
      scope.split(' ').includes(SERVICE_SCOPE) &&
      iss === service.issuer &&
      audiences.includes(service.audience)
    ) {
      return { ...user, service: true };
    }
    if (iss === this.options.issuer && audiences.includes(this.options.audience)) return user;
    throw new TokenError(
      'invalid',
      'token refused: not a user token, nor a service token (scope hub.admin), of this issuer and audience',
    );
  }

  private service(): { issuer: string; audience: string } {
    return {
      issuer: this.options.serviceIssuer ?? this.options.issuer,
      audience: this.options.serviceAudience ?? this.options.audience,
    };
  }

  private verifyOptions() {
    return {
      // Either kind of token; verify() then tells which one this is.
      issuer: [...new Set([this.options.issuer, this.service().issuer])],
      audience: [...new Set([this.options.audience, this.service().audience])],
      clockTolerance: this.options.clockSkewS,
      algorithms: this.algorithms,
      requiredClaims: ['exp', 'sub'],
    };
  }
}

/** A picture a browser may load: https only (no `http:`, `data:` or `javascript:`), 2,048 at most. */
export function isPictureUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2_048) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function describe(err: unknown): string {
  if (err instanceof errors.JOSEError) return err.code.replace(/^ERR_/, '').toLowerCase();
  return 'malformed';
}
