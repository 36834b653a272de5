// SLA timers as BullMQ delayed jobs: when a clock starts (a conversation opens, a member writes
// and waits), its warning and breach are scheduled; when a timer fires it first checks that its
// clock still runs (sla-clock.ts), so answered conversations need no cancellation. A breach is
// recorded once and escalates: priority one step up, reassignment to another available agent,
// and a live notice to the team lead on their user topic.
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Publisher } from '../../realtime/publisher.js';
import type { JobQueue } from '../../storage/queue/job-queue.js';
import type { Priority } from '../provider/inbox-provider.js';
import type { OutboundJob, SlaJob } from '../queues.js';
import { supportConversations, updateConversation, type SupportConversation } from '../store/models.js';
import { publishSupportEvent } from '../sync/member-events.js';
import type { BusinessHours } from './business-hours.js';
import { raisedPriority, type SlaPolicies, type SlaTarget } from './policies.js';
import { planTimers, resolutionStart, timerApplies } from './sla-clock.js';

export interface SlaServiceDeps {
  connection: Connection;
  queue: JobQueue<SlaJob>;
  policies: SlaPolicies;
  hours: BusinessHours;
  log: Logger;
  now?: () => number;
}

export interface EscalationDeps {
  publisher: Publisher;
  outbound: JobQueue<OutboundJob>;
  teamLeadUserId: string;
  /** Reassigns to another available agent; resolves to the new agent or null. */
  reassign: (conversation: SupportConversation, exclude: number[]) => Promise<number | null>;
  onBreach?: (target: SlaTarget) => void;
}

export class SlaService {
  private readonly now: () => number;

