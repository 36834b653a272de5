// Moderation cases: one per message, opened by its first report or automatic flag, claimed by a
// moderator, decided, and appealed at most once by its author.
//
// Every change is a read, a check of the rules against what was read, then a compare-and-set
// update whose filter restates what the check relied on (atomic per write on MongoDB; on a lost
// race the case is read again). FerretDB 1.24's updates are not atomic, so every write of one case
// also runs under its document lock (document-lock.ts, a no-op on MongoDB), keyed by its message:
// the case's immutable identity, known before the case exists (flagMessage creates it).
//
// The shared change loop and input checks are in case-steps.ts, appeals in case-appeals.ts.
import type { Connection } from 'mongoose';
import {
  CASE_ACTIONS,
  CASE_SOURCES,
  CASE_STATUSES,
  MAX_FLAGS,
  moderationCaseModel,
  type CaseAction,
  type CaseSource,
  type CaseStatus,
} from '../models/moderation-case.model.js';
import { canonicalJson, type JsonValue } from './audit.js';
import { isDuplicateKey, oid, RepositoryError, userId, validated, type Id } from './errors.js';
import { withDocumentLock } from './document-lock.js';
import {
  after,
  ATTEMPTS,
  caseLockKey,
  conflict,
  oneOf,
  onCase,
  reasonOf,
  type CaseChange,
} from './case-steps.js';
import type { ModerationCaseDoc } from './types.js';

export { caseLockKey, type CaseChange } from './case-steps.js';
export { appealCase, decideAppeal, overturnEffect, undoAppealDecision } from './case-appeals.js';

export type CaseScores = Record<string, JsonValue>;

export interface NewFlag {
  communityId: Id;
  channelId: Id;
  messageId: Id;
  /** The message's author. */
  authorId: string;
  /** Where this flag comes from; a new case takes it as its source. */
  source: CaseSource;
  /** The reporting user's id, or 'automod' / 'scoring'. */
  by: string;
  reason?: string;
  /** The message's file the report is about, if one (the caller checks it is the message's). */
  attachmentId?: Id | null;
  /** Merged into the case's scores, key by key (a later value replaces an earlier one). */
  scores?: CaseScores;
  at?: Date;
}

export interface FlagOutcome {
  case: ModerationCaseDoc;
  /** This flag opened the case. */
  created: boolean;
  /** The case changed: a flag or a score was added (false when `by` had flagged it already). */
  changed: boolean;
}

function mergedScores(stored: string, added: CaseScores | undefined): string {
  if (!added) return stored;
  const previous = JSON.parse(stored) as CaseScores;
  return canonicalJson({ ...previous, ...added });
}

/**
 * Opens the message's case with this flag, or adds the flag to it. Idempotent per flagger: a
 * second flag by the same user (or the same automatic source) adds nothing, though its scores
 * still update. Concurrent first reports race on the unique messageId; the losers add their flag.
 */
