// What both sides of the inbox build from the configuration: the Chatwoot client, the queues,
// the SLA settings. The hub node (module.ts) and the worker (processors.ts) each take what they
// need; tests pass overrides (short SLA targets, fast retries).
import type { Config } from '../config/index.js';
import { BullJobQueue } from '../storage/queue/job-queue.bullmq.js';
import type { JobQueue } from '../storage/queue/job-queue.js';
import { inboxKeys, type InboxKeys } from './keys.js';
import { ChatwootProvider } from './provider/inbox-provider.chatwoot.js';
import type { InboxProvider } from './provider/inbox-provider.js';
import type { RetryPolicy } from './provider/retry.js';
import {
  INBOX_EVENTS_QUEUE,
  INBOX_OUTBOUND_QUEUE,
  INBOX_SLA_QUEUE,
  type OutboundJob,
  type SlaJob,
  type WebhookJob,
} from './queues.js';
import { parseBusinessHours, type BusinessHours } from './sla/business-hours.js';
import { DEFAULT_SLA_POLICIES, type SlaPolicies } from './sla/policies.js';

export interface InboxOverrides {
  slaPolicies?: SlaPolicies;
  retry?: RetryPolicy;
  provider?: InboxProvider;
}

export interface InboxRuntime {
  provider: InboxProvider;
  keys: InboxKeys;
  events: JobQueue<WebhookJob>;
  outbound: JobQueue<OutboundJob>;
  sla: JobQueue<SlaJob>;
  policies: SlaPolicies;
  hours: BusinessHours;
  close(): Promise<void>;
}

export function inboxEnabled(config: Config): boolean {
  return config.chatwoot.baseUrl !== undefined;
}

export function createInboxRuntime(config: Config, overrides: InboxOverrides = {}): InboxRuntime {
  const cw = config.chatwoot;
  if (!cw.baseUrl) throw new Error('inbox: chatwoot.baseUrl is not set');
  const queue = <T>(name: string) =>
    new BullJobQueue<T>(name, { keyPrefix: config.redis.keyPrefix, redis: config.redis });
  const events = queue<WebhookJob>(INBOX_EVENTS_QUEUE);
  const outbound = queue<OutboundJob>(INBOX_OUTBOUND_QUEUE);
  const sla = queue<SlaJob>(INBOX_SLA_QUEUE);
  return {
    provider:
      overrides.provider ??
      new ChatwootProvider({
        baseUrl: cw.baseUrl,
        apiAccessToken: cw.apiAccessToken,
        accountId: cw.accountId,
        inboxId: cw.inboxId,
        ...(cw.hmacToken ? { hmacToken: cw.hmacToken } : {}),
        timeoutMs: cw.timeoutMs,
        retry: overrides.retry ?? { retries: cw.retries, baseDelayMs: 250, maxDelayMs: 30_000 },
      }),
    keys: inboxKeys(config.redis.keyPrefix),
    events,
    outbound,
    sla,
    policies: overrides.slaPolicies ?? DEFAULT_SLA_POLICIES,
    hours: parseBusinessHours(config.inbox.businessHours, config.inbox.timezone),
    close: async () => {
      await Promise.allSettled([events.close(), outbound.close(), sla.close()]);
    },
  };
}
