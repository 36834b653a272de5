import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { MongoConnection } from '../mongo.js';
import { memberModel } from '../models/member.model.js';
import { roleModel, type RoleKey } from '../models/role.model.js';
import { createCommunity, ensureDefaultRoles, type RoleSeed } from './communities.js';
import {
  addMember,
  assignRole,
  banMember,
  getBan,
  getMember,
  listBans,
  listMemberRoles,
  removeMember,
  setMemberTimeout,
  unassignRole,
  unbanMember,
} from './members.js';
import { createRole, getRoleByKey, listRoles, updateRolePermissions } from './roles.js';
import { useTestDatabase } from '../../test/support/database.js';

const ROLES: RoleSeed[] = [
  { key: 'everyone', name: '@everyone', permissions: 1, position: 0 },
  { key: 'member', name: 'Member', permissions: 0b11, position: 1 },
  { key: 'moderator', name: 'Moderator', permissions: 0b1111, position: 4 },
  { key: 'admin', name: 'Admin', permissions: 1 << 14, position: 5 },
];

let connection: MongoConnection;

useTestDatabase((c) => (connection = c));

let n = 0;
/** A keyed role of a community, which must exist. */
const keyed = async (communityId: Types.ObjectId, key: RoleKey) => {
  const role = await getRoleByKey(connection, communityId, key);
  if (!role) throw new Error(`no ${key} role`);
  return role;
};

const community = async () =>
  (await createCommunity(connection, { slug: `c-${++n}-${randomUUID().slice(0, 6)}`, name: `C ${n}` }, ROLES))
    .community;

