// A small community for tests of the features against a real hub: roles from the defaults, a few
// channels, members with marketplace roles. createTestCommunity builds it as a marketplace would,
// through the service API and its owner's channel routes (provisionTestCommunity: on a hub started
// for the set-up only, for tests that run none).
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { Permission } from '../../community/permissions/permissions.js';
import { connectMongo } from '../../storage/mongo.js';
import { syncModelIndexes } from '../../storage/models/sync-indexes.js';
import type { UpdateCommunityBody } from '../../realtime/client/api/hub-api.js';
import { hubApiAs, serviceApi } from './api.js';
import { bindTestAuditTrail } from './audit-trail.js';
import { freshDatabaseUrl } from './database.js';
import { startTestHub } from './hub.js';

/** A database of its own for one test file. */
export async function testDatabase(): Promise<{
  url: string;
  connection: Connection;
  /** The Redis prefix of the connection's audit checkpoints (bindTestAuditTrail). */
  auditKeyPrefix: string;
  drop: () => Promise<void>;
}> {
  const url = freshDatabaseUrl();
  const connection = await connectMongo(url);
  await syncModelIndexes(connection);
  const trail = bindTestAuditTrail(connection);
  return {
    url,
    connection,
    auditKeyPrefix: trail.keyPrefix,
    drop: async () => {
      trail.close();
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

export interface TestCommunity {
  id: string;
  /** The owner (TEST_OWNER), an admin member besides 'mod' (moderator), 'ann' and 'bob'
   * (members) and 'insider' (member with the secret channel). */
  ownerId: string;
  channels: { general: string; news: string; secret: string; slow: string };
  roleIds: Record<string, string>;
  topic: (channel: keyof TestCommunity['channels']) => string;
}

/** The owner of a community made by createTestCommunity: a member holding the admin role. */
export const TEST_OWNER = 'owner';

/** A member createTestCommunity adds besides its four. */
export interface TestMember {
  userId: string;
  /** Role keys of the default template, e.g. ['member', 'host']. */
  roles: string[];
  name?: string;
  /** Their profile picture (https), as the marketplace sets it with the upsert. */
  picture?: string;
}

/** What a test may ask of createTestCommunity besides the defaults. */
export interface TestCommunityOptions {
  /** Members besides the four. */
  members?: TestMember[];
  /** Community settings (retention, attachment limits), set by the service API's PATCH. */
  settings?: UpdateCommunityBody['settings'];
}

/**
 * The test community, created over HTTP on a running hub: the service API makes it from
 * the default template (its `general`, and `announcements` as `news`) and adds the members in
 * bulk (with `options.members` besides the four), sets `options.settings`; its owner creates `secret` and `slow` through
 * the channel routes.
 */
export async function createTestCommunity(
  hubUrl: string,
  options: TestCommunityOptions = {},
): Promise<TestCommunity> {
  const service = await serviceApi(hubUrl);
  const created = await service.createCommunity({
    body: { slug: `test-${randomUUID().slice(0, 8)}`, name: 'Test community', ownerId: TEST_OWNER },
  });
  const id = created.id;
  if (options.settings)
    await service.updateCommunity({ path: { communityId: id }, body: { settings: options.settings } });
  const roleIds = Object.fromEntries(created.roles.map((r) => [r.key ?? r.name, r.id]));
  const member = (userId: string, roles: string[]) => ({ userId, roles, name: `Name ${userId}` });
  await service.upsertMembersBulk({
    path: { communityId: id },
    body: {
      members: [
        member('mod', ['member', 'moderator']),
        member('ann', ['member']),
        member('bob', ['member']),
        member('insider', ['member']),
        ...(options.members ?? []).map((m) => ({
          ...member(m.userId, m.roles),
          ...(m.name ? { name: m.name } : {}),
        })),
      ],
    },
  });
  const owner = await hubApiAs(hubUrl, TEST_OWNER);
  const templateChannel = (name: string) => {
    const found = created.channels.find((c) => c.name === name);
    if (!found) throw new Error(`the default template has no ${name} channel`);
    return found.id;
  };
  const channels = {
    general: templateChannel('general'),
    news: templateChannel('announcements'),
    secret: (
      await owner.createChannel({
        path: { communityId: id },
        body: {
          kind: 'text',
          name: 'secret',
          private: true,
          overwrites: [
            {
              targetType: 'role',
              targetId: roleIds['everyone'] as string,
              allow: 0,
              deny: Permission.VIEW_CHANNEL,
            },
            { targetType: 'member', targetId: 'insider', allow: Permission.VIEW_CHANNEL, deny: 0 },
          ],
        },
      })
    ).id,
    slow: (
      await owner.createChannel({
        path: { communityId: id },
        body: { kind: 'text', name: 'slow', slowmodeS: 30 },
      })
    ).id,
  };
  return { id, ownerId: TEST_OWNER, channels, roleIds, topic: (c) => `chan:${id}:${channels[c]}` };
}

/** Adds (or updates) one member of a test community, as the marketplace does: the service API's upsert. */
export async function upsertTestMember(
  hubUrl: string,
  communityId: string,
  member: TestMember,
): Promise<void> {
  const service = await serviceApi(hubUrl);
  await service.upsertMember({
    path: { communityId, userId: member.userId },
    body: {
      roles: member.roles,
      name: member.name ?? `Name ${member.userId}`,
      ...(member.picture !== undefined && { picture: member.picture }),
    },
  });
}

/**
 * createTestCommunity for a test that runs no hub of its own (workers, jobs, the CLI): a hub on
 * the test's database (and Redis prefix, a fresh one unless given) serves the set-up and stops.
 */
export async function provisionTestCommunity(
  databaseUrl: string,
  options: TestCommunityOptions & { redisKeyPrefix?: string } = {},
): Promise<TestCommunity> {
  const hub = await startTestHub({
    mongodb: { url: databaseUrl },
    redis: { keyPrefix: options.redisKeyPrefix ?? `prov${randomUUID().slice(0, 6)}` },
  });
  try {
    return await createTestCommunity(hub.url, options);
  } finally {
    await hub.shutdown();
  }
}
