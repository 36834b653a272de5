// The support inbox, assembled for a hub node: the REST routes, the Chatwoot webhook route and
// the /metrics gauges. Undefined when Chatwoot is not configured (chatwoot.baseUrl unset).
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { MarketplaceEvents } from '../community/events/marketplace-events.js';
import type { Attachments } from '../community/attachments/attachments.js';
import { Counter } from 'prom-client';
import type { Config } from '../config/index.js';
import type { Broker } from '../realtime/broker/broker.js';
import type { Publisher } from '../realtime/publisher.js';
import type { RouteDefinition } from '../realtime/transport/api/index.js';
import type { HttpRoute } from '../realtime/transport/http.js';
import type { RedisClient } from '../storage/redis.js';
import { supportAgentRoutes } from './api/agents.routes.js';
import { supportRoutes } from './api/support.routes.js';
import { conversationAccess, supportAttachmentRoutes } from './api/support-attachments.routes.js';
import { supportContextRoutes } from './context/context.routes.js';
import { registerInboxMetrics } from './metrics.js';
import type { UserDataSource } from '../community/privacy.js';
import { inboxPrivacySource } from './privacy-source.js';
import { createInboxRuntime, inboxEnabled, type InboxOverrides } from './runtime.js';
import { SlaService } from './sla/sla-service.js';
import { syncInboxIndexes } from './store/models.js';
import { chatwootWebhookRoute } from './webhooks/webhook-route.js';

export interface InboxModuleDeps {
  config: Config;
  connection: Connection;
  /** Resolves once the MongoDB connection is open (indexes are synced then). */
  opened: Promise<unknown>;
  redis: RedisClient;
  broker: Broker;
  publisher: Publisher;
  registry: Registry;
  log: Logger;
  /** Signed events to the marketplace (support conversation resolved). */
  events?: MarketplaceEvents;
  /** Files in support conversations (the node's attachments feature). */
  attachments?: Attachments;
  overrides?: InboxOverrides;
}

export interface InboxModule {
  routes: RouteDefinition[];
  httpRoutes: HttpRoute[];
  /** Members' support data and Chatwoot contacts, for the community's export and erasure. */
  privacySource: UserDataSource;
  close(): Promise<void>;
}

export function createInboxModule(deps: InboxModuleDeps): InboxModule | undefined {
  if (!inboxEnabled(deps.config)) return undefined;
  const { config, connection, log } = deps;
  const rt = createInboxRuntime(config, deps.overrides);
  void deps.opened
    .then(() => syncInboxIndexes(connection))
    .catch((err: Error) => log.error({ err }, 'inbox indexes'));
  const webhooks = new Counter({
    name: 'hubbub_chatwoot_webhooks_total',
    help: 'Chatwoot webhooks received, by outcome (accepted, duplicate, stale, forged, …).',
    labelNames: ['outcome'],
    registers: [deps.registry],
  });
  registerInboxMetrics(deps.registry, connection);
  const sla = new SlaService({ connection, queue: rt.sla, policies: rt.policies, hours: rt.hours, log });
  // Support conversations' files are read by their member and the agents (the download route).
  if (deps.attachments) deps.attachments.conversationAccess = conversationAccess({ connection });
  const files = deps.attachments ? { attachments: deps.attachments } : {};
  return {
    routes: [
      ...supportRoutes({
        connection,
        outbound: rt.outbound,
        sla,
        provider: rt.provider,
        publisher: deps.publisher,
        ...(deps.events && { events: deps.events }),
        ...files,
      }),
      ...supportAttachmentRoutes({ connection, ...files }, config.attachments.maxBytes),
      ...supportContextRoutes({ connection }),
      ...supportAgentRoutes({ provider: rt.provider }),
    ],
    httpRoutes: [
      chatwootWebhookRoute({
        secret: config.chatwoot.webhookSecret,
        toleranceS: config.chatwoot.webhookToleranceS,
        redis: deps.redis,
        keys: rt.keys,
        queue: rt.events,
        connection,
        broker: deps.broker,
        log,
        onOutcome: (outcome) => webhooks.inc({ outcome }),
      }),
    ],
    privacySource: inboxPrivacySource(connection, rt.provider, deps.attachments),
    close: () => rt.close(),
  };
}

/** The support routes, for the OpenAPI document only: their dependencies must not be used. */
export function describeInboxApi(): RouteDefinition[] {
  const describeOnly = new Proxy({} as Parameters<typeof supportRoutes>[0], {
    get: (_, name) => {
      throw new Error(`openapi: support routes were asked for ${String(name)} while being described`);
    },
  });
  return [
    ...supportRoutes(describeOnly),
    ...supportAttachmentRoutes(describeOnly, 0),
    ...supportContextRoutes(describeOnly),
    ...supportAgentRoutes(describeOnly),
  ];
}
