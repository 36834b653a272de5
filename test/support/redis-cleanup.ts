// Deletes a test's keys by pattern, on a standalone Redis or on every master of a Redis Cluster
// (SCAN answers for one node only, and a DEL may not span slots, so keys go one by one there).
import { isCluster, type Redis, type RedisClient } from '../../storage/redis.js';

export async function deleteKeys(redis: RedisClient, pattern: string): Promise<void> {
  const nodes: Redis[] = isCluster(redis) ? redis.nodes('master') : [redis];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      await Promise.all(keys.map((key) => redis.del(key)));
      cursor = next;
    } while (cursor !== '0');
  }
}
