// Hubbub's side of the benchmarks and load scenarios: a database of its own with one community,
// text channels and members, so hub nodes run the real community authorizer, persistence and
// chat hooks on real community channels. Dropped afterwards.
import { randomUUID } from 'node:crypto';
import { DEFAULT_ROLES } from '../../community/permissions/default-roles.js';
import { connectMongo } from '../../storage/mongo.js';
import { syncModelIndexes } from '../../storage/models/sync-indexes.js';
import { createChannel } from '../../storage/repositories/channels.js';
import { createCommunity } from '../../storage/repositories/communities.js';
import { addMember } from '../../storage/repositories/members.js';
import { testConfig } from '../../test/support/config.js';
import { tokenFor } from '../../test/support/tokens.js';

export interface BenchCommunity {
  mongoUrl: string;
  /** The channels' topics; the fan-out benchmark uses the first. */
  topics: string[];
  /** Tokens of `<prefix>-0` … `<prefix>-<count-1>`, signed as the marketplace signs them. */
  tokens(prefix: string, count: number): Promise<string[]>;
  drop(): Promise<void>;
}

/**
 * A fresh community with `channels` text channels whose members (role member) are `users`: in
 * a fresh database on the test profile's server, dropped by drop(); or, given `mongoUrl` (the
 * database of a hub already running), there, left in place.
 */
export async function benchCommunity(
  users: string[],
  channels = 1,
  mongoUrl?: string,
): Promise<BenchCommunity> {
  const url = new URL(mongoUrl ?? testConfig().mongodb.url);
  if (!mongoUrl) url.pathname = `/bench_${randomUUID().slice(0, 8)}`;
  const connection = await connectMongo(url.toString());
  await syncModelIndexes(connection);
  const { community, roles } = await createCommunity(
    connection,
    { slug: `bench-${randomUUID().slice(0, 8)}`, name: 'Benchmark community' },
    DEFAULT_ROLES,
  );
  const communityId = community._id.toHexString();
  const member = roles.find((r) => r.key === 'member')?._id.toHexString();
  const topics: string[] = [];
  for (let i = 0; i < channels; i++) {
    const channel = await createChannel(connection, {
      kind: 'text',
      communityId,
      name: `load-${i}`,
      createdBy: users[0] ?? 'bench',
    });
    topics.push(`chan:${communityId}:${channel._id.toHexString()}`);
  }
  // In batches: FerretDB serializes writes per document, and the machine is small.
  for (let i = 0; i < users.length; i += 50)
    await Promise.all(
      users.slice(i, i + 50).map((userId) =>
        addMember(connection, {
          communityId,
          userId,
          displayName: `Bench ${userId}`,
          roleIds: member ? [member] : [],
        }),
      ),
    );
  return {
    mongoUrl: url.toString(),
    topics,
    tokens: (prefix, count) =>
      Promise.all(Array.from({ length: count }, (_, i) => tokenFor(`${prefix}-${i}`))),
    drop: async () => {
      if (!mongoUrl) await connection.dropDatabase();
      await connection.close();
    },
  };
}
