// What the review queue's routes and events show of a case: the stored document as JSON (ids as
// hex, times as epoch milliseconds, scores parsed), in one shape for REST replies and for the
// `case.opened` / `case.updated` events on the moderators' topic.
import { z } from 'zod';
import {
  APPEAL_EFFECTS,
  APPEAL_STATUSES,
  CASE_ACTIONS,
  CASE_SOURCES,
  CASE_STATUSES,
} from '../../storage/models/moderation-case.model.js';
import type { AuthorHistory } from '../../storage/repositories/case-history.js';
import type { AuditEntryDoc, ModerationCaseDoc } from '../../storage/repositories/types.js';

export const caseSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  channelId: z.string(),
  messageId: z.string(),
  authorId: z.string(),
  source: z.enum(CASE_SOURCES),
  /** `attachmentId`: the message's file a report is about (null: the message as a whole). */
  flags: z.array(
    z.object({ by: z.string(), reason: z.string(), at: z.number(), attachmentId: z.string().nullable() }),
  ),
  /** Scores of the automatic flaggers, by name. */
  scores: z.record(z.string(), z.unknown()),
  status: z.enum(CASE_STATUSES),
  claimedBy: z.string().nullable(),
  claimedAt: z.number().nullable(),
  decision: z
    .object({
      action: z.enum(CASE_ACTIONS),
      reason: z.string(),
      by: z.string(),
      at: z.number(),
      durationS: z.number().nullable(),
    })
    .nullable(),
  appeal: z
    .object({
      by: z.string(),
      reason: z.string(),
      at: z.number(),
      status: z.enum(APPEAL_STATUSES),
      decidedBy: z.string().nullable(),
      decidedAt: z.number().nullable(),
      decisionReason: z.string(),
      /** What overturning the decision did: `not_restored` (a removed message stays removed). */
      effect: z.enum(APPEAL_EFFECTS),
    })
    .nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export type CaseView = z.input<typeof caseSchema>;

const time = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);

function parsedScores(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function caseView(c: ModerationCaseDoc): CaseView {
  const { decision, appeal } = c;
  return {
    id: c._id.toHexString(),
    communityId: c.communityId.toHexString(),
    channelId: c.channelId.toHexString(),
    messageId: c.messageId.toHexString(),
    authorId: c.authorId,
    source: c.source,
    flags: c.flags.map((f) => ({
      by: f.by,
      reason: f.reason,
      at: f.at.getTime(),
      attachmentId: f.attachmentId?.toHexString() ?? null,
    })),
    scores: parsedScores(c.scores),
    status: c.status,
    claimedBy: c.claimedBy ?? null,
    claimedAt: time(c.claimedAt),
    decision: decision
      ? {
          action: decision.action,
          reason: decision.reason,
          by: decision.by,
          at: decision.at.getTime(),
          durationS: decision.durationS ?? null,
        }
      : null,
    appeal: appeal
      ? {
          by: appeal.by,
          reason: appeal.reason,
          at: appeal.at.getTime(),
          status: appeal.status,
          decidedBy: appeal.decidedBy ?? null,
          decidedAt: time(appeal.decidedAt),
          decisionReason: appeal.decisionReason,
          effect: appeal.effect,
        }
      : null,
    createdAt: c.createdAt.getTime(),
    updatedAt: c.updatedAt.getTime(),
  };
}

/**
 * What the author of a case sees of it when appealing: the decision and their appeal, never who
 * reported them, the scores, or which moderator decided.
 */
export const authorCaseSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  messageId: z.string(),
  decision: z
    .object({
      action: z.enum(CASE_ACTIONS),
      reason: z.string(),
      at: z.number(),
      durationS: z.number().nullable(),
    })
    .nullable(),
  appeal: z
    .object({
      reason: z.string(),
      at: z.number(),
      status: z.enum(APPEAL_STATUSES),
      decidedAt: z.number().nullable(),
      decisionReason: z.string(),
      effect: z.enum(APPEAL_EFFECTS),
    })
    .nullable(),
});

export function authorCaseView(c: ModerationCaseDoc): z.input<typeof authorCaseSchema> {
  const full = caseView(c);
  return {
    id: full.id,
    communityId: full.communityId,
    messageId: full.messageId,
    decision: full.decision && {
      action: full.decision.action,
      reason: full.decision.reason,
      at: full.decision.at,
      durationS: full.decision.durationS,
    },
    appeal: full.appeal && {
      reason: full.appeal.reason,
      at: full.appeal.at,
      status: full.appeal.status,
      decidedAt: full.appeal.decidedAt,
      decisionReason: full.appeal.decisionReason,
      effect: full.appeal.effect,
    },
  };
}

const count = z.number().int().min(0);

export const historySchema = z.object({
  total: count,
  undecided: count,
  decisions: z.object({
    approve: count,
    remove: count,
    warn: count,
    timeout: count,
    kick: count,
    ban: count,
  }),
  overturned: count,
  recent: z.array(caseSchema),
});

export function historyView(h: AuthorHistory): z.input<typeof historySchema> {
  return { ...h, decisions: { ...h.decisions }, recent: h.recent.map(caseView) };
}

export const auditEntrySchema = z.object({
  seq: z.number(),
  actorId: z.string(),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  details: z.unknown(),
  at: z.number(),
  prevHash: z.string(),
  hash: z.string(),
});

export function auditEntryView(e: AuditEntryDoc): z.input<typeof auditEntrySchema> {
  return {
    seq: e.seq,
    actorId: e.actorId,
    action: e.action,
    target: { type: e.target?.type ?? '', id: e.target?.id ?? '' },
    details: JSON.parse(e.details) as unknown,
    at: e.at.getTime(),
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

/** What AutoMod tells the moderators when a rule with the `alert` action is broken. */
export interface AutoModAlert {
  kind: 'automod.alert';
  channelId: string;
  /** The message, when it was published (hidden or not); null when AutoMod blocked it. */
  messageId: string | null;
  authorId: string;
  /** What AutoMod did with it. */
  verdict: 'allow' | 'hide' | 'block';
  reasons: { rule: string; kind: string; detail: string }[];
  /** The timeout given, in seconds, if any. */
  timeoutS: number | null;
  at: number;
}

/** The events of the moderators' topic `mods:<communityId>`. */
export type ModsEvent =
  { kind: 'case.opened'; case: CaseView } | { kind: 'case.updated'; case: CaseView } | AutoModAlert;
