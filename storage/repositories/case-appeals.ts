// Appeals of moderation cases: a decision appealed at most once, by its author, decided by
// another moderator than the decision's (upheld or overturned), and reopened when the overturning
// could not be carried out. Each change as every change of a case is made (case-steps.ts).
import type { Connection } from 'mongoose';
import {
  APPEALABLE_ACTIONS,
  moderationCaseModel,
  type AppealEffect,
  type CaseAction,
} from '../models/moderation-case.model.js';
import { RepositoryError, userId, validated, type Id } from './errors.js';
import { after, conflict, onCase, reasonOf, type CaseChange } from './case-steps.js';
import type { ModerationCaseDoc } from './types.js';

/** Appeals a decision: only its author, only once, only a decision that cost them something. */
export async function appealCase(
  connection: Connection,
  caseId: Id,
  input: { by: string; reason: string },
): Promise<ModerationCaseDoc> {
  const by = userId(input.by, 'by');
  const reason = reasonOf(input.reason);
  const Case = moderationCaseModel(connection);
  return onCase(connection, caseId, async (current) => {
    if (current.authorId !== by) throw new RepositoryError('forbidden', 'only the author may appeal');
    if (current.appeal) throw conflict('the case has been appealed already');
    const action = current.decision?.action;
    if (current.status !== 'resolved' || !action || !APPEALABLE_ACTIONS.includes(action)) {
      throw conflict('only a removal, a timeout, a kick or a ban may be appealed');
    }
    const now = new Date();
    const updated = await validated(
      Case.findOneAndUpdate(
        { _id: current._id, status: 'resolved', appeal: null },
        {
          $set: {
            appeal: {
              by,
              reason,
              at: now,
              status: 'open',
              decidedBy: null,
              decidedAt: null,
              decisionReason: '',
              effect: 'none',
            },
            updatedAt: now,
          },
        },
        after,
      ).lean<ModerationCaseDoc>(),
    );
    return updated ?? undefined;
  });
}

/** What overturning a decision of this kind does (recorded with the appeal's outcome). */
export function overturnEffect(action: CaseAction): AppealEffect {
  switch (action) {
    case 'timeout':
      return 'timeout_lifted';
    case 'ban':
      return 'ban_lifted';
    case 'remove':
    case 'kick':
      return 'not_restored';
    case 'approve':
    case 'warn':
      return 'none';
  }
}

/**
 * Decides an open appeal: upheld (the decision stands) or overturned. Never by the moderator
 * who made the decision, nor by the author. Recorded before the decision's effects are undone;
 * when undoing fails, `undoAppealDecision` reopens the appeal.
 */
export async function decideAppeal(
  connection: Connection,
  caseId: Id,
  input: { by: string; upheld: boolean; reason: string },
): Promise<ModerationCaseDoc> {
  const by = userId(input.by, 'by');
  const reason = reasonOf(input.reason);
  if (typeof input.upheld !== 'boolean')
    throw new RepositoryError('validation_failed', 'upheld must be true or false');
  const Case = moderationCaseModel(connection);
  return onCase(connection, caseId, async (current) => {
    const { appeal, decision } = current;
    if (!appeal || !decision) throw conflict('the case has no appeal');
    if (appeal.status !== 'open') throw conflict('the appeal is decided already');
    if (decision.by === by) {
      throw new RepositoryError(
        'forbidden',
        'the appeal must be decided by another moderator than the decision',
      );
    }
    if (current.authorId === by) throw new RepositoryError('forbidden', 'you may not decide your own appeal');
    const now = new Date();
    const updated = await Case.findOneAndUpdate(
      { _id: current._id, 'appeal.status': 'open', 'appeal.at': appeal.at },
      {
        $set: {
          'appeal.status': input.upheld ? 'upheld' : 'overturned',
          'appeal.decidedBy': by,
          'appeal.decidedAt': now,
          'appeal.decisionReason': reason,
          'appeal.effect': input.upheld ? 'none' : overturnEffect(decision.action),
          updatedAt: now,
        },
      },
      after,
    ).lean<ModerationCaseDoc>();
    return updated ?? undefined;
  });
}

/** Reopens an appeal whose overturning could not be carried out (only that very outcome). */
export async function undoAppealDecision(
  connection: Connection,
  caseId: Id,
  outcome: { by: string; at: Date },
): Promise<CaseChange> {
  const Case = moderationCaseModel(connection);
  return onCase(connection, caseId, async (current) => {
    const a = current.appeal;
    if (
      !a ||
      a.status === 'open' ||
      a.decidedBy !== outcome.by ||
      a.decidedAt?.getTime() !== outcome.at.getTime()
    ) {
      return { case: current, changed: false };
    }
    const updated = await Case.findOneAndUpdate(
      { _id: current._id, 'appeal.decidedBy': outcome.by, 'appeal.decidedAt': outcome.at },
      {
        $set: {
          'appeal.status': 'open',
          'appeal.decidedBy': null,
          'appeal.decidedAt': null,
          'appeal.decisionReason': '',
          'appeal.effect': 'none',
          updatedAt: new Date(),
        },
      },
      after,
    ).lean<ModerationCaseDoc>();
    return updated ? { case: updated, changed: true } : undefined;
  });
}
