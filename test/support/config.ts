// Configuration for tests: the test profile's local servers (config/ports.json), unless the
// environment points elsewhere (HUB_REDIS_URL and friends, as in CI against external servers).
import { loadConfig, localPorts, type Config } from '../../config/index.js';

export function testConfig(overrides: Record<string, unknown> = {}): Config {
  const p = localPorts.test;
  const env = process.env;
  return loadConfig({
    env: {},
    overrides: deepMerge(
      {
        env: 'test',
        demo: { enabled: true }, // the built-in development secrets and demo tokens
        log: { level: env['HUB_LOG_LEVEL'] ?? 'silent' },
        server: { port: 0 },
        redis: { url: env['HUB_REDIS_URL'] ?? `redis://127.0.0.1:${p.redis}` },
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
