// Roles: listing them, creating custom ones, changing their permissions, renaming, recolouring,
// moving and deleting them, giving them to members and taking them back (MANAGE_ROLES; a service
// may rename, move and delete any role). As in Discord, nobody manages a role ranked at or above
// their own highest role, nor grants a permission they lack themselves (administrators excepted).
import { z } from 'zod';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { defineRoute, type RouteDefinition } from '../../realtime/transport/api/index.js';
import { HttpError } from '../../realtime/transport/http.js';
import { assignRole, unassignRole } from '../../storage/repositories/members.js';
import {
  createRole,
  deleteRole,
  getRole,
  updateRole,
  updateRolePermissions,
} from '../../storage/repositories/roles.js';
import type { RoleDoc } from '../../storage/repositories/types.js';
import { rankOf, type Standing } from '../access.js';
import {
  fromNames,
  has,
  Permission,
  permissionNames,
  type PermissionName,
} from '../permissions/permissions.js';
import {
  communityChanged,
  objectId,
  repo,
  requireMember,
  requirePermission,
  userIdSchema,
  type CommunityApiDeps,
} from './support.js';
import { rolesExamples } from './roles.examples.js';

const permissionList = z
  .array(z.enum(Object.keys(Permission) as [PermissionName, ...PermissionName[]]))
  .max(32);
const roleSchema = z.object({
  id: z.string(),
  key: z.string().nullable(),
  name: z.string(),
  permissions: z.array(z.string()),
  position: z.number(),
  mentionable: z.boolean(),
});

async function mayManageRoles(
  deps: CommunityApiDeps,
  user: AuthUser,
  communityId: string,
): Promise<Standing> {
  const standing = await requireMember(deps, user, communityId);
  requirePermission(standing.base, Permission.MANAGE_ROLES, 'manage roles');
  return standing;
}

function mayTouch(standing: Standing, position: number, permissions?: number): void {
  if (position >= rankOf(standing))
    throw new HttpError('forbidden', 'that role is not below your highest role');
  const admin = has(standing.base, Permission.ADMINISTRATOR);
  if (permissions !== undefined && !admin && (permissions & ~standing.base) !== 0) {
    throw new HttpError('forbidden', 'you may not grant permissions you do not have');
  }
}

