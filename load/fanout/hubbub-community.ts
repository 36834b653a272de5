// Hubbub's side of the benchmarks and load scenarios: a database of its own with one community,
// text channels and members, so hub nodes run the real community authorizer, persistence and
// chat hooks on real community channels, with AutoMod rules on as a real community has them
// (so the AutoMod gate runs on every publish). Dropped afterwards.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { DEFAULT_ROLES } from '../../community/permissions/default-roles.js';
import { realisticConfig } from '../../moderation/automod/corpus.js';
import { parseAutoModConfig } from '../../moderation/automod/rules.js';
import { canonicalJson, type JsonValue } from '../../storage/repositories/audit.js';
import { updateModerationSettings } from '../../storage/repositories/moderation-settings.js';
import { connectMongo } from '../../storage/mongo.js';
import { syncModelIndexes } from '../../storage/models/sync-indexes.js';
import { channelModel } from '../../storage/models/channel.model.js';
import { createCommunity } from '../../storage/repositories/communities.js';
import { memberModel } from '../../storage/models/member.model.js';
import { testConfig } from '../../test/support/config.js';
import { tokenFor } from '../../test/support/tokens.js';
import { chanTopic } from '../../protocol/index.js';

export interface BenchCommunity {
  mongoUrl: string;
  /** The channels' topics; the fan-out benchmark uses the first. */
  topics: string[];
  /** Tokens of `<prefix>-0` … `<prefix>-<count-1>`, signed as the marketplace signs them. */
  tokens(prefix: string, count: number): Promise<string[]>;
  /**
   * Empties the message stores (publications, chat messages), so a measurement starts on fresh
   * stores as on fresh servers. The hub recreates their indexes when it starts.
   */
  clearMessages(): Promise<void>;
  /** Of these publish nonces, those stored in the channel's durable history. */
  storedNonces(topic: string, nonces: string[]): Promise<Set<string>>;
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
  await updateModerationSettings(connection, communityId, { automod: benchAutoMod() });
  const member = roles.find((r) => r.key === 'member')?._id.toHexString();
  const topics: string[] = [];
  // Inserted in bulk, as the members below (one createChannel each is two round trips; a
  // thousand channels took minutes on a busy FerretDB): plain text channels of a fresh
  // community, validated by the model as createChannel's are.
  const channelDocs = Array.from({ length: channels }, (_, i) => ({
    communityId: community._id,
    kind: 'text' as const,
    name: `load-${i}`,
    createdBy: users[0] ?? 'bench',
  }));
  for (let i = 0; i < channelDocs.length; i += 500)
    for (const channel of await channelModel(connection).insertMany(channelDocs.slice(i, i + 500)))
      topics.push(chanTopic(communityId, channel._id.toHexString()));
  // Inserted in bulk rather than one addMember each (six round trips apiece; minutes for a
  // few thousand on FerretDB): a fresh community has no bans or former members to check.
  const roleIds = member ? [new Types.ObjectId(member)] : [];
  for (let i = 0; i < users.length; i += 500)
    await memberModel(connection).insertMany(
      users.slice(i, i + 500).map((userId) => ({
        communityId: community._id,
        userId,
        displayName: `Bench ${userId}`,
        roleIds,
        joinedAt: new Date(),
      })),
    );
  return {
    mongoUrl: url.toString(),
    topics,
    tokens: (prefix, count) =>
      // Valid for hours: a slow run's last measurement may start long after its tokens are made.
      Promise.all(
        Array.from({ length: count }, (_, i) => tokenFor(`${prefix}-${i}`, { expiresInS: 6 * 3600 })),
      ),
    clearMessages: async () => {
      // Every publication and message is one row there; keep the collection and its indexes.
      await connection.collection('publications').deleteMany({});
    },
    storedNonces: async (topic, nonces) => {
      const rows = await connection
        .collection('publications')
        .find({ channel: topic, nonce: { $in: nonces } }, { projection: { nonce: 1 } })
        .toArray();
      return new Set(rows.map((r) => String(r['nonce'])));
    },
    drop: async () => {
      if (!mongoUrl) await connection.dropDatabase();
      await connection.close();
    },
  };
}

/**
 * The community's AutoMod configuration: the rules of a busy community that apply to every
 * message whatever its sender's pace (profanity blocked, ~200 spam phrases hidden, mention
 * spam), with the category levels at their defaults. Flood and duplicate rules are left out:
 * the bench's few publishers post hundreds of messages a second, which a flood rule blocks.
 */
export function benchAutoMod(): string {
  const kept = new Set(['profanity', 'keyword', 'mentions']);
  const config = parseAutoModConfig({ rules: realisticConfig().rules.filter((r) => kept.has(r.kind)) });
  return canonicalJson(config as unknown as JsonValue);
}
