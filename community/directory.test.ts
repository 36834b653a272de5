// The community directory on FerretDB: members looked up together are each answered right —
// active, left, banned, unknown — whether the community is read whole (its roster) or member by
// member in batches (more members than the roster's bound), and an invalidation drops what it
// cached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { banModel } from '../storage/models/ban.model.js';
import { assignRole, removeMember } from '../storage/repositories/members.js';
import { provisionTestCommunity, testDatabase, type TestCommunity } from '../test/support/community.js';
import { CommunityDirectory, type DirectoryOptions } from './directory.js';

const MODES: [string, DirectoryOptions][] = [
  ['read whole', {}],
  ['read in batches', { rosterMaxMembers: 2 }],
  ['roster off', { rosterMaxMembers: 0 }],
];

describe.each(MODES)('CommunityDirectory members, %s', (_mode, options) => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let c: TestCommunity;

  beforeAll(async () => {
    db = await testDatabase();
    c = await provisionTestCommunity(db.url);
    await removeMember(db.connection, c.id, 'ann');
    // A ban whose membership is not ended yet (banMember writes the ban first): not a member.
    await banModel(db.connection).create({
      communityId: c.id,
      userId: 'bob',
      bannedBy: 'mod',
      at: new Date(),
    });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('answers each member of a burst of first lookups', async () => {
    const directory = new CommunityDirectory(db.connection, options);
    const [mod, ann, bob, insider, nobody] = await Promise.all(
      ['mod', 'ann', 'bob', 'insider', 'nobody'].map((u) => directory.member(c.id, u)),
    );
    expect(mod).toEqual({
      userId: 'mod',
      displayName: 'Name mod',
      roleIds: [c.roleIds['member'], c.roleIds['moderator']],
      timeoutUntil: null,
    });
    expect(insider?.roleIds).toEqual([c.roleIds['member']]);
    expect([ann, bob, nobody]).toEqual([null, null, null]);
  });

  it('keeps a member until the community is invalidated', async () => {
    const directory = new CommunityDirectory(db.connection, options);
    expect((await directory.member(c.id, 'insider'))?.roleIds).toEqual([c.roleIds['member']]);
    await assignRole(db.connection, c.id, 'insider', c.roleIds['host'] as string);
    expect((await directory.member(c.id, 'insider'))?.roleIds).toEqual([c.roleIds['member']]);
    directory.invalidate(c.id);
    expect((await directory.member(c.id, 'insider'))?.roleIds).toEqual([
      c.roleIds['member'],
      c.roleIds['host'],
    ]);
  });
});
