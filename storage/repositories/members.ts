// Members of a community: joining and leaving, timeouts, role assignment, bans.
import type { Connection, Types, UpdateQuery } from 'mongoose';
import { banModel } from '../models/ban.model.js';
import { communityModel } from '../models/community.model.js';
import { memberModel, type Member } from '../models/member.model.js';
import { roleModel } from '../models/role.model.js';
import {
  isDuplicateKey,
  notFound,
  oid,
  RepositoryError,
  text,
  userId,
  validated,
  type Id,
} from './errors.js';
import { withDocumentLock } from './document-lock.js';
import type { BanDoc, MemberDoc, RoleDoc } from './types.js';

/** Runs an update of one membership under its document lock (document-lock.ts). */
const onMember = <T>(
  connection: Connection,
  communityId: Types.ObjectId,
  user: string,
  write: () => Promise<T>,
) => withDocumentLock(connection, `members:${communityId.toHexString()}:${user}`, write);

/** Applies one update to an active member; false when the user is not (or no longer) a member. */
async function updateActiveMember(
  connection: Connection,
  communityId: Types.ObjectId,
  user: string,
  update: UpdateQuery<Member>,
): Promise<boolean> {
  const { matchedCount } = await onMember(connection, communityId, user, () =>
    memberModel(connection).updateOne({ communityId, userId: user, leftAt: null }, update),
  );
  return matchedCount === 1;
}

export interface NewMember {
  communityId: Id;
  userId: string;
  displayName: string;
  /** Their profile picture (an https URL), or null. */
  picture?: string | null;
  /** Roles to hold besides @everyone (e.g. those of the marketplace roles in the token). */
  roleIds?: readonly Id[];
}

/** The ids, checked to be roles of this community other than @everyone (which is implicit). */
async function assignableRoles(
  connection: Connection,
  communityId: Types.ObjectId,
  roleIds: readonly Id[],
): Promise<Types.ObjectId[]> {
  const ids = [...new Map(roleIds.map((r) => oid(r, 'roleId')).map((id) => [id.toHexString(), id])).values()];
  if (ids.length === 0) return [];
  const found = await roleModel(connection).countDocuments({
    _id: { $in: ids },
    communityId,
    keySlot: { $ne: 'everyone' },
  });
  if (found !== ids.length) throw new RepositoryError('validation_failed', 'unknown role for this community');
  return ids;
}

async function isBanned(connection: Connection, communityId: Types.ObjectId, user: string): Promise<boolean> {
  return (await banModel(connection).exists({ communityId, userId: user })) !== null;
}

/**
 * Makes the user a member: inserts the membership, or revives one they left (new joinedAt, name,
 * picture and roles; a running timeout survives leaving). Joining as an active member changes nothing.
 * Fails with `forbidden` when the user is banned, `not_found` when the community does not exist.
 */
export async function addMember(connection: Connection, input: NewMember): Promise<MemberDoc> {
  const communityId = oid(input.communityId, 'communityId');
  const user = userId(input.userId);
  if (!(await communityModel(connection).exists({ _id: communityId }))) throw notFound('community');
  if (await isBanned(connection, communityId, user)) {
    throw new RepositoryError('forbidden', 'the user is banned from this community');
  }
  const roleIds = await assignableRoles(connection, communityId, input.roleIds ?? []);
  const Member = memberModel(connection);
  const displayName = text(input.displayName, 'displayName');
  const picture = input.picture ?? null;
  const fresh = new Member({
    communityId,
    userId: user,
    displayName,
    picture,
    roleIds,
    joinedAt: new Date(),
  });
  await validated(fresh.validate());

  const revived = await onMember(connection, communityId, user, () =>
    Member.findOneAndUpdate(
      { communityId, userId: user, leftAt: { $ne: null } },
      { $set: { leftAt: null, joinedAt: fresh.joinedAt, displayName: fresh.displayName, picture, roleIds } },
      { returnDocument: 'after' },
    ).lean<MemberDoc>(),
  );
  let member = revived;
  if (!member) {
    try {
      await fresh.save();
      member = fresh.toObject();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Already a member (or joined concurrently): nothing changes.
      member = await Member.findOne({ communityId, userId: user }).lean<MemberDoc>();
      if (!member) throw err;
    }
  }
  // A ban may have landed between the check and the write; banMember writes the ban before it
  // removes the membership, so checking again here leaves no window where both stand.
  if (await isBanned(connection, communityId, user)) {
    await removeMember(connection, communityId, user);
    throw new RepositoryError('forbidden', 'the user is banned from this community');
  }
  return member;
}

/** The active membership, or null (never joined, left, removed or banned). */
export async function getMember(
  connection: Connection,
  communityId: Id,
  user: string,
): Promise<MemberDoc | null> {
  return memberModel(connection)
    .findOne({ communityId: oid(communityId, 'communityId'), userId: userId(user), leftAt: null })
    .lean<MemberDoc>();
}

