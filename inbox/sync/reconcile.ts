// The periodic repair of drift between the hub and Chatwoot (after an outage, a lost webhook,
// a change made while the hub was down): each unresolved conversation's state is read from
// Chatwoot and applied as if its webhook had arrived; undelivered hub messages are flushed again;
// conversations of agents who went offline are reassigned.
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { JobQueue } from '../../storage/queue/job-queue.js';
import { ProviderNotFoundError } from '../provider/errors.js';
import type { InboxProvider } from '../provider/inbox-provider.js';
import type { OutboundJob } from '../queues.js';
import type { Router } from '../routing/router.js';
import { supportConversations, supportMessages, type SupportConversation } from '../store/models.js';
import { applyWebhook, type InboundDeps } from './inbound.js';

export interface ReconcileDeps {
  connection: Connection;
  provider: InboxProvider;
  outbound: JobQueue<OutboundJob>;
  inbound: InboundDeps;
  router?: Router;
  log: Logger;
  batch?: number;
}

export interface ReconcileReport {
  checked: number;
  repaired: number;
  flushed: number;
  reassigned: number;
}

export async function reconcile(deps: ReconcileDeps): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, repaired: 0, flushed: 0, reassigned: 0 };
  const conversations = await supportConversations(deps.connection)
    .find({ status: { $ne: 'resolved' } })
    .sort({ updatedAt: 1 })
    .limit(deps.batch ?? 200)
    .lean<SupportConversation[]>();
  for (const c of conversations) {
    const id = c._id.toHexString();
    if (c.chatwootConversationId != null) {
      report.checked++;
      try {
        const remote = await deps.provider.getConversation(c.chatwootConversationId);
        const outcome = await applyWebhook(deps.inbound, {
          event: 'conversation_updated',
          id: remote.id,
          status: remote.status,
          priority: remote.priority,
          labels: remote.labels,
          meta: {
            assignee: remote.assigneeId === null ? null : { id: remote.assigneeId },
            team: remote.teamId === null ? null : { id: remote.teamId },
          },
        });
        if (outcome === 'applied') report.repaired++;
      } catch (err) {
        if (!(err instanceof ProviderNotFoundError)) throw err;
        deps.log.warn({ conversation: id }, 'inbox: conversation gone from Chatwoot');
      }
    }
    const undelivered = await supportMessages(deps.connection).exists({
      conversationId: c._id,
      delivered: false,
    });
    if (undelivered || c.chatwootConversationId == null) {
      await deps.outbound.add(
        'flush',
        { op: 'flush', conversationId: id },
        {
          id: `flush-${id}-r${Math.floor(Date.now() / 60_000)}`,
          attempts: 20,
          backoffMs: 1_000,
        },
      );
      report.flushed++;
    }
  }
  if (deps.router) report.reassigned = await deps.router.reassignFromOffline();
  deps.log.info(report, 'inbox: reconciled');
  return report;
}
