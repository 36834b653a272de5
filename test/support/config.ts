// Configuration for tests: the test profile's local servers (config/ports.json), unless the
// environment points elsewhere (HUB_REDIS_URL and friends, as in CI against external servers).
// Redis is the standalone one unless the overrides (or the environment alone) name cluster nodes.
import { loadConfig, localPorts, type Config } from '../../config/index.js';
import { standaloneRedisUrl } from './redis-targets.js';

export function testConfig(overrides: Record<string, unknown> = {}): Config {
  const p = localPorts.test;
  const env = process.env;
  const redisOverrides = overrides['redis'] as Record<string, unknown> | undefined;
  const onCluster =
    redisOverrides?.['clusterNodes'] !== undefined ||
    (redisOverrides?.['url'] === undefined &&
      env['HUB_REDIS_CLUSTER_NODES'] !== undefined &&
      !env['HUB_REDIS_URL']);
  return loadConfig({
    env: {},
    overrides: deepMerge(
      {
        env: 'test',
        demo: { enabled: true }, // the built-in development secrets and demo tokens
        log: { level: env['HUB_LOG_LEVEL'] ?? 'silent' },
        server: { port: 0 },
        redis: onCluster
          ? { clusterNodes: redisOverrides?.['clusterNodes'] ?? env['HUB_REDIS_CLUSTER_NODES'] }
          : { url: standaloneRedisUrl() },
        mongodb: { url: env['HUB_MONGODB_URL'] ?? `mongodb://127.0.0.1:${p.mongodb}/hubbub_test` },
        livekit: { url: env['HUB_LIVEKIT_URL'] ?? `http://127.0.0.1:${p.livekit}` },
      },
      overrides,
    ),
  });
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object'
        ? deepMerge(prev as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}
