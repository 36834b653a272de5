// The inbox's work in a worker process: Chatwoot's webhook events (each conversation's in order),
// outbound sync to Chatwoot, SLA timers, and the periodic reconciliation. Registered by
// hub/processors.ts; the shape matches the worker's Processor.
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { emitResolved } from './api/support-events.js';
import type { MarketplaceEvents } from '../community/events/marketplace-events.js';
import { brokerFromConfig } from '../realtime/broker/broker.factory.js';
import { RedisPresenceStore } from '../realtime/presence/presence-store.redis.js';
import { Publisher } from '../realtime/publisher.js';
import { MongoMessageStore } from '../storage/messages/message-store.mongo.js';
import { Attachments } from '../community/attachments/attachments.js';
import { objectStoreFromConfig } from '../storage/objects/object-store-from-config.js';
import type { Job } from '../storage/queue/job-queue.js';
import type { RedisClient } from '../storage/redis.js';
import { ProviderError } from './provider/errors.js';
import {
  INBOX_AVAILABILITY_QUEUE,
  INBOX_EVENTS_QUEUE,
  INBOX_OUTBOUND_QUEUE,
  INBOX_SLA_QUEUE,
  type OutboundJob,
  type SlaJob,
  type WebhookJob,
} from './queues.js';
import { hubAgentPresence } from './routing/agent-presence.js';
import { Router } from './routing/router.js';
import { parseAgentUsers } from './routing/routing.js';
import { createInboxRuntime, inboxEnabled, type InboxOverrides } from './runtime.js';
import { SlaService } from './sla/sla-service.js';
import { applyConversationEvents } from './sync/conversation-events.js';
import { applyWebhook, type InboundDeps } from './sync/inbound.js';
import { runOutbound } from './sync/outbound.js';
import { reconcile } from './sync/reconcile.js';

export interface InboxProcessor {
  queue: string;
  concurrency: number;
  handler: (job: Job<unknown>) => Promise<void>;
  every?: { name: string; intervalMs: number };
  /** Clear each job's data once it succeeded (the worker's Processor option). */
  forgetDataWhenDone?: boolean;
  /** Called once when the worker stops. */
  close?: () => Promise<void>;
}

export interface InboxWorkerResources {
  redis: RedisClient;
  connection: Connection;
  log: Logger;
  /** Signed events to the marketplace: a conversation resolved in Chatwoot. */
  events?: MarketplaceEvents;
}

/** A provider error that will not get better is not retried: it fails the job at once. */
async function settle(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (err) {
    if (err instanceof ProviderError && !err.retryable) {
      const { UnrecoverableError } = await import('bullmq');
      throw new UnrecoverableError(err.message);
    }
    throw err;
  }
}

export function inboxProcessors(
  config: Config,
  { redis, connection, log, events }: InboxWorkerResources,
  overrides: InboxOverrides = {},
): InboxProcessor[] {
  if (!inboxEnabled(config)) return [];
  const rt = createInboxRuntime(config, overrides);
  // Publishing from a worker: the broker's atomic publish on the worker's own connection (it
  // never subscribes), and the durable write to the message store.
  const broker = brokerFromConfig(config, redis, 'worker-inbox');
  const publisher = new Publisher(broker, new MongoMessageStore(connection), 'worker-inbox');
  const router = new Router({
    connection,
    redis,
    keys: rt.keys,
    provider: rt.provider,
    inboxId: config.chatwoot.inboxId,
    policy: config.inbox.routing,
    capacity: config.inbox.agentCapacity,
    log,
    agentUsers: parseAgentUsers(config.inbox.agentUsers),
    presence: hubAgentPresence(new RedisPresenceStore(redis, config.redis.keyPrefix)),
    offlineGraceMs: config.inbox.offlineGraceMs,
  });
  const sla = new SlaService({ connection, queue: rt.sla, policies: rt.policies, hours: rt.hours, log });
  // Support messages' files: read to send them to Chatwoot, and stored when an agent sends some.
  const attachments = new Attachments(
    connection,
    objectStoreFromConfig(config, connection),
    config.attachments,
    config.audit.secret,
  );
  const inbound: InboundDeps = {
    connection,
    publisher,
    log,
    files: {
      attachments,
      baseUrl: config.chatwoot.baseUrl as string,
      timeoutMs: config.chatwoot.timeoutMs,
      log,
    },
    onAgentReply: (conversation, at) => sla.agentAnswered(conversation, at),
    // Reopened in Chatwoot: the resolution clock starts again, as when reopened in the hub; a
    // priority set in Chatwoot moves the running clocks, as when set in the hub.
    onConversationChange: async (before, after) => {
      if (before.status === 'resolved' && after.status !== 'resolved') await sla.reopened(after);
      if (before.priority !== after.priority) await sla.priorityChanged(after);
      if (before.status !== 'resolved' && after.status === 'resolved')
        await emitResolved(events, after, null);
    },
  };
  const outboundDeps = {
    connection,
    redis,
    keys: rt.keys,
    provider: rt.provider,
    log,
    attachments,
    onLinked: async (c: Parameters<Router['assign']>[0]) => {
      await router.assign(c).catch((err: Error) => log.warn({ err }, 'inbox: routing failed'));
    },
  };
  return [
    {
      queue: INBOX_EVENTS_QUEUE,
      // Each conversation's events apply in order under its lock, whichever worker runs the job.
      concurrency: 4,
      // Chatwoot's payloads name members and carry their words: kept only until applied.
      forgetDataWhenDone: true,
      handler: (job) => {
        const data = job.data as WebhookJob;
        if (data.conversation === undefined) return settle(applyWebhook(inbound, data.payload));
        return settle(
          applyConversationEvents(
            { redis, keys: rt.keys, apply: (payload) => applyWebhook(inbound, payload) },
            data.conversation,
          ),
        );
      },
      // The queues this module adds jobs to (the worker closes its own consumers), and the store.
      close: async () => {
        await rt.close();
        await attachments.store.close();
      },
    },
    {
      queue: INBOX_OUTBOUND_QUEUE,
      concurrency: 4, // per-conversation locks keep each conversation in order
      every: { name: 'reconcile', intervalMs: config.chatwoot.reconcileEveryMs },
      handler: (job) => {
        const data = job.data as OutboundJob;
        // The scheduled run carries no data, only its name.
        if (job.name === 'reconcile' || data.op === 'reconcile') {
          return settle(
            reconcile({ connection, provider: rt.provider, outbound: rt.outbound, inbound, router, log }),
          );
        }
        return settle(runOutbound(outboundDeps, data));
      },
    },
    {
      // Reassignment when an agent goes offline: a periodic check rather than a presence event,
      // because a node that crashes sends no event (its connections only expire), the gateway
      // does not publish leaves of the ONLINE topic across nodes, and a check is idempotent and
      // resumes by itself after a worker restart. Delay: at most presenceCheckMs + offlineGraceMs.
      queue: INBOX_AVAILABILITY_QUEUE,
      concurrency: 1,
      every: { name: 'availability', intervalMs: config.inbox.presenceCheckMs },
      handler: async () => {
        if (config.inbox.routing !== 'none') await router.reassignFromOffline();
      },
    },
    {
      queue: INBOX_SLA_QUEUE,
      concurrency: 2,
      handler: async (job) => {
        await sla.fire(job.data as SlaJob, {
          publisher,
          outbound: rt.outbound,
          teamLeadUserId: config.inbox.teamLeadUserId,
          reassign: (c, exclude) => router.assign(c, exclude),
        });
      },
    },
  ];
}
