// Scoring one stored community message and acting on the community's thresholds (a job scores
// the messages of a batch through scoring-batch.ts).
//
// Exactly one decision per message, however often the job runs (retries, a worker killed
// mid-job, two workers racing after a stalled lock):
//   1. the message as its job carried it (as stored), or as read by id (missing: nothing to do;
//      deleted or hidden: nothing to do unless a decision about it is recorded already, whose
//      effects are then finished as in 3). A carried message's state since it was stored is
//      looked at only when its score calls for action (rare), so an allowed message costs no read;
//   2. score it and insert the decision: the unique messageId lets exactly one insert win. The
//      insert is also how a retry learns of an earlier decision (no read before it: the common
//      case, a first attempt, costs no lookup). A decision found there is finished as in 3;
//   The worker that recorded a decision holds a lease on it (as long as a job's lock); another
//   worker finishes an unfinished decision only once it can take the lease over (the first
//   worker died), else its job fails with DecisionBusyError and is retried after a backoff;
//   3. apply the decision's effects, each idempotent: hide the message (a no-op when hidden),
//      publish `message.hidden` (nonce `scoring-hide-<id>`: the broker drops a repeat), flag the
//      case (idempotent per flagger, same scores), announce it on `mods:<communityId>` (nonce
//      `scoring-case-<id>`), append one `scoring.decide` audit entry (skipped when a previous
//      attempt appended it), then mark the decision done.
// An 'allow' decision has no effects and is recorded done at once.
import type { Connection } from 'mongoose';
import type { ChannelEvent } from '../../../community/chat/message-data.js';
import type { MarketplaceEvents } from '../../../community/events/marketplace-events.js';
import type { Publisher } from '../../../realtime/publisher.js';
import { flaggedEvent } from '../../review/case-events.js';
import { auditEntryModel } from '../../../storage/models/audit-entry.model.js';
import { appendAudit, type JsonValue } from '../../../storage/repositories/audit.js';
import { flagMessage } from '../../../storage/repositories/cases.js';
import { getMessage, hideMessage } from '../../../storage/repositories/messages.js';
import type { ChatMessageDoc } from '../../../storage/repositories/types.js';
import {
  checkDecision,
  DecisionBusyError,
  markDecisionDone,
  recordDecision,
  getScoringDecision,
  takeDecisionLease,
  type NewScoringDecision,
  type Recorded,
  type ScoringDecisionDoc,
} from '../../../storage/repositories/scoring-decisions.js';
import { caseView, type ModsEvent } from '../../review/views.js';
import type { ModelHolder } from './model-holder.js';
import { actionFor } from './risk.js';
import { scoreMessage, summary } from './score-message.js';
import { ScoringReads, type StandingCache } from './scoring-reads.js';
import { chanTopic, modsTopic } from '../../../protocol/index.js';

/** The name flags, hides and audit entries of the scoring workers carry. */
export const SCORING_ACTOR = 'scoring';

export interface ScoringHooks {
  /**
   * Runs after the decision is recorded and before any effect: the seam the crash test uses to
   * kill a worker at the worst moment.
   */
  afterRecord?: (decision: ScoringDecisionDoc) => Promise<void>;
}

export interface ScoringDeps {
  connection: Connection;
  publisher: Publisher;
  models: ModelHolder;
  hooks?: ScoringHooks;
  /** How long a worker holds a decision it applies: the queue's lock time. Defaults to 30 s. */
  leaseMs?: number;
  now?: () => Date;
  /** Signed events to the marketplace: a case this scoring opens is `message.flagged`. */
  events?: MarketplaceEvents;
  /** The worker's authors' standings, kept across jobs (none: read once per job). */
  standings?: StandingCache;
}

export type ScoringOutcome =
  | { kind: 'skipped'; reason: 'missing' | 'deleted' | 'hidden' | 'no_community' }
  | { kind: 'decided' | 'resumed' | 'already_done'; decision: ScoringDecisionDoc };

/**
 * What scoring reads of a message. `read`: its state is as the store has it now; otherwise as
 * it was stored (carried by its job), and looked at again before any effect.
 */
export type ScorableMessage = Pick<
  ChatMessageDoc,
  '_id' | 'communityId' | 'channelId' | 'authorId' | 'body' | 'deletedAt' | 'hiddenAt'
> & { read: boolean };

/** Scores one stored message by id (a job scores its batch with judge and finish: scoring-batch.ts). */
export async function scoreStoredMessage(deps: ScoringDeps, messageId: string): Promise<ScoringOutcome> {
  const message = await getMessage(deps.connection, messageId);
  const reads = new ScoringReads(deps.connection, deps.standings);
  const judged = await judge(deps, message && { ...message, read: true }, reads);
  if ('kind' in judged) return judged;
  return finish(deps, await recordDecision(deps.connection, judged, leaseOf(deps)));
}

/**
 * Step 1 and the scoring of 2: the outcome for a message with nothing to decide (skipped, or a
 * decision recorded already and finished), else the decision to record about it.
 */