export async function flagMessage(connection: Connection, input: NewFlag): Promise<FlagOutcome> {
  const Case = moderationCaseModel(connection);
  const messageId = oid(input.messageId, 'messageId');
  const flag = {
    by: userId(input.by, 'by'),
    reason: reasonOf(input.reason ?? '', 'reason', 0),
    at: input.at ?? new Date(),
    attachmentId: input.attachmentId ? oid(input.attachmentId, 'attachmentId') : null,
  };
  const fields = {
    communityId: oid(input.communityId, 'communityId'),
    channelId: oid(input.channelId, 'channelId'),
    messageId,
    authorId: userId(input.authorId, 'authorId'),
    source: oneOf(CASE_SOURCES, input.source, 'source'),
  };
  const scores = input.scores === undefined ? undefined : canonicalJson(input.scores);
  return withDocumentLock(connection, caseLockKey(messageId), async () => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const current = await Case.findOne({ messageId }).lean<ModerationCaseDoc>();
      if (!current) {
        const doc = new Case({
          ...fields,
          flags: [flag],
          scores: scores ?? '{}',
          createdAt: flag.at,
          updatedAt: flag.at,
        });
        try {
          await validated(doc.save());
          return { case: doc.toObject(), created: true, changed: true };
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          continue; // another process opened it: add to theirs
        }
      }
      const addFlag = current.flags.length < MAX_FLAGS && !current.flags.some((f) => f.by === flag.by);
      const nextScores = mergedScores(current.scores, input.scores);
      if (!addFlag && nextScores === current.scores) return { case: current, created: false, changed: false };
      // `$nor` rather than `$ne`: FerretDB 1.24 matches `$ne` through arrays of documents wrongly.
      const updated = await validated(
        Case.findOneAndUpdate(
          {
            _id: current._id,
            scores: current.scores,
            ...(addFlag ? { $nor: [{ 'flags.by': flag.by }] } : {}),
          },
          {
            $set: { scores: nextScores, updatedAt: new Date() },
            ...(addFlag ? { $push: { flags: flag } } : {}),
          },
          { returnDocument: 'after', runValidators: true },
        ).lean<ModerationCaseDoc>(),
      );
      if (updated) return { case: updated, created: false, changed: true };
    }
    throw conflict('the case kept changing; try again');
  });
}

export async function getCase(connection: Connection, caseId: Id): Promise<ModerationCaseDoc | null> {
  return moderationCaseModel(connection).findById(oid(caseId, 'caseId')).lean<ModerationCaseDoc>();
}

export const MAX_CASE_PAGE = 100;

export interface CaseQuery {
  communityId: Id;
  status?: CaseStatus;
  source?: CaseSource;
  limit: number;
  /** The position of the last case of the previous page: cases strictly older come next. */
  before?: { createdAt: Date; id: Id };
}

/** A community's cases, newest first, optionally of one status and one source. */
export async function listCases(connection: Connection, query: CaseQuery): Promise<ModerationCaseDoc[]> {
  const limit = Math.min(Math.max(Math.trunc(query.limit), 0), MAX_CASE_PAGE);
  if (!(limit > 0)) return []; // the server reads limit 0 as "no limit"
  const before = query.before;
  if (before && !(before.createdAt instanceof Date && !Number.isNaN(before.createdAt.getTime()))) {
    throw new RepositoryError('validation_failed', 'before.createdAt must be a date');
  }
  const filter = {
    communityId: oid(query.communityId, 'communityId'),
    ...(query.status === undefined ? {} : { status: oneOf(CASE_STATUSES, query.status, 'status') }),
    ...(query.source === undefined ? {} : { source: oneOf(CASE_SOURCES, query.source, 'source') }),
    ...(before
      ? {
          $or: [
            { createdAt: { $lt: before.createdAt } },
            { createdAt: before.createdAt, _id: { $lt: oid(before.id, 'before.id') } },
          ],
        }
      : {}),
  };
  return moderationCaseModel(connection)
    .find(filter)
    .sort({ createdAt: -1, _id: -1 })
    .limit(limit)
    .lean<ModerationCaseDoc[]>();
}

/** Claims an open case for a moderator; claiming a case another moderator holds is a conflict. */
export async function claimCase(
  connection: Connection,
  caseId: Id,
  moderatorId: string,
): Promise<CaseChange> {
  const by = userId(moderatorId, 'moderatorId');
  const Case = moderationCaseModel(connection);
  return onCase(connection, caseId, async (current) => {
    if (current.status === 'resolved') throw conflict('the case is resolved');
    if (current.status === 'claimed') {
      if (current.claimedBy === by) return { case: current, changed: false };
      throw conflict(`the case is claimed by ${current.claimedBy ?? 'another moderator'}`);
    }
    const now = new Date();
    const updated = await Case.findOneAndUpdate(
      { _id: current._id, status: 'open', claimedBy: null },
      { $set: { status: 'claimed', claimedBy: by, claimedAt: now, updatedAt: now } },
      after,
    ).lean<ModerationCaseDoc>();
    return updated ? { case: updated, changed: true } : undefined;
  });
}

