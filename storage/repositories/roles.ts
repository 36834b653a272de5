// The roles of a community: listing, custom roles, permission changes, renames and moves, deletion.
import type { Connection } from 'mongoose';
import { isPermissionBits } from '../models/fields.js';
import { channelModel } from '../models/channel.model.js';
import { communityModel } from '../models/community.model.js';
import { memberModel } from '../models/member.model.js';
import { ROLE_KEYS, roleModel, type RoleKey } from '../models/role.model.js';
import { notFound, oid, RepositoryError, validated, type Id } from './errors.js';
import type { RoleDoc } from './types.js';

function permissionBits(permissions: number): number {
  if (typeof permissions !== 'number' || !isPermissionBits(permissions)) {
    throw new RepositoryError('validation_failed', 'permissions must be an integer in [0, 2^31)');
  }
  return permissions;
}

/** A community's roles, highest first. */
export async function listRoles(connection: Connection, communityId: Id): Promise<RoleDoc[]> {
  return roleModel(connection)
    .find({ communityId: oid(communityId, 'communityId') })
    .sort({ position: -1, _id: 1 })
    .lean<RoleDoc[]>();
}

export async function getRole(connection: Connection, roleId: Id): Promise<RoleDoc | null> {
  return roleModel(connection).findById(oid(roleId, 'roleId')).lean<RoleDoc>();
}

/** The role with this key (@everyone or a marketplace role's) in a community. */
export async function getRoleByKey(
  connection: Connection,
  communityId: Id,
  key: RoleKey,
): Promise<RoleDoc | null> {
  if (!(ROLE_KEYS as readonly string[]).includes(key)) return null;
  return roleModel(connection)
    .findOne({ communityId: oid(communityId, 'communityId'), keySlot: key })
    .lean<RoleDoc>();
}

export interface NewRole {
  name: string;
  permissions: number;
  position: number;
  color?: string;
  mentionable?: boolean;
}

/** A custom role (key null): keyed roles are created only with their community. */
export async function createRole(connection: Connection, communityId: Id, role: NewRole): Promise<RoleDoc> {
  const Role = roleModel(connection);
  const doc = new Role({
    communityId: oid(communityId, 'communityId'),
    name: role.name,
    permissions: permissionBits(role.permissions),
    position: role.position,
    color: role.color,
    mentionable: role.mentionable ?? false,
    key: null,
  });
  await validated(doc.save());
  return doc.toObject();
}

/** Sets a role's permission bits; returns the updated role. */
export async function updateRolePermissions(
  connection: Connection,
  roleId: Id,
  permissions: number,
): Promise<RoleDoc> {
  const updated = await roleModel(connection)
    .findOneAndUpdate(
      { _id: oid(roleId, 'roleId') },
      { $set: { permissions: permissionBits(permissions) } },
      { returnDocument: 'after' },
    )
    .lean<RoleDoc>();
  if (!updated) throw notFound('role');
  return updated;
}

export interface RoleChange {
  name?: string;
  /** #rrggbb, or null to clear it. */
  color?: string | null;
  position?: number;
  mentionable?: boolean;
}

/** Renames, recolours or moves a role; @everyone keeps its lowest position. */
export async function updateRole(connection: Connection, roleId: Id, change: RoleChange): Promise<RoleDoc> {
  const Role = roleModel(connection);
  const current = await Role.findById(oid(roleId, 'roleId')).lean<RoleDoc>();
  if (!current) throw notFound('role');
  if (current.key === 'everyone' && change.position !== undefined && change.position !== current.position) {
    throw new RepositoryError('validation_failed', '@everyone stays the lowest role');
  }
  const { color, ...rest } = change;
  const updated = await validated(
    Role.findOneAndUpdate(
      { _id: current._id },
      {
        ...(Object.keys(rest).length > 0 || typeof color === 'string'
          ? { $set: { ...rest, ...(color ? { color } : {}) } }
          : {}),
        ...(color === null ? { $unset: { color: 1 } } : {}),
      },
      { returnDocument: 'after', runValidators: true },
    ).lean<RoleDoc>(),
  );
  if (!updated) throw notFound('role');
  return updated;
}

/**
 * Deletes a custom or marketplace role (never @everyone): its members lose it, the community's
 * role mapping and its channels' overwrites forget it, then the role goes. Repeatable when it
 * fails part-way: the role record goes last.
 */
export async function deleteRole(
  connection: Connection,
  communityId: Id,
  roleId: Id,
): Promise<{ members: number }> {
  const cid = oid(communityId, 'communityId');
  const rid = oid(roleId, 'roleId');
  const role = await roleModel(connection).findOne({ _id: rid, communityId: cid }).lean<RoleDoc>();
  if (!role) throw notFound('role');
  if (role.key === 'everyone') throw new RepositoryError('forbidden', '@everyone cannot be deleted');
  const members = await memberModel(connection).updateMany(
    { communityId: cid, roleIds: rid },
    { $pull: { roleIds: rid } },
  );
  const community = await communityModel(connection).findById(cid, { roleMapping: 1 }).lean();
  const mapping = community?.roleMapping ?? [];
  if (mapping.some((m) => m.roleIds.some((id) => id.equals(rid)))) {
    await communityModel(connection).updateOne(
      { _id: cid },
      {
        $set: {
          roleMapping: mapping
            .map((m) => ({
              marketplaceRole: m.marketplaceRole,
              roleIds: m.roleIds.filter((id) => !id.equals(rid)),
            }))
            .filter((m) => m.roleIds.length > 0),
        },
      },
    );
  }
  // Rewritten rather than $pull-ed: FerretDB 1.24's $pull matches only whole subdocuments.
  const target = rid.toHexString();
  const channels = await channelModel(connection)
    .find({ communityId: cid, 'overwrites.targetId': target }, { overwrites: 1 })
    .lean();
  for (const channel of channels) {
    await channelModel(connection).updateOne(
      { _id: channel._id },
      {
        $set: {
          overwrites: channel.overwrites.filter((o) => !(o.targetType === 'role' && o.targetId === target)),
        },
      },
    );
  }
  await roleModel(connection).deleteOne({ _id: rid });
  return { members: members.modifiedCount };
}
