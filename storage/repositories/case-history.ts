// An author's moderation history in a community: what moderators see beside a case.
import type { Connection } from 'mongoose';
import { CASE_ACTIONS, moderationCaseModel, type CaseAction } from '../models/moderation-case.model.js';
import { MAX_CASE_PAGE } from './cases.js';
import { oid, userId, type Id } from './errors.js';
import type { ModerationCaseDoc } from './types.js';

export interface AuthorHistory {
  /** Cases about the author's messages in the community. */
  total: number;
  /** Of those, not decided yet. */
  undecided: number;
  /** Decided cases by decision. */
  decisions: Record<CaseAction, number>;
  /** Appeals of theirs that were overturned. */
  overturned: number;
  /** Their most recent cases, newest first. */
  recent: ModerationCaseDoc[];
}

/** An author's cases in a community and what was decided, optionally leaving one case out. */
export async function authorHistory(
  connection: Connection,
  communityId: Id,
  authorId: string,
  options: { except?: Id; limit?: number } = {},
): Promise<AuthorHistory> {
  const Case = moderationCaseModel(connection);
  const match = {
    communityId: oid(communityId, 'communityId'),
    authorId: userId(authorId, 'authorId'),
    ...(options.except === undefined ? {} : { _id: { $ne: oid(options.except, 'except') } }),
  };
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), MAX_CASE_PAGE);
  const [recent, byAction, overturned] = await Promise.all([
    Case.find(match).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<ModerationCaseDoc[]>(),
    Case.aggregate<{ _id: string | null; n: number }>([
      { $match: match },
      { $group: { _id: '$decision.action', n: { $sum: 1 } } },
    ]),
    Case.countDocuments({ ...match, 'appeal.status': 'overturned' }),
  ]);
  const decisions = Object.fromEntries(CASE_ACTIONS.map((a) => [a, 0])) as Record<CaseAction, number>;
  let total = 0;
  let undecided = 0;
  for (const { _id: action, n } of byAction) {
    total += n;
    const known = CASE_ACTIONS.find((a) => a === action);
    if (known) decisions[known] += n;
    else undecided += n;
  }
  return { total, undecided, decisions, overturned, recent };
}
