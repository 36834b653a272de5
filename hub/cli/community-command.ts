// `hub community create|list|archive|unarchive|delete`: provisioning for operators, through the
// same code as the service API (community/provisioning.ts), so running nodes drop what they
// cached and a deleted community's members lose their subscriptions at once.
import type { Config } from '../../config/index.js';
import {
  eraseCommunity,
  provisionCommunity,
  setArchived,
  type ProvisioningDeps,
} from '../../community/provisioning.js';
import { ControlBus } from '../../realtime/control.js';
import { MongoMessageStore } from '../../storage/messages/message-store.mongo.js';
import { connectMongo } from '../../storage/mongo.js';
import { bindAuditTrail, createAuditTrail } from '../../storage/repositories/audit-keys.js';
import { createRedis } from '../../storage/redis.js';
import { getCommunity, getCommunityBySlug, listCommunities } from '../../storage/repositories/communities.js';
import { RepositoryError } from '../../storage/repositories/errors.js';
import type { CommunityDoc } from '../../storage/repositories/types.js';
import { featureErasers } from '../community-erasers.js';

export const COMMUNITY_HELP = `Usage: hub community create <slug> <name> <ownerId>  a community from the default template
       hub community list                          every community, as JSON lines
       hub community archive <id|slug>             read-only for members (unarchive lifts it)
       hub community delete <id|slug> --yes        erase it and everything of it`;

/** Who the audit log names for what the command line does. */
const CLI_ACTOR = 'hub-cli';

export async function runCommunityCommand(config: Config, args: readonly string[]): Promise<number> {
  const [action, ...rest] = args;
  const wants: Record<string, number> = { create: 3, list: 0, archive: 1, unarchive: 1, delete: 1 };
  const needed = action === undefined ? undefined : wants[action];
  if (needed === undefined || rest.filter((a) => a !== '--yes').length !== needed) {
    console.error(COMMUNITY_HELP);
    return 2;
  }
  if (action === 'delete' && !rest.includes('--yes')) {
    console.error('hub: deleting a community cannot be undone; add --yes to go ahead.');
    return 2;
  }
  const connection = await connectMongo(config.mongodb.url);
  const redis = createRedis(config.redis, { name: 'hub-cli' });
  // Deleting appends to the system audit log: keyed, and anchored in Redis.
  bindAuditTrail(connection, createAuditTrail(config.audit.secret, redis, config.redis.keyPrefix));
  const control = new ControlBus(
    redis,
    createRedis(config.redis, { name: 'hub-cli-control', maxRetriesPerRequest: null }),
    config.redis.keyPrefix,
  );
  const deps: ProvisioningDeps = {
    connection,
    store: new MongoMessageStore(connection),
    redis,
    keyPrefix: config.redis.keyPrefix,
    control,
    erasers: featureErasers(connection),
  };
  const find = async (ref: string): Promise<CommunityDoc | null> =>
    /^[0-9a-f]{24}$/.test(ref) ? getCommunity(connection, ref) : getCommunityBySlug(connection, ref);
  try {
    const [first = '', second = '', third = ''] = rest;
    if (action === 'create') {
      const { community } = await provisionCommunity(deps, { slug: first, name: second, ownerId: third });
      console.log(JSON.stringify(summary(community)));
      return 0;
    }
    if (action === 'list') {
      let after = '';
      for (;;) {
        const page = await listCommunities(connection, { afterSlug: after, limit: 500 });
        for (const c of page) console.log(JSON.stringify(summary(c)));
        const last = page.at(-1);
        if (!last || page.length < 500) return 0;
        after = last.slug;
      }
    }
    const community = await find(first);
    if (!community) {
      console.error(`hub: no community ${first}`);
      return 1;
    }
    const id = community._id.toHexString();
    if (action === 'delete') {
      console.log(
        JSON.stringify({ id, slug: community.slug, ...(await eraseCommunity(deps, id, CLI_ACTOR)) }),
      );
      return 0;
    }
    console.log(JSON.stringify(summary(await setArchived(deps, id, action === 'archive'))));
    return 0;
  } catch (err) {
    if (!(err instanceof RepositoryError)) throw err;
    console.error(`hub: ${err.code}: ${err.message}`);
    return 1;
  } finally {
    await control.close();
    await redis.quit();
    await connection.close();
  }
}

function summary(c: CommunityDoc) {
  return {
    id: c._id.toHexString(),
    slug: c.slug,
    name: c.name,
    ownerId: c.ownerId ?? null,
    archived: Boolean(c.archivedAt),
  };
}
