// Forgets every Redis key of a set of topics: the stream's position, recent history and nonces,
// and its presence. A topic's keys share one {hash tag}, so each topic is one DEL on one Cluster
// slot. For erasing a whole community; a topic published to again starts a new epoch.
import type { RedisClient } from './redis.js';
import { keySpace } from './redis-keys.js';

export async function forgetTopics(
  redis: RedisClient,
  keyPrefix: string,
  topics: readonly string[],
): Promise<number> {
  const keys = keySpace(keyPrefix);
  let deleted = 0;
  for (const topic of topics) {
    const stream = keys.stream(topic);
    const presence = keys.presence(topic);
    deleted += await redis.del(
      stream.meta,
      stream.history,
      stream.nonces,
      presence.conns,
      presence.info,
      presence.users,
    );
  }
  return deleted;
}