/** Ends a membership (kept with leftAt set and no roles); false when not a member. */
export async function removeMember(connection: Connection, communityId: Id, user: string): Promise<boolean> {
  const cid = oid(communityId, 'communityId');
  const u = userId(user);
  const { modifiedCount } = await onMember(connection, cid, u, () =>
    memberModel(connection).updateOne(
      { communityId: cid, userId: u, leftAt: null },
      { $set: { leftAt: new Date(), roleIds: [] } },
    ),
  );
  return modifiedCount === 1;
}

/** Times a member out until `until`, or lifts the timeout (null); false when not a member. */
export async function setMemberTimeout(
  connection: Connection,
  communityId: Id,
  user: string,
  until: Date | null,
): Promise<boolean> {
  if (until !== null && !(until instanceof Date && !Number.isNaN(until.getTime()))) {
    throw new RepositoryError('validation_failed', 'until must be a date or null');
  }
  const cid = oid(communityId, 'communityId');
  const u = userId(user);
  return updateActiveMember(connection, cid, u, { $set: { timeoutUntil: until } });
}

/** Gives a member a role of the community; false when not a member. */
export async function assignRole(
  connection: Connection,
  communityId: Id,
  user: string,
  roleId: Id,
): Promise<boolean> {
  const cid = oid(communityId, 'communityId');
  const [rid] = await assignableRoles(connection, cid, [roleId]);
  const u = userId(user);
  return updateActiveMember(connection, cid, u, { $addToSet: { roleIds: rid } });
}

/** Takes a role from a member; false when not a member. */
export async function unassignRole(
  connection: Connection,
  communityId: Id,
  user: string,
  roleId: Id,
): Promise<boolean> {
  const cid = oid(communityId, 'communityId');
  const u = userId(user);
  const rid = oid(roleId, 'roleId');
  return updateActiveMember(connection, cid, u, { $pull: { roleIds: rid } });
}

/**
 * The roles permissions are computed from, highest first: @everyone and, for an active member,
 * the roles they hold. A non-member gets @everyone alone (what anyone may see).
 */
export async function listMemberRoles(
  connection: Connection,
  communityId: Id,
  user: string,
): Promise<RoleDoc[]> {
  const cid = oid(communityId, 'communityId');
  const member = await getMember(connection, cid, user);
  return roleModel(connection)
    .find({ communityId: cid, $or: [{ keySlot: 'everyone' }, { _id: { $in: member?.roleIds ?? [] } }] })
    .sort({ position: -1, _id: 1 })
    .lean<RoleDoc[]>();
}

export interface NewBan {
  communityId: Id;
  userId: string;
  reason?: string;
  bannedBy: string;
}

/**
 * Bans a user and ends their membership. Banning a banned user keeps the first ban (its reason
 * and time) and reports created: false.
 */
export async function banMember(
  connection: Connection,
  input: NewBan,
): Promise<{ ban: BanDoc; created: boolean; /** An active membership ended. */ removed: boolean }> {
  const communityId = oid(input.communityId, 'communityId');
  const user = userId(input.userId);
  const Ban = banModel(connection);
  const doc = new Ban({
    communityId,
    userId: user,
    reason: input.reason ?? '',
    bannedBy: userId(input.bannedBy, 'bannedBy'),
    at: new Date(),
  });
  let ban: BanDoc;
  let created = true;
  try {
    await validated(doc.save());
    ban = doc.toObject();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await Ban.findOne({ communityId, userId: user }).lean<BanDoc>();
    if (!existing) throw err;
    ban = existing;
    created = false;
  }
  // After the ban is stored, so a concurrent addMember either sees it or is undone here.
  const removed = await removeMember(connection, communityId, user);
  return { ban, created, removed };
}

/** Lifts a ban; false when there was none. */
export async function unbanMember(connection: Connection, communityId: Id, user: string): Promise<boolean> {
  const { deletedCount } = await banModel(connection).deleteOne({
    communityId: oid(communityId, 'communityId'),
    userId: userId(user),
  });
  return deletedCount === 1;
}

export async function getBan(connection: Connection, communityId: Id, user: string): Promise<BanDoc | null> {
  return banModel(connection)
    .findOne({ communityId: oid(communityId, 'communityId'), userId: userId(user) })
    .lean<BanDoc>();
}

/** A community's bans, newest first. */
export async function listBans(connection: Connection, communityId: Id): Promise<BanDoc[]> {
  return banModel(connection)
    .find({ communityId: oid(communityId, 'communityId') })
    .sort({ at: -1, _id: -1 })
    .lean<BanDoc[]>();
}
