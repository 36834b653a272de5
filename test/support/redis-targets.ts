// The two kinds of Redis the multi-node suites run against: the test profile's standalone Redis
// and the cluster profile's Redis Cluster (3 masters, 3 replicas; `npm run services -- up
// --profile cluster`, which `npm test` runs). HUB_REDIS_URL / HUB_REDIS_CLUSTER_NODES point them
// at external servers instead.
import { localPorts } from '../../config/index.js';

export interface RedisTargetCase {
  name: 'redis' | 'cluster';
  /** Environment of a hub process (test/support/hub-processes.ts). */
  env: Record<string, string>;
  /** Configuration overrides of an in-process hub (test/support/hub.ts). */
  config: { redis: { url: string } | { clusterNodes: string } };
}

export function standaloneRedisUrl(): string {
  return process.env['HUB_REDIS_URL'] ?? `redis://127.0.0.1:${localPorts.test.redis}`;
}

export function clusterSeedNodes(): string {
  return (
    process.env['HUB_REDIS_CLUSTER_NODES'] ??
    localPorts.cluster.redisNodes.map((port) => `127.0.0.1:${port}`).join(',')
  );
}

export function redisTargets(): RedisTargetCase[] {
  const url = standaloneRedisUrl();
  const clusterNodes = clusterSeedNodes();
  return [
    { name: 'redis', env: { HUB_REDIS_URL: url }, config: { redis: { url } } },
    { name: 'cluster', env: { HUB_REDIS_CLUSTER_NODES: clusterNodes }, config: { redis: { clusterNodes } } },
  ];
}