const roleParams = z.strictObject({ communityId: objectId, roleId: objectId });
const roleChangeSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    color: z
      .string()
      .regex(/^#[0-9a-f]{6}$/i, 'must be #rrggbb')
      .nullable()
      .optional(),
    position: z.number().int().min(1).optional(),
    mentionable: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
const changedRoleSchema = roleSchema.extend({ color: z.string().nullable() });

/**
 * The role a caller may edit or delete: a service any role of the community; a member with
 * MANAGE_ROLES one below their highest role, and only to a position below it.
 */
async function roleToManage(
  deps: CommunityApiDeps,
  user: AuthUser,
  communityId: string,
  roleId: string,
  newPosition?: number,
): Promise<void> {
  if (user.service) {
    const role = await getRole(deps.connection, roleId);
    if (!role || role.communityId.toHexString() !== communityId)
      throw new HttpError('not_found', 'no such role');
    return;
  }
  const standing = await mayManageRoles(deps, user, communityId);
  const role = standing.community.roles.get(roleId);
  if (!role) throw new HttpError('not_found', 'no such role');
  mayTouch(standing, role.position);
  if (newPosition !== undefined) mayTouch(standing, newPosition);
}

function roleView(role: RoleDoc): z.input<typeof changedRoleSchema> {
  return {
    id: role._id.toHexString(),
    key: role.key ?? null,
    name: role.name,
    permissions: permissionNames(role.permissions),
    position: role.position,
    mentionable: Boolean(role.mentionable),
    color: role.color ?? null,
  };
}

export function roleRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'patch',
      path: '/api/v1/communities/:communityId/roles/:roleId',
      operationId: 'updateRole',
      summary: 'Rename, recolour or move a role below the caller’s highest (MANAGE_ROLES, or a service)',
      tags: ['roles'],
      callers: 'users-and-services',
      params: roleParams,
      body: roleChangeSchema,
      response: changedRoleSchema,
      examples: rolesExamples.updateRole,
      handler: async ({ user, params, body }) => {
        await roleToManage(deps, user, params.communityId, params.roleId, body.position);
        const updated = await repo(updateRole(deps.connection, params.roleId, body));
        await communityChanged(deps, params.communityId);
        return roleView(updated);
      },
    }),
    defineRoute({
      method: 'del',
      path: '/api/v1/communities/:communityId/roles/:roleId',
      operationId: 'deleteRole',
      summary:
        'Delete a role below the caller’s highest: its members lose it, the role mapping and overwrites forget it (MANAGE_ROLES, or a service)',
      tags: ['roles'],
      callers: 'users-and-services',
      params: roleParams,
      response: z.object({ deleted: z.literal(true), members: z.number() }),
      examples: rolesExamples.deleteRole,
      handler: async ({ user, params }) => {
        await roleToManage(deps, user, params.communityId, params.roleId);
        const { members } = await repo(deleteRole(deps.connection, params.communityId, params.roleId));
        await communityChanged(deps, params.communityId);
        return { deleted: true as const, members };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/communities/:communityId/roles',
      operationId: 'listRoles',
      summary: 'The roles of a community, highest first',
      tags: ['roles'],
      params: z.strictObject({ communityId: objectId }),
      response: z.object({ items: z.array(roleSchema) }),
      examples: rolesExamples.listRoles,
      handler: async ({ user, params }) => {
        const { community } = await requireMember(deps, user, params.communityId);
        const roles = [...community.roles.values()].sort((a, b) => b.position - a.position);
        return { items: roles.map((r) => ({ ...r, permissions: permissionNames(r.permissions) })) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/communities/:communityId/roles',
      operationId: 'createRole',
      summary: 'Create a custom role below the caller’s highest role',
      tags: ['roles'],
      params: z.strictObject({ communityId: objectId }),
      body: z.strictObject({
        name: z.string().trim().min(1).max(100),
        permissions: permissionList,
        position: z.number().int().min(1),
        mentionable: z.boolean().default(false),
      }),
      status: 201,
      response: roleSchema,
      examples: rolesExamples.createRole,
      handler: async ({ user, params, body }) => {
        const standing = await mayManageRoles(deps, user, params.communityId);
        const permissions = fromNames(body.permissions);
        mayTouch(standing, body.position, permissions);
        const role = await repo(createRole(deps.connection, params.communityId, { ...body, permissions }));
        await communityChanged(deps, params.communityId);
        return {
          id: role._id.toHexString(),
          key: null,
          name: role.name,
          permissions: permissionNames(role.permissions),
          position: role.position,
          mentionable: Boolean(role.mentionable),
        };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/v1/communities/:communityId/roles/:roleId/permissions',
      operationId: 'setRolePermissions',
      summary: 'Replace a role’s permissions',
      tags: ['roles'],
      params: z.strictObject({ communityId: objectId, roleId: objectId }),
      body: z.strictObject({ permissions: permissionList }),
      response: z.object({ ok: z.literal(true) }),
      examples: rolesExamples.setRolePermissions,
      handler: async ({ user, params, body }) => {
        const standing = await mayManageRoles(deps, user, params.communityId);
        const role = standing.community.roles.get(params.roleId);
        if (!role) throw new HttpError('not_found', 'no such role');
        const permissions = fromNames(body.permissions);
        mayTouch(standing, role.position, permissions);
        await repo(updateRolePermissions(deps.connection, params.roleId, permissions));
        await communityChanged(deps, params.communityId);
        return { ok: true as const };
      },
    }),
    ...(['put', 'del'] as const).map((method) =>
      defineRoute({
        method,
        path: '/api/v1/communities/:communityId/members/:userId/roles/:roleId',
        operationId: method === 'put' ? 'giveRole' : 'takeRole',
        summary: method === 'put' ? 'Give a member a role' : 'Take a role from a member',
        tags: ['roles'],
        params: z.strictObject({ communityId: objectId, userId: userIdSchema, roleId: objectId }),
        response: z.object({ ok: z.literal(true), changed: z.boolean() }),
        examples: rolesExamples[method === 'put' ? 'giveRole' : 'takeRole'],
        handler: async ({ user, params }) => {
          const standing = await mayManageRoles(deps, user, params.communityId);
          const role = await getRole(deps.connection, params.roleId);
          if (!role || role.communityId.toHexString() !== params.communityId || role.key === 'everyone') {
            throw new HttpError('not_found', 'no such role');
          }
          mayTouch(standing, role.position);
          const change = method === 'put' ? assignRole : unassignRole;
          const changed = await repo(
            change(deps.connection, params.communityId, params.userId, params.roleId),
          );
          await communityChanged(deps, params.communityId);
          return { ok: true as const, changed };
        },
      }),
    ),
  ];
}
