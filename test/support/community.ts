// A small community built through the repositories, for tests of the community domain against
// a real hub: roles from the defaults, a few channels, members with marketplace roles.
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { DEFAULT_ROLES } from '../../community/permissions/default-roles.js';
import { Permission } from '../../community/permissions/permissions.js';
import { connectMongo } from '../../storage/mongo.js';
import { syncModelIndexes } from '../../storage/models/sync-indexes.js';
import { createChannel, type NewChannel } from '../../storage/repositories/channels.js';
import { createCommunity } from '../../storage/repositories/communities.js';
import { addMember } from '../../storage/repositories/members.js';
import { bindTestAuditTrail } from './audit-trail.js';
import { freshDatabaseUrl } from './database.js';

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
  channels: { general: string; news: string; secret: string; slow: string };
  roleIds: Record<string, string>;
  topic: (channel: keyof TestCommunity['channels']) => string;
}

/** Members: 'mod' (moderator), 'ann' and 'bob' (members), 'insider' (member with the secret). */
export async function buildCommunity(connection: Connection): Promise<TestCommunity> {
  const { community, roles } = await createCommunity(
    connection,
    { slug: `test-${randomUUID().slice(0, 8)}`, name: 'Test community' },
    DEFAULT_ROLES,
  );
  const id = community._id.toHexString();
  const roleIds = Object.fromEntries(roles.map((r) => [r.key ?? r.name, r._id.toHexString()]));
  const everyone = roleIds['everyone'] as string;
  const channel = async (name: string, extra: Partial<NewChannel>) =>
    (
      await createChannel(connection, { kind: 'text', communityId: id, name, createdBy: 'mod', ...extra })
    )._id.toHexString();
  const channels = {
    general: await channel('general', {}),
    news: await channel('news', { kind: 'announcement' }),
    secret: await channel('secret', {
      private: true,
      overwrites: [
        { targetType: 'role', targetId: everyone, allow: 0, deny: Permission.VIEW_CHANNEL },
        { targetType: 'member', targetId: 'insider', allow: Permission.VIEW_CHANNEL, deny: 0 },
      ],
    }),
    slow: await channel('slow', { slowmodeS: 30 }),
  };
  const join = (userId: string, keys: string[]) =>
    addMember(connection, {
      communityId: id,
      userId,
      displayName: `Name ${userId}`,
      roleIds: keys.map((k) => roleIds[k] as string),
    });
  await join('mod', ['member', 'moderator']);
  await join('ann', ['member']);
  await join('bob', ['member']);
  await join('insider', ['member']);
  return { id, channels, roleIds, topic: (c) => `chan:${id}:${channels[c]}` };
}