describe('communities and roles', () => {
  it('creates a community with its default roles, in the set order', async () => {
    const { community: c, roles } = await createCommunity(
      connection,
      { slug: 'plumbers', name: 'Plumbing Pros' },
      ROLES,
    );
    expect(c.slug).toBe('plumbers');
    expect(roles.map((r) => [r.key, r.name, r.permissions, r.position])).toEqual(
      ROLES.map((r) => [r.key, r.name, r.permissions, r.position]),
    );
    expect((await listRoles(connection, c._id)).map((r) => r.key)).toEqual([
      'admin',
      'moderator',
      'member',
      'everyone',
    ]);
    expect((await getRoleByKey(connection, c._id, 'moderator'))?.name).toBe('Moderator');
  });

  it('refuses a taken slug and a bad role set before writing anything', async () => {
    await expect(
      createCommunity(connection, { slug: 'plumbers', name: 'Again' }, ROLES),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    const noEveryone = ROLES.filter((r) => r.key !== 'everyone');
    await expect(
      createCommunity(connection, { slug: 'x-no-everyone', name: 'X' }, noEveryone),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    const badBits = [
      ...ROLES.slice(0, 1),
      { key: 'member' as const, name: 'M', permissions: 2 ** 31, position: 1 },
    ];
    await expect(
      createCommunity(connection, { slug: 'x-bad-bits', name: 'X' }, badBits),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await connection.collection('communities').countDocuments({ slug: /^x-/ })).toBe(0);
  });

  it('keeps one role per key, even when ensureDefaultRoles races itself', async () => {
    const c = await community();
    await roleModel(connection).deleteMany({ communityId: c._id, key: { $in: ['member', 'admin'] } });
    const results = await Promise.all([1, 2, 3, 4].map(() => ensureDefaultRoles(connection, c._id, ROLES)));
    for (const roles of results) expect(roles.map((r) => r.key)).toEqual(ROLES.map((r) => r.key));
    expect(await roleModel(connection).countDocuments({ communityId: c._id })).toBe(ROLES.length);
    // The database itself refuses a second role with a key; custom roles (key null) are many.
    await expect(
      roleModel(connection).create({ communityId: c._id, name: 'Dup', position: 1, key: 'member' }),
    ).rejects.toMatchObject({ code: 11000 });
    await createRole(connection, c._id, { name: 'Helper', permissions: 3, position: 2 });
    await createRole(connection, c._id, { name: 'Helper 2', permissions: 3, position: 2, color: '#aabbcc' });
    expect(await roleModel(connection).countDocuments({ communityId: c._id, key: null })).toBe(2);
  });

  it('updates permissions, validating the bitfield', async () => {
    const c = await community();
    const role = await createRole(connection, c._id, { name: 'Helper', permissions: 1, position: 2 });
    expect((await updateRolePermissions(connection, role._id, 0b101)).permissions).toBe(0b101);
    await expect(updateRolePermissions(connection, role._id, -1)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(updateRolePermissions(connection, role._id, 1.5)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(updateRolePermissions(connection, new Types.ObjectId(), 1)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      createRole(connection, c._id, { name: 'Bad', permissions: 1, position: 1, color: 'red' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('has the declared indexes', async () => {
    const indexes = await roleModel(connection).listIndexes();
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { communityId: 1, keySlot: 1 }, unique: true }),
    );
    expect(indexes).toContainEqual(expect.objectContaining({ key: { communityId: 1, position: 1 } }));
    // syncIndexes is stable: a second run drops and re-creates nothing.
    expect(await roleModel(connection).diffIndexes()).toEqual({ toDrop: [], toCreate: [] });
  });
});

describe('members', () => {
  it('adds, is idempotent for an active member, removes and revives a member', async () => {
    const c = await community();
    const member = await keyed(c._id, 'member');
    const added = await addMember(connection, {
      communityId: c._id,
      userId: 'u-1',
      displayName: ' Ada ',
      roleIds: [member._id],
    });
    expect(added).toMatchObject({ userId: 'u-1', displayName: 'Ada', leftAt: null, timeoutUntil: null });
    const again = await addMember(connection, { communityId: c._id, userId: 'u-1', displayName: 'Other' });
    expect(again.displayName).toBe('Ada');
    expect(again.joinedAt).toEqual(added.joinedAt);

    expect(await removeMember(connection, c._id, 'u-1')).toBe(true);
    expect(await removeMember(connection, c._id, 'u-1')).toBe(false);
    expect(await getMember(connection, c._id, 'u-1')).toBeNull();
    const left = await memberModel(connection).findOne({ communityId: c._id, userId: 'u-1' }).lean();
    expect(left?.leftAt).toBeInstanceOf(Date);
    expect(left?.roleIds).toEqual([]);

    const revived = await addMember(connection, { communityId: c._id, userId: 'u-1', displayName: 'Ada L' });
    expect(revived).toMatchObject({ displayName: 'Ada L', leftAt: null });
    expect(revived._id.equals(added._id)).toBe(true);
    expect(await memberModel(connection).countDocuments({ communityId: c._id })).toBe(1);
  });

  it('rejects bad input and roles of another community or @everyone', async () => {
    const c = await community();
    const other = await community();
    const foreign = await keyed(other._id, 'member');
    const everyone = await keyed(c._id, 'everyone');
    for (const roleIds of [[foreign._id], [everyone._id], ['nope']]) {
      await expect(
        addMember(connection, { communityId: c._id, userId: 'u-2', displayName: 'B', roleIds }),
      ).rejects.toMatchObject({ code: 'validation_failed' });
    }
    await expect(
      addMember(connection, { communityId: c._id, userId: 'bad id!', displayName: 'B' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      addMember(connection, {
        communityId: c._id,
        userId: { $ne: null } as unknown as string,
        displayName: 'B',
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      addMember(connection, { communityId: new Types.ObjectId(), userId: 'u-2', displayName: 'B' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await memberModel(connection).countDocuments({ communityId: c._id })).toBe(0);
  });

  it('assigns and lists roles, @everyone included, highest first', async () => {
    const c = await community();
    const mod = await keyed(c._id, 'moderator');
    const member = await keyed(c._id, 'member');
    await addMember(connection, {
      communityId: c._id,
      userId: 'u-3',
      displayName: 'C',
      roleIds: [member._id],
    });
    expect(await assignRole(connection, c._id, 'u-3', mod._id)).toBe(true);
    expect(await assignRole(connection, c._id, 'u-3', mod._id)).toBe(true);
    expect((await listMemberRoles(connection, c._id, 'u-3')).map((r) => r.key)).toEqual([
      'moderator',
      'member',
      'everyone',
    ]);
    expect((await getMember(connection, c._id, 'u-3'))?.roleIds).toHaveLength(2);
    expect(await unassignRole(connection, c._id, 'u-3', mod._id)).toBe(true);
    expect((await listMemberRoles(connection, c._id, 'u-3')).map((r) => r.key)).toEqual([
      'member',
      'everyone',
    ]);
    expect((await listMemberRoles(connection, c._id, 'stranger')).map((r) => r.key)).toEqual(['everyone']);
    expect(await assignRole(connection, c._id, 'stranger', mod._id)).toBe(false);
  });

  it('assigns several roles at once without losing one', async () => {
    const c = await community();
    await addMember(connection, { communityId: c._id, userId: 'u-7', displayName: 'G' });
    const roles = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createRole(connection, c._id, { name: `R${i}`, permissions: 0, position: 1 }),
      ),
    );
    await Promise.all(roles.map((r) => assignRole(connection, c._id, 'u-7', r._id)));
    expect((await getMember(connection, c._id, 'u-7'))?.roleIds.map(String).sort()).toEqual(
      roles.map((r) => String(r._id)).sort(),
    );
  });

  it('sets and lifts a timeout', async () => {
    const c = await community();
    await addMember(connection, { communityId: c._id, userId: 'u-4', displayName: 'D' });
    const until = new Date(Date.now() + 60_000);
    expect(await setMemberTimeout(connection, c._id, 'u-4', until)).toBe(true);
    expect((await getMember(connection, c._id, 'u-4'))?.timeoutUntil).toEqual(until);
    expect(await setMemberTimeout(connection, c._id, 'u-4', null)).toBe(true);
    expect((await getMember(connection, c._id, 'u-4'))?.timeoutUntil).toBeNull();
    expect(await setMemberTimeout(connection, c._id, 'nobody', until)).toBe(false);
  });

  it('bans (ending the membership, keeping the first ban), refuses joins, unbans', async () => {
    const c = await community();
    await addMember(connection, { communityId: c._id, userId: 'u-5', displayName: 'E' });
    const first = await banMember(connection, {
      communityId: c._id,
      userId: 'u-5',
      reason: 'spam',
      bannedBy: 'mod-1',
    });
    expect(first.created).toBe(true);
    expect(await getMember(connection, c._id, 'u-5')).toBeNull();
    const second = await banMember(connection, {
      communityId: c._id,
      userId: 'u-5',
      reason: 'again',
      bannedBy: 'mod-2',
    });
    expect(second).toMatchObject({ created: false, ban: { reason: 'spam', bannedBy: 'mod-1' } });
    expect((await listBans(connection, c._id)).map((b) => b.userId)).toEqual(['u-5']);
    await expect(
      addMember(connection, { communityId: c._id, userId: 'u-5', displayName: 'E' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await unbanMember(connection, c._id, 'u-5')).toBe(true);
    expect(await unbanMember(connection, c._id, 'u-5')).toBe(false);
    expect(await getBan(connection, c._id, 'u-5')).toBeNull();
    expect(
      (await addMember(connection, { communityId: c._id, userId: 'u-5', displayName: 'E' })).leftAt,
    ).toBeNull();
  });

  it('never leaves a banned user a member when ban and join race', async () => {
    const c = await community();
    for (let i = 0; i < 5; i++) {
      const user = `racer-${i}`;
      const [joined] = await Promise.allSettled([
        addMember(connection, { communityId: c._id, userId: user, displayName: 'R' }),
        banMember(connection, { communityId: c._id, userId: user, bannedBy: 'mod-1' }),
      ]);
      expect(['fulfilled', 'rejected']).toContain(joined.status);
      expect(await getMember(connection, c._id, user)).toBeNull();
    }
  });

  it('enforces one membership per user and community in the database', async () => {
    const c = await community();
    await addMember(connection, { communityId: c._id, userId: 'u-6', displayName: 'F' });
    await expect(
      memberModel(connection).create({ communityId: c._id, userId: 'u-6', displayName: 'Twin' }),
    ).rejects.toMatchObject({ code: 11000 });
    const indexes = await memberModel(connection).listIndexes();
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { communityId: 1, userId: 1 }, unique: true }),
    );
  });
});
