// Configuration sections of the webhooks Hubbub sends to the marketplace core: offline
// notifications (`notifications`) and signed events (`events`). Composed in ../schema.ts.
import { z } from 'zod';
import { DEV_SECRETS } from '../dev-secrets.js';
import { count, positiveMs, secret, urlWith } from './fields.js';

export const notifications = z
  .object({
    /** The marketplace core's endpoint for offline notifications; unset disables them. */
    webhookUrl: urlWith(/^https?$/, 'http(s)').optional(),
    /** HMAC-SHA256 key of the X-Hubbub-Signature header. */
    webhookSecret: secret(
      z.string().min(16, 'must be at least 16 characters').default(DEV_SECRETS.webhookSecret),
    ),
    /** Notifications of one user within this window go out as one webhook. */
    batchMs: positiveMs.default(15_000),
    /** Attempts per webhook, with exponential backoff, before it is kept as a dead letter. */
    attempts: count('attempts').default(8),
  })
  .strict();

// marketplace: signed event webhooks (docs/integration.md#6-events)
export const events = z
  .object({
    /** The marketplace core's endpoint for Hubbub's events; unset disables them. */
    webhookUrl: urlWith(/^https?$/, 'http(s)').optional(),
    /** HMAC-SHA256 key of the events' X-Hubbub-Signature header. */
    webhookSecret: secret(
      z.string().min(16, 'must be at least 16 characters').default(DEV_SECRETS.webhookSecret),
    ),
    /** Delivery attempts per event, the first included, before it is kept as a dead letter. */
    attempts: count('attempts').default(10),
    /** First retry delay of a failed delivery, doubled per retry. */
    backoffMs: positiveMs.default(1_000),
  })
  .strict();
