// Configuration sections of identity and trust: token verification (`auth`), demo mode, the only
// mode that accepts the built-in development secrets (`demo`), and the privacy and audit key
// (`audit`). Composed in ../schema.ts.
import { z } from 'zod';
import { DEV_SECRETS } from '../dev-secrets.js';
import { booleanLike, secret, urlWith } from './fields.js';

export const auth = z
  .object({
    /** HS256 shared secret of the marketplace core. Ignored when jwksUrl is set. */
    jwtSecret: secret(z.string().min(16, 'must be at least 16 characters').default(DEV_SECRETS.jwtSecret)),
    /** RS256 through a JWKS URL (keys rotated by `kid`); takes precedence over jwtSecret. */
    jwksUrl: urlWith(/^https?$/, 'http(s)').optional(),
    issuer: z.string().min(1).default('marketplace'),
    audience: z.string().min(1).default('hubbub'),
    /** Required `iss` of service tokens (scope `hub.admin`); `issuer` when unset. */
    serviceIssuer: z.string().min(1).optional(),
    /** Required `aud` of service tokens; `audience` when unset. */
    serviceAudience: z.string().min(1).optional(),
    /** Tolerated clock difference with the marketplace core when checking exp and nbf. */
    clockSkewS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(0).max(300).default(30),
  })
  .strict();

export const demo = z
  .object({
    /**
     * Local development and tests only: the demo page and `POST /demo/token` (tokens for any
     * persona), and the built-in public development secrets. Off by default; refused in
     * production.
     */
    enabled: booleanLike.default(false),
  })
  .strict();

export const audit = z
  .object({
    /**
     * The server's key for privacy and audit: erased users' pseudonyms, the audit chain's HMAC
     * and its signed checkpoints are all derived from it. Keep it stable: another key makes
     * verification of the chains written before fail (and pseudonyms differ).
     */
    secret: secret(z.string().min(32, 'must be at least 32 characters').default(DEV_SECRETS.auditSecret)),
  })
  .strict();