export async function judge(
  deps: ScoringDeps,
  message: ScorableMessage | null,
  reads: ScoringReads,
): Promise<ScoringOutcome | NewScoringDecision> {
  const leaseMs = leaseOf(deps);
  if (!message) return { kind: 'skipped', reason: 'missing' };
  const gone = await goneOrHeld(deps, message, leaseMs);
  if (gone) return gone;
  // Direct messages have no community, so no moderators and no thresholds: never scored.
  if (!message.communityId) return { kind: 'skipped', reason: 'no_community' };
  const communityId = message.communityId.toHexString();
  const [settings, standing] = await Promise.all([
    reads.settings(communityId),
    reads.standing(communityId, message.authorId),
  ]);
  if (!settings) return { kind: 'skipped', reason: 'no_community' };

  const sheet = scoreMessage(
    message.body,
    { ...standing, now: deps.now?.() ?? new Date() },
    deps.models.current(),
  );
  const action = actionFor(sheet.risk, settings.scoring);
  if (action !== 'allow' && !message.read) {
    // About to act on a message carried as stored: it may have gone since.
    const now = await getMessage(deps.connection, message._id);
    if (!now) return { kind: 'skipped', reason: 'missing' };
    const goneSince = await goneOrHeld(deps, now, leaseMs);
    if (goneSince) return goneSince;
  }
  const decision: NewScoringDecision = {
    messageId: message._id,
    communityId,
    channelId: message.channelId,
    authorId: message.authorId,
    action,
    risk: sheet.risk,
    // An allowed message keeps nothing of its scores: their reasons quote its text.
    scores: action === 'allow' ? '{}' : JSON.stringify({ ...sheet, action }),
    summary: action === 'allow' ? '' : summary(sheet),
    modelVersion: sheet.modelVersion,
  };
  checkDecision(decision);
  return decision;
}

/** Steps 2 (a decision found recorded) and 3, once the decision is recorded. */
export async function finish(deps: ScoringDeps, { decision, recorded }: Recorded): Promise<ScoringOutcome> {
  if (!recorded) return resume(deps, decision, leaseOf(deps));
  if (decision.status === 'done') return { kind: 'decided', decision };
  await deps.hooks?.afterRecord?.(decision);
  await applyEffects(deps, decision, false);
  return { kind: 'decided', decision };
}

/** How long a worker holds a decision it applies. */
export const leaseOf = (deps: ScoringDeps) => deps.leaseMs ?? 30_000;

/** The outcome for a deleted or hidden message; undefined for one to score. */
async function goneOrHeld(
  deps: ScoringDeps,
  message: Pick<ChatMessageDoc, '_id' | 'deletedAt' | 'hiddenAt'>,
  leaseMs: number,
): Promise<ScoringOutcome | undefined> {
  if (!message.deletedAt && !message.hiddenAt) return undefined;
  // Hidden may be this scoring's own effect, cut short before its decision was done.
  const existing = await getScoringDecision(deps.connection, message._id);
  if (existing) return resume(deps, existing, leaseMs);
  return { kind: 'skipped', reason: message.deletedAt ? 'deleted' : 'hidden' };
}

async function resume(deps: ScoringDeps, d: ScoringDecisionDoc, leaseMs: number): Promise<ScoringOutcome> {
  if (d.status === 'done') return { kind: 'already_done', decision: d };
  if (!(await takeDecisionLease(deps.connection, d.messageId, leaseMs))) {
    throw new DecisionBusyError(d.messageId.toHexString());
  }
  await applyEffects(deps, d, true);
  return { kind: 'resumed', decision: d };
}

async function applyEffects(deps: ScoringDeps, d: ScoringDecisionDoc, resuming: boolean): Promise<void> {
  const { connection, publisher } = deps;
  const messageId = d.messageId.toHexString();
  const communityId = d.communityId.toHexString();
  const info = { id: SCORING_ACTOR, name: 'Scoring' };

  if (d.action === 'hide') {
    await hideMessage(connection, messageId, SCORING_ACTOR);
    const event: ChannelEvent = { kind: 'message.hidden', id: messageId, by: SCORING_ACTOR };
    await publisher.publish(chanTopic(communityId, d.channelId.toHexString()), {
      nonce: `scoring-hide-${messageId}`,
      data: JSON.stringify(event),
      info,
    });
  }

  const flagged = await flagMessage(connection, {
    communityId,
    channelId: d.channelId,
    messageId,
    authorId: d.authorId,
    source: 'scoring',
    by: SCORING_ACTOR,
    reason: d.summary,
    scores: { scoring: JSON.parse(d.scores) as JsonValue },
    at: d.createdAt,
  });
  const mods: ModsEvent = {
    kind: flagged.created ? 'case.opened' : 'case.updated',
    case: caseView(flagged.case),
  };
  await publisher.publish(modsTopic(communityId), {
    nonce: `scoring-case-${messageId}`,
    data: JSON.stringify(mods),
    info,
  });
  if (flagged.created) await deps.events?.emit('message.flagged', communityId, flaggedEvent(flagged.case));

  if (!(resuming && (await audited(connection, d)))) {
    await appendAudit(connection, {
      communityId,
      actorId: SCORING_ACTOR,
      action: 'scoring.decide',
      target: { type: 'case', id: flagged.case._id.toHexString() },
      details: {
        messageId,
        action: d.action,
        risk: d.risk,
        modelVersion: d.modelVersion,
        summary: d.summary,
      },
      at: d.createdAt,
    });
  }
  await markDecisionDone(connection, messageId);
}

/**
 * Whether an earlier attempt appended this decision's audit entry. Only asked when resuming a
 * decision a crashed attempt left unfinished, so its scan of the community's recent entries
 * never runs on the normal path.
 */
async function audited(connection: Connection, d: ScoringDecisionDoc): Promise<boolean> {
  const entries = await auditEntryModel(connection)
    .find({ communityId: d.communityId, action: 'scoring.decide', at: d.createdAt }, { details: 1 })
    .lean<{ details: string }[]>();
  const messageId = d.messageId.toHexString();
  return entries.some((e) => (JSON.parse(e.details) as { messageId?: string }).messageId === messageId);
}