  constructor(private readonly deps: SlaServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Schedules the warning and breach of one target whose clock starts at `start`. */
  async start(conversation: SupportConversation, target: SlaTarget, start: Date): Promise<void> {
    const id = conversation._id.toHexString();
    const priority = conversation.priority as Priority;
    const timers = planTimers(target, priority, start, this.deps.policies, this.deps.hours);
    const dueAt = timers[0]?.dueAt;
    if (dueAt !== undefined) {
      await updateConversation(
        this.deps.connection,
        conversation._id,
        {},
        {
          $set: { [`slaDue.${target}`]: new Date(dueAt) },
        },
      );
    }
    for (const t of timers) {
      await this.deps.queue.add(
        t.stage,
        { conversationId: id, target, stage: t.stage, dueAt: t.dueAt },
        {
          id: `sla-${id}-${target}-${t.stage}-${t.dueAt}`,
          delayMs: Math.max(0, t.at - this.now()),
          attempts: 5,
        },
      );
    }
  }

  /** A member wrote: the first-response clock (from the opening) or the next-response clock
   * (from this message) starts, unless it runs already. */
  async memberWrote(conversation: SupportConversation, at: Date): Promise<void> {
    // Idempotent (same job ids): a member writing again before the first answer changes nothing.
    if (!conversation.firstResponseAt)
      await this.start(conversation, 'first_response', conversation.createdAt);
    if (conversation.awaitingSince) return;
    const updated = await updateConversation(
      this.deps.connection,
      conversation._id,
      { awaitingSince: null },
      { $set: { awaitingSince: at } },
    );
    if (updated?.firstResponseAt) await this.start(updated, 'next_response', at);
  }

  /** A resolved conversation was reopened (by its member, an agent, or in Chatwoot): a new
   * resolution clock starts now; the old one's timers find it moved. */
  async reopened(conversation: SupportConversation): Promise<void> {
    const at = new Date(this.now());
    const updated = await updateConversation(
      this.deps.connection,
      conversation._id,
      {},
      {
        $set: { reopenedAt: at },
      },
    );
    if (updated && !updated.breaches.includes('resolution')) await this.start(updated, 'resolution', at);
  }

  /**
   * The priority changed (set in the hub, in Chatwoot, or raised by a breach): every clock still
   * running starts again from its own start under the new targets, so its due time and its
   * timers follow the new priority (the old timers find their clock moved and do nothing).
   * Resolves to the conversation as stored afterwards, with the new due times.
   */
  async priorityChanged(conversation: SupportConversation): Promise<SupportConversation> {
    const conversations = supportConversations(this.deps.connection);
    // As stored now: a reopening handled just before has moved the resolution clock's start.
    const c = (await conversations.findById(conversation._id).lean<SupportConversation>()) ?? conversation;
    if (c.status !== 'resolved' && !c.breaches.includes('resolution'))
      await this.start(c, 'resolution', resolutionStart(c));
    if (!c.firstResponseAt && !c.breaches.includes('first_response')) {
      await this.start(c, 'first_response', c.createdAt);
    } else if (c.firstResponseAt && c.awaitingSince && !c.breaches.includes('next_response')) {
      await this.start(c, 'next_response', c.awaitingSince);
    }
    return (await conversations.findById(c._id).lean<SupportConversation>()) ?? c;
  }

  /** An agent answered: the clock stops (pending timers find it stopped). */
  async agentAnswered(conversation: SupportConversation, at: Date): Promise<void> {
    const id = conversation._id;
    await updateConversation(
      this.deps.connection,
      id,
      {},
      {
        $set: { awaitingSince: null, 'slaDue.first_response': null, 'slaDue.next_response': null },
      },
    );
    // The first answer only: the filter keeps an earlier one.
    await updateConversation(
      this.deps.connection,
      id,
      { firstResponseAt: null },
      { $set: { firstResponseAt: at } },
    );
  }

  /** A timer fired. */
  async fire(job: SlaJob, escalation: EscalationDeps): Promise<'stale' | 'warned' | 'escalated'> {
    const conversations = supportConversations(this.deps.connection);
    const c = await conversations.findById(job.conversationId).lean<SupportConversation>();
    if (!c) return 'stale';
    const state = {
      status: c.status,
      priority: c.priority as Priority,
      createdAt: c.createdAt,
      firstResponseAt: c.firstResponseAt ?? null,
      awaitingSince: c.awaitingSince ?? null,
      reopenedAt: c.reopenedAt ?? null,
      breaches: c.breaches,
    };
    if (!timerApplies(job, state, this.deps.policies, this.deps.hours)) return 'stale';
    const event = {
      kind: 'support.sla' as const,
      conversationId: job.conversationId,
      target: job.target,
      stage: job.stage,
      dueAt: new Date(job.dueAt).toISOString(),
    };
    const nonce = `sla-${job.conversationId}-${job.target}-${job.stage}-${job.dueAt}`;
    if (job.stage === 'warning') {
      if (escalation.teamLeadUserId)
        await publishSupportEvent(escalation.publisher, escalation.teamLeadUserId, nonce, event);
      return 'warned';
    }
    // Record the breach once (the filter makes a second firing a no-op).
    const priority = raisedPriority(c.priority as Priority);
    const breached = await updateConversation(
      this.deps.connection,
      c._id,
      { breaches: { $ne: job.target } },
      {
        $push: { breaches: job.target },
        $set: {
          escalated: true,
          priority,
          updatedAt: new Date(this.now()),
          hubChangedAt: new Date(this.now()),
        },
      },
    );
    if (!breached) return 'stale';
    escalation.onBreach?.(job.target);
    this.deps.log.warn(
      { conversation: job.conversationId, target: job.target },
      'inbox: SLA breached; escalating',
    );
    await escalation.outbound.add(
      'priority',
      { op: 'priority', conversationId: job.conversationId, priority },
      {
        id: `esc-prio-${job.conversationId}-${job.target}`,
        attempts: 20,
        backoffMs: 1_000,
      },
    );
    // The raised priority moves the clocks still running: set them again under it.
    await this.priorityChanged(breached);
    const current = c.assigneeId ?? null;
    await escalation
      .reassign(breached, current === null ? [] : [current])
      .catch((err: Error) => this.deps.log.warn({ err }, 'inbox: reassignment on breach failed'));
    // The member's copy also reaches the agents' feed; the team lead's is theirs alone.
    if (escalation.teamLeadUserId)
      await publishSupportEvent(escalation.publisher, escalation.teamLeadUserId, nonce, event, {
        agents: false,
      });
    await publishSupportEvent(escalation.publisher, c.userId, `${nonce}-member`, event);
    return 'escalated';
  }
}
