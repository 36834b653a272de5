// Configuration sections of the support inbox: the Chatwoot connection (`chatwoot`) and Hubbub's
// routing and SLA policy (`inbox`). Composed in ../schema.ts.
import { z } from 'zod';
import { DEV_SECRETS } from '../dev-secrets.js';
import { count, positiveMs, secret, urlWith } from './fields.js';

export const chatwoot = z
  .object({
    /** Chatwoot's base URL; unset disables the support inbox and its routes. */
    baseUrl: urlWith(/^https?$/, 'http(s)').optional(),
    /** An agent's or agent bot's access token (header api_access_token). */
    apiAccessToken: secret(z.string().default('')),
    accountId: count('account ids').default(1),
    /** The API-channel inbox where members' support conversations live. */
    inboxId: count('inbox ids').default(1),
    /** The inbox's HMAC token: contacts carry identifier_hash = HMAC-SHA256(user id). */
    hmacToken: secret(z.string().default('')),
    /** Key of X-Chatwoot-Signature on the webhooks Chatwoot sends to /webhooks/chatwoot. */
    webhookSecret: secret(
      z.string().min(16, 'must be at least 16 characters').default(DEV_SECRETS.chatwootWebhookSecret),
    ),
    /** Webhooks whose X-Chatwoot-Timestamp is older than this are refused (replays). */
    webhookToleranceS: count('seconds').default(300),
    timeoutMs: positiveMs.default(10_000),
    /** Retries of one request on 429 and 5xx, honouring Retry-After. */
    retries: z.coerce.number({ error: 'must be a number' }).int().min(0).max(10).default(4),
    /** How often the reconciliation job compares Hubbub's conversations with Chatwoot's. */
    reconcileEveryMs: positiveMs.default(300_000),
  })
  .strict();

export const inbox = z
  .object({
    /** Assignment policy: round_robin, fewest_open, or none (leave it to Chatwoot). */
    routing: z.enum(['round_robin', 'fewest_open', 'none']).default('round_robin'),
    /** Open conversations an agent may hold before routing passes them over. */
    agentCapacity: count('conversations').default(5),
    /** Business hours for SLA clocks, such as `mon-fri 09:00-17:00`; empty means around the clock. */
    businessHours: z.string().default(''),
    /** IANA time zone of the business hours. */
    timezone: z.string().min(1).default('UTC'),
    /** Team lead (marketplace user id) notified when an SLA is breached; empty for nobody. */
    teamLeadUserId: z.string().default(''),
    /**
     * Chatwoot agents as hub users, `<chatwoot agent id>=<marketplace user id>` separated by
     * commas: routing reads these agents' availability from the hub's presence (online while
     * they have a connection); agents not listed fall back to Chatwoot's availability_status.
     */
    agentUsers: z
      .string()
      .regex(/^\s*(\d+=[A-Za-z0-9_-]{1,64}\s*(,\s*\d+=[A-Za-z0-9_-]{1,64}\s*)*)?$/, {
        error: 'must be `<chatwoot agent id>=<user id>` pairs separated by commas',
      })
      .default(''),
    /** How often a worker checks agents' presence and reassigns the conversations of absent ones. */
    presenceCheckMs: positiveMs.default(30_000),
    /** An agent counts as gone (their conversations move) after being offline this long. */
    offlineGraceMs: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int()
      .min(0)
      .default(60_000),
  })
  .strict();
