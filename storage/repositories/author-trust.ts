// What scoring needs to know about an author's standing in a community: since when they are a
// member, and how many of their messages moderators acted against.
import type { Connection } from 'mongoose';
import { moderationCaseModel, type CaseAction } from '../models/moderation-case.model.js';
import { oid, userId, type Id } from './errors.js';
import { getMember } from './members.js';

/** Decisions that count as a violation: every action except approval. */
export const VIOLATION_ACTIONS: readonly CaseAction[] = ['remove', 'warn', 'timeout', 'kick', 'ban'];

export interface AuthorStanding {
  /** Null when not an active member. */
  joinedAt: Date | null;
  violations: number;
}

export async function authorStanding(
  connection: Connection,
  communityId: Id,
  authorId: string,
): Promise<AuthorStanding> {
  // Both ids checked before either query starts, so a bad one leaves no query behind unawaited.
  const filter = {
    communityId: oid(communityId, 'communityId'),
    authorId: userId(authorId, 'authorId'),
    'decision.action': { $in: VIOLATION_ACTIONS },
  };
  const [member, violations] = await Promise.all([
    getMember(connection, filter.communityId, authorId),
    moderationCaseModel(connection).countDocuments(filter),
  ]);
  return { joinedAt: member?.joinedAt ?? null, violations };
}
