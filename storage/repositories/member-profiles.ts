// Members' profiles as other members see them: the name and picture of each active member among
// the asked user ids, one query for the lot (a member list asks for the people present).
import type { Connection } from 'mongoose';
import { memberModel } from '../models/member.model.js';
import { oid, RepositoryError, userId as checkedUserId, type Id } from './errors.js';

export const MAX_PROFILES = 100;

export interface MemberProfile {
  userId: string;
  name: string;
  /** An https URL, or null without one. */
  picture: string | null;
}

/** The active members among `userIds`, in no particular order; others are left out. */
export async function memberProfiles(
  connection: Connection,
  communityId: Id,
  userIds: readonly string[],
): Promise<MemberProfile[]> {
  if (userIds.length > MAX_PROFILES) {
    throw new RepositoryError('validation_failed', `at most ${MAX_PROFILES} users at once`);
  }
  const ids = [...new Set(userIds.map((u) => checkedUserId(u)))];
  if (ids.length === 0) return [];
  const members = await memberModel(connection)
    .find(
      { communityId: oid(communityId, 'communityId'), userId: { $in: ids }, leftAt: null },
      { userId: 1, displayName: 1, picture: 1 },
    )
    .lean();
  return members.map((m) => ({ userId: m.userId, name: m.displayName, picture: m.picture ?? null }));
}
