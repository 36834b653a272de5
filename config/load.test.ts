import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactConfig, REDACTED } from './index.js';

/** Local development: the built-in development secrets are accepted (demo mode). */
const DEMO = { HUB_DEMO_ENABLED: 'true' };

const problemsOf = (env: NodeJS.ProcessEnv): readonly string[] => {
  try {
    loadConfig({ env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
};

describe('loadConfig', () => {
  it('works with nothing but demo mode switched on, for local development', () => {
    const config = loadConfig({ env: DEMO });
    expect(config.env).toBe('development');
    expect(config.demo.enabled).toBe(true);
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 8090 });
    expect(config.redis.url).toBe('redis://127.0.0.1:6390');
    expect(config.livekit.required).toBe(true);
  });

  it('maps HUB_* variables onto the schema and coerces their types', () => {
    const config = loadConfig({
      env: {
        HUB_SERVER_PORT: '9000',
        HUB_REDIS_KEY_PREFIX: 'staging',
        HUB_LIVEKIT_REQUIRED: 'false',
        PATH: '/bin',
        ...DEMO,
      },
    });
    expect(config.server.port).toBe(9000);
    expect(config.redis.keyPrefix).toBe('staging');
    expect(config.livekit.required).toBe(false);
  });

  it('refuses bad configuration with one message naming every wrong key and why', () => {
    const problems = problemsOf({
      ...DEMO,
      HUB_SERVER_PORT: 'eighty',
      HUB_REDIS_URL: 'http://localhost:6379',
      HUB_LOG_LEVEL: 'loud',
      HUB_REDIS_ULR: 'redis://x',
    });
    expect(problems).toHaveLength(4);
    expect(problems).toContain('server.port (HUB_SERVER_PORT): must be a port number');
    expect(problems).toContain('redis.url (HUB_REDIS_URL): must be a redis(s) URL');
    expect(problems.find((p) => p.startsWith('log.level (HUB_LOG_LEVEL)'))).toMatch(/info/);
    expect(problems).toContain('HUB_REDIS_ULR: unknown key (did you mean HUB_REDIS_URL?)');
    expect(() => loadConfig({ env: { ...DEMO, HUB_SERVER_PORT: '70000' } })).toThrow(/HUB_SERVER_PORT/);
  });

  it('refuses a presence refresh too slow for its ttl', () => {
    expect(problemsOf({ ...DEMO, HUB_PRESENCE_TTL_MS: '1000', HUB_PRESENCE_REFRESH_MS: '800' })).toEqual([
      'presence.refreshMs (HUB_PRESENCE_REFRESH_MS): must be at most half of presence.ttlMs, or live connections would expire',
    ]);
  });

  it('reads a JSON file, overridden by the environment, and refuses unknown keys in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubbub-config-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ server: { port: 7000, host: '0.0.0.0' }, log: { level: 'warn' } }));
    const config = loadConfig({ env: { ...DEMO, HUB_CONFIG_FILE: good, HUB_LOG_LEVEL: 'debug' } });
    expect(config.server).toMatchObject({ port: 7000, host: '0.0.0.0' });
    expect(config.log.level).toBe('debug');

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ server: { prot: 1 }, extra: true }));
    expect(problemsOf({ ...DEMO, HUB_CONFIG_FILE: bad })).toEqual([
      'server.prot (HUB_SERVER_PROT): unknown key',
      'extra (HUB_EXTRA): unknown key',
    ]);
    expect(problemsOf({ HUB_CONFIG_FILE: join(dir, 'missing.json') })[0]).toMatch(
      /^HUB_CONFIG_FILE .*cannot be read/,
    );
  });

  it('refuses the built-in development secrets unless demo mode is on, naming the setting', () => {
    const demoOnly =
      'must be set: the built-in development value is accepted only with demo.enabled (HUB_DEMO_ENABLED=true), for local development and tests';
    expect(problemsOf({})).toEqual([
      `auth.jwtSecret (HUB_AUTH_JWT_SECRET): ${demoOnly}`,
      `livekit.apiSecret (HUB_LIVEKIT_API_SECRET): ${demoOnly}`,
      `audit.secret (HUB_AUDIT_SECRET): ${demoOnly}`,
    ]);
    expect(problemsOf({ HUB_ENV: 'test', HUB_CHATWOOT_BASE_URL: 'https://desk.example.com' })).toContain(
      `chatwoot.webhookSecret (HUB_CHATWOOT_WEBHOOK_SECRET): ${demoOnly}`,
    );
    const own = {
      HUB_AUTH_JWT_SECRET: 'y'.repeat(20),
      HUB_LIVEKIT_API_SECRET: 'x'.repeat(20),
      HUB_AUDIT_SECRET: 'z'.repeat(40),
    };
    expect(loadConfig({ env: own }).demo.enabled).toBe(false);
    expect(
      problemsOf({ ...DEMO, HUB_ENV: 'production', ...own, HUB_LIVEKIT_API_SECRET: 'x'.repeat(40) }),
    ).toEqual(['demo.enabled (HUB_DEMO_ENABLED): must be false in production']);
  });

  it("leaves a hub node's Redis commands un-pipelined unless HUB_REDIS_AUTO_PIPELINING turns it on", () => {
    expect(loadConfig({ env: DEMO }).redis.autoPipelining).toBe(false);
    expect(loadConfig({ env: { ...DEMO, HUB_REDIS_AUTO_PIPELINING: 'true' } }).redis.autoPipelining).toBe(
      true,
    );
  });

  it('takes Redis Cluster seed nodes instead of a URL, and refuses both at once', () => {
    const config = loadConfig({
      env: { ...DEMO, HUB_REDIS_CLUSTER_NODES: '127.0.0.1:6401, redis-b.internal:6402' },
    });
    expect(config.redis.clusterNodes).toEqual([
      { host: '127.0.0.1', port: 6401 },
      { host: 'redis-b.internal', port: 6402 },
    ]);
    expect(loadConfig({ env: DEMO }).redis.clusterNodes).toBeUndefined();

    expect(
      problemsOf({
        ...DEMO,
        HUB_REDIS_URL: 'redis://127.0.0.1:6379',
        HUB_REDIS_CLUSTER_NODES: '127.0.0.1:6401',
      }),
    ).toEqual([
      'redis (HUB_REDIS_URL, HUB_REDIS_CLUSTER_NODES): set either a standalone Redis URL or Redis Cluster seed nodes, not both',
    ]);
    expect(problemsOf({ ...DEMO, HUB_REDIS_CLUSTER_NODES: 'redis://127.0.0.1:6401' })).toEqual([
      'redis.clusterNodes.0 (HUB_REDIS_CLUSTER_NODES_0): must be host:port seed nodes, comma-separated',
    ]);
  });

  it('refuses the public development secrets in production', () => {
    const problems = problemsOf({ HUB_ENV: 'production' });
    expect(problems).toEqual([
      'auth.jwtSecret (HUB_AUTH_JWT_SECRET): must be set in production (or auth.jwksUrl), not the development default',
      'audit.secret (HUB_AUDIT_SECRET): must be set in production, not the development default',
      'livekit.apiSecret (HUB_LIVEKIT_API_SECRET): must be set to a secret of at least 32 characters in production',
    ]);
    const secrets = {
      HUB_LIVEKIT_API_SECRET: 'x'.repeat(40),
      HUB_AUTH_JWT_SECRET: 'y'.repeat(40),
      HUB_AUDIT_SECRET: 'z'.repeat(40),
    };
    expect(loadConfig({ env: { HUB_ENV: 'production', ...secrets } }).env).toBe('production');
    const jwks = {
      HUB_LIVEKIT_API_SECRET: 'x'.repeat(40),
      HUB_AUTH_JWKS_URL: 'https://market.example/jwks.json',
      HUB_AUDIT_SECRET: 'z'.repeat(40),
    };
    expect(loadConfig({ env: { HUB_ENV: 'production', ...jwks } }).auth.jwksUrl).toBe(
      'https://market.example/jwks.json',
    );
  });
});

describe('redactConfig', () => {
  it('hides secrets and the passwords inside URLs, and nothing else', () => {
    const config = loadConfig({
      env: {
        ...DEMO,
        HUB_LIVEKIT_API_SECRET: 'very-secret-value',
        HUB_AUDIT_SECRET: 'the-audit-secret-of-this-server-0123456789',
        HUB_MONGODB_URL: 'mongodb://app:hunter2@db.internal:27017/hubbub',
        HUB_REDIS_URL: 'redis://:redispw@cache.internal:6379',
      },
    });
    const printed = JSON.stringify(redactConfig(config));
    expect(printed).not.toMatch(/very-secret-value|hunter2|redispw|the-audit-secret/);
    expect(redactConfig(config)).toMatchObject({
      livekit: { apiSecret: REDACTED, apiKey: 'devkey' },
      audit: { secret: REDACTED },
      mongodb: { url: `mongodb://app:${encodeURIComponent(REDACTED)}@db.internal:27017/hubbub` },
      server: { port: 8090 },
    });
  });
});