/** Gives a claimed case back to the queue; only its claimant may. */
export async function unclaimCase(
  connection: Connection,
  caseId: Id,
  moderatorId: string,
): Promise<CaseChange> {
  const by = userId(moderatorId, 'moderatorId');
  const Case = moderationCaseModel(connection);
  return onCase(connection, caseId, async (current) => {
    if (current.status === 'resolved') throw conflict('the case is resolved');
    if (current.status === 'open') return { case: current, changed: false };
    if (current.claimedBy !== by) {
      throw conflict(`the case is claimed by ${current.claimedBy ?? 'another moderator'}`);
    }
    const updated = await Case.findOneAndUpdate(
      { _id: current._id, status: 'claimed', claimedBy: by },
      { $set: { status: 'open', claimedBy: null, claimedAt: null, updatedAt: new Date() } },
      after,
    ).lean<ModerationCaseDoc>();
    return updated ? { case: updated, changed: true } : undefined;
  });
}

export interface NewDecision {
  by: string;
  action: CaseAction;
  reason: string;
  /** Required for a timeout, refused otherwise. */
  durationS?: number;
}

/**
 * Decides an open or claimed case (a claimed one only by its claimant) and resolves it. The
 * decision is recorded before its effects are applied, so exactly one moderator's decision takes
 * effect; when the effects fail, `undoDecision` puts the case back.
 */
export async function decideCase(
  connection: Connection,
  caseId: Id,
  input: NewDecision,
): Promise<ModerationCaseDoc> {
  const by = userId(input.by, 'by');
  const action = oneOf(CASE_ACTIONS, input.action, 'action');
  const reason = reasonOf(input.reason);
  const durationS = input.durationS ?? null;
  if (action === 'timeout' && !(Number.isSafeInteger(durationS) && (durationS ?? 0) > 0)) {
    throw new RepositoryError('validation_failed', 'a timeout needs durationS, a positive integer');
  }
  if (action !== 'timeout' && durationS !== null) {
    throw new RepositoryError('validation_failed', 'durationS is only for a timeout');
  }
  const Case = moderationCaseModel(connection);
  return onCase(connection, caseId, async (current) => {
    if (current.status === 'resolved') throw conflict('the case is decided already');
    if (current.status === 'claimed' && current.claimedBy !== by) {
      throw conflict(`the case is claimed by ${current.claimedBy ?? 'another moderator'}`);
    }
    const now = new Date();
    const updated = await validated(
      Case.findOneAndUpdate(
        { _id: current._id, status: current.status, claimedBy: current.claimedBy, decision: null },
        {
          $set: {
            status: 'resolved',
            decision: { action, reason, by, at: now, durationS },
            updatedAt: now,
          },
        },
        after,
      ).lean<ModerationCaseDoc>(),
    );
    return updated ?? undefined;
  });
}

/**
 * Takes back a decision whose effects could not be applied: the case returns to the queue as it
 * was (claimed by its claimant, or open). Only that very decision, and only before an appeal.
 */
export async function undoDecision(
  connection: Connection,
  caseId: Id,
  decision: { by: string; at: Date },
): Promise<CaseChange> {
  const Case = moderationCaseModel(connection);
  return onCase(connection, caseId, async (current) => {
    const d = current.decision;
    if (!d || d.by !== decision.by || d.at.getTime() !== decision.at.getTime() || current.appeal) {
      return { case: current, changed: false };
    }
    const updated = await Case.findOneAndUpdate(
      { _id: current._id, status: 'resolved', 'decision.by': d.by, 'decision.at': d.at, appeal: null },
      {
        $set: {
          status: current.claimedBy ? 'claimed' : 'open',
          decision: null,
          updatedAt: new Date(),
        },
      },
      after,
    ).lean<ModerationCaseDoc>();
    return updated ? { case: updated, changed: true } : undefined;
  });
}
