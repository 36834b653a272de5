// Memberships as the marketplace declares them: each listed user becomes (or stays) an active
// member holding exactly the listed roles. Idempotent, and one round of queries for a whole batch
// (the service API's bulk upsert takes 1,000), not one per member. Banned users are left out and
// reported; nothing else about a membership (its timeout) changes. A name or picture left out
// keeps the stored one.
import type { AnyBulkWriteOperation, Connection, Types } from 'mongoose';
import { banModel } from '../models/ban.model.js';
import { communityModel } from '../models/community.model.js';
import { memberModel, type Member } from '../models/member.model.js';
import { roleModel } from '../models/role.model.js';
import { notFound, oid, RepositoryError, userId as checkedUserId, type Id } from './errors.js';

export const MAX_MEMBER_UPSERTS = 1_000;

export interface MemberUpsert {
  userId: string;
  /** Kept as it is when absent (the user id for a new member). */
  displayName?: string;
  /** Their profile picture (an https URL, checked by the caller); null removes it; kept when absent. */
  picture?: string | null;
  roleIds: readonly Id[];
}

export type UpsertOutcome = 'created' | 'updated' | 'banned';

export async function upsertMembers(
  connection: Connection,
  communityId: Id,
  upserts: readonly MemberUpsert[],
): Promise<{ userId: string; outcome: UpsertOutcome }[]> {
  const cid = oid(communityId, 'communityId');
  if (upserts.length > MAX_MEMBER_UPSERTS) {
    throw new RepositoryError('validation_failed', `at most ${MAX_MEMBER_UPSERTS} members at once`);
  }
  const userIds = upserts.map((u) => checkedUserId(u.userId));
  if (new Set(userIds).size !== userIds.length) {
    throw new RepositoryError('validation_failed', 'a user is listed twice');
  }
  if (!(await communityModel(connection).exists({ _id: cid }))) throw notFound('community');
  await checkRoles(connection, cid, upserts);

  const [bans, existing] = await Promise.all([
    banModel(connection)
      .find({ communityId: cid, userId: { $in: userIds } }, { userId: 1 })
      .lean(),
    memberModel(connection)
      .find({ communityId: cid, userId: { $in: userIds } }, { userId: 1, leftAt: 1 })
      .lean(),
  ]);
  const banned = new Set(bans.map((b) => b.userId));
  const known = new Map(existing.map((m) => [m.userId, m.leftAt]));
  const now = new Date();
  const ops: AnyBulkWriteOperation<Member>[] = upserts
    .filter((u) => !banned.has(u.userId))
    .map((u) => {
      const roleIds = u.roleIds.map((r) => oid(r, 'roleId'));
      // New (undefined) or left (a date): a membership starts now; an active one keeps its date.
      const joinsNow = known.get(u.userId) !== null;
      const name = u.displayName?.trim();
      return {
        updateOne: {
          filter: { communityId: cid, userId: u.userId },
          update: {
            $set: {
              roleIds,
              leftAt: null,
              ...(name ? { displayName: name } : {}),
              ...(u.picture !== undefined ? { picture: u.picture } : {}),
              ...(joinsNow ? { joinedAt: now } : {}),
            },
            $setOnInsert: {
              timeoutUntil: null,
              ...(name ? {} : { displayName: u.userId }),
              ...(u.picture !== undefined ? {} : { picture: null }),
            },
          },
          upsert: true,
        },
      };
    });
  if (ops.length > 0) await memberModel(connection).bulkWrite(ops, { ordered: false });
  return upserts.map((u) => ({
    userId: u.userId,
    outcome: banned.has(u.userId) ? 'banned' : known.has(u.userId) ? 'updated' : 'created',
  }));
}

/** Every role must be one of the community's, and not @everyone (which is implicit). */
async function checkRoles(
  connection: Connection,
  communityId: Types.ObjectId,
  upserts: readonly MemberUpsert[],
): Promise<void> {
  const wanted = [...new Set(upserts.flatMap((u) => u.roleIds.map((r) => oid(r, 'roleId').toHexString())))];
  if (wanted.length === 0) return;
  const found = await roleModel(connection).countDocuments({
    _id: { $in: wanted.map((id) => oid(id)) },
    communityId,
    keySlot: { $ne: 'everyone' },
  });
  if (found !== wanted.length)
    throw new RepositoryError('validation_failed', 'unknown role for this community');
}
