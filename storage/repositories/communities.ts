// Communities with their default roles: creating, reading, listing and changing them.
import mongoose, { type Connection, type Types } from 'mongoose';
import { communityModel } from '../models/community.model.js';
import { ROLE_KEYS, roleModel, type RoleKey } from '../models/role.model.js';
import {
  DUPLICATE_KEY,
  isDuplicateKey,
  notFound,
  oid,
  RepositoryError,
  validated,
  type Id,
} from './errors.js';
import type { CommunityDoc, RoleDoc } from './types.js';

/** A role every community starts with: @everyone and one per marketplace role. */
export interface RoleSeed {
  key: RoleKey;
  name: string;
  permissions: number;
  position: number;
}

export interface NewCommunity {
  slug: string;
  name: string;
  description?: string;
  retentionDays?: number | null;
  ownerId?: string | null;
}

function checkRoleSet(roleSet: readonly RoleSeed[]): void {
  const keys = roleSet.map((r) => r.key);
  if (!keys.includes('everyone'))
    throw new RepositoryError('validation_failed', 'the role set lacks @everyone');
  if (new Set(keys).size !== keys.length)
    throw new RepositoryError('validation_failed', 'duplicate role key');
  if (!keys.every((k) => (ROLE_KEYS as readonly string[]).includes(k))) {
    throw new RepositoryError('validation_failed', 'unknown role key');
  }
}

const roleDocs = (connection: Connection, communityId: Types.ObjectId, roleSet: readonly RoleSeed[]) =>
  roleSet.map(
    (r) =>
      new (roleModel(connection))({
        communityId,
        key: r.key,
        name: r.name,
        permissions: r.permissions,
        position: r.position,
      }),
  );

/**
 * Creates a community and its default roles. Fails with `conflict` when the slug is taken; the
 * roles are checked before anything is written. Without transactions (FerretDB has none) a
 * crash between the two writes leaves a community without roles: ensureDefaultRoles repairs it.
 */
export async function createCommunity(
  connection: Connection,
  community: NewCommunity,
  roleSet: readonly RoleSeed[],
): Promise<{ community: CommunityDoc; roles: RoleDoc[] }> {
  checkRoleSet(roleSet);
  const Community = communityModel(connection);
  const doc = new Community({
    slug: community.slug,
    name: community.name,
    description: community.description ?? '',
    retentionDays: community.retentionDays ?? null,
    ownerId: community.ownerId ?? null,
  });
  await validated(doc.validate());
  await Promise.all(roleDocs(connection, doc._id, roleSet).map((r) => validated(r.validate())));
  try {
    await doc.save();
  } catch (err) {
    if (isDuplicateKey(err)) throw new RepositoryError('conflict', `the slug ${community.slug} is taken`);
    throw err;
  }
  const roles = await ensureDefaultRoles(connection, doc._id, roleSet);
  return { community: doc.toObject(), roles };
}

/**
 * Inserts the roles of the set whose key the community lacks; existing roles are left as they
 * are. Safe to run concurrently: the unique (communityId, keySlot) index keeps one role per key.
 * Returns the community's keyed roles of the set, in the set's order.
 */
export async function ensureDefaultRoles(
  connection: Connection,
  communityId: Id,
  roleSet: readonly RoleSeed[],
): Promise<RoleDoc[]> {
  checkRoleSet(roleSet);
  const id = oid(communityId, 'communityId');
  const Role = roleModel(connection);
  const keys = roleSet.map((r) => r.key);
  const existing = new Set(
    (await Role.find({ communityId: id, key: { $in: keys } }, { key: 1 }).lean()).map((r) => r.key),
  );
  const missing = roleDocs(
    connection,
    id,
    roleSet.filter((r) => !existing.has(r.key)),
  );
  await Promise.all(missing.map((r) => validated(r.validate())));
  if (missing.length > 0) {
    try {
      await Role.insertMany(
        missing.map((r) => r.toObject()),
        { ordered: false },
      );
    } catch (err) {
      if (!onlyDuplicateKeys(err)) throw err;
    }
  }
  const roles = await Role.find({ communityId: id, key: { $in: keys } }).lean<RoleDoc[]>();
  return keys.flatMap((k) => roles.filter((r) => r.key === k));
}

function onlyDuplicateKeys(err: unknown): boolean {
  if (!(err instanceof mongoose.mongo.MongoBulkWriteError)) return isDuplicateKey(err);
  const errors = [err.writeErrors].flat();
  return errors.length > 0 && errors.every((e) => e.code === DUPLICATE_KEY);
}

export async function getCommunityBySlug(connection: Connection, slug: string): Promise<CommunityDoc | null> {
  if (typeof slug !== 'string') return null;
  return communityModel(connection).findOne({ slug }).lean<CommunityDoc>();
}

export async function getCommunity(connection: Connection, communityId: Id): Promise<CommunityDoc | null> {
  return communityModel(connection).findById(oid(communityId, 'communityId')).lean<CommunityDoc>();
}

/** A community's own attachment limits (null: the deployment's), or null when there is no such community. */
export async function getAttachmentLimits(
  connection: Connection,
  communityId: Id,
): Promise<{ maxBytes: number | null; maxPerMessage: number | null; maxPending: number | null } | null> {
  const doc = await communityModel(connection)
    .findById(oid(communityId, 'communityId'), {
      attachmentMaxBytes: 1,
      attachmentMaxPerMessage: 1,
      attachmentMaxPending: 1,
    })
    .lean<Pick<CommunityDoc, 'attachmentMaxBytes' | 'attachmentMaxPerMessage' | 'attachmentMaxPending'>>();
  return (
    doc && {
      maxBytes: doc.attachmentMaxBytes ?? null,
      maxPerMessage: doc.attachmentMaxPerMessage ?? null,
      maxPending: doc.attachmentMaxPending ?? null,
    }
  );
}

/** Every community, by slug, a page at a time (the CLI's list). */
export async function listCommunities(
  connection: Connection,
  { afterSlug = '', limit = 100 }: { afterSlug?: string; limit?: number } = {},
): Promise<CommunityDoc[]> {
  return communityModel(connection)
    .find({ slug: { $gt: String(afterSlug) } })
    .sort({ slug: 1 })
    .limit(Math.min(Math.max(1, limit), 1_000))
    .lean<CommunityDoc[]>();
}

export interface CommunityPatch {
  name?: string;
  description?: string;
  iconUrl?: string | null;
  retentionDays?: number | null;
  retentionMode?: 'delete' | 'anonymize';
  /** Replaces the whole mapping; role ids must be the community's own (checked by the caller). */
  roleMapping?: { marketplaceRole: string; roleIds: Types.ObjectId[] }[];
  archivedAt?: Date | null;
  attachmentMaxBytes?: number | null;
  attachmentMaxPerMessage?: number | null;
}

/** Applies a patch (schema-validated); returns the community after it, or throws not_found. */
export async function updateCommunity(
  connection: Connection,
  communityId: Id,
  patch: CommunityPatch,
): Promise<CommunityDoc> {
  const $set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const updated = await validated(
    communityModel(connection)
      .findOneAndUpdate(
        { _id: oid(communityId, 'communityId') },
        { $set },
        { returnDocument: 'after', runValidators: true },
      )
      .lean<CommunityDoc>(),
  );
  if (!updated) throw notFound('community');
  return updated;
}
