// The roles of a community: listing, custom roles, permission changes.
import type { Connection } from 'mongoose';
import { isPermissionBits } from '../models/fields.js';
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
