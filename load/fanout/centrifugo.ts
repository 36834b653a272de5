// Centrifugo v6 as a benchmarked system: the pinned binary (built once into the project's cache
// on first use, as scripts/install.sh builds FerretDB; never by `npm test`), one node's
// configuration (the checked configuration of the load issue: Redis engine, history and
// recovery on, client subscribe and publish allowed) and its connection tokens.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CENTRIFUGO_MODULE = 'github.com/centrifugal/centrifugo/v6';
export const CENTRIFUGO_VERSION = 'v6.9.1';
/** Signs the bench's connection tokens (HS256); the nodes only listen on loopback. */
export const CENTRIFUGO_HMAC_SECRET = 'bench-centrifugo-hmac-secret';

const cacheBin = () => join(process.env['HUBBUB_CACHE'] ?? join(homedir(), '.cache', 'hubbub'), 'bin');

export const centrifugoBinary = (): string => join(cacheBin(), `centrifugo-${CENTRIFUGO_VERSION}`);

/**
 * The binary's path, built first if it is not in the cache (a few minutes, once per machine):
 * the exact module version downloaded and built as the main module, as the project builds its
 * other pinned Go servers (scripts/build-go-server.sh).
 */
export function ensureCentrifugo(log: (...parts: unknown[]) => void): string {
  const bin = centrifugoBinary();
  if (existsSync(bin)) return bin;
  log(`building Centrifugo ${CENTRIFUGO_VERSION} into ${bin} (once per machine, a few minutes)…`);
  const script = fileURLToPath(new URL('../../scripts/build-go-server.sh', import.meta.url));
  execFileSync('bash', [script, CENTRIFUGO_MODULE, CENTRIFUGO_VERSION, '.', bin], { stdio: 'inherit' });
  return bin;
}

/** One node's configuration: every node of a run shares the Redis engine (and so its channels). */
export function centrifugoConfig(port: number, redisUrl: string): Record<string, unknown> {
  return {
    log: { level: 'error' },
    http_server: { address: '127.0.0.1', port },
    health: { enabled: true },
    usage_stats: { disabled: true },
    http_api: { key: 'bench-api-key' },
    client: { token: { hmac_secret_key: CENTRIFUGO_HMAC_SECRET } },
    engine: { type: 'redis', redis: { address: [redisUrl] } },
    channel: {
      without_namespace: {
        history_size: 1000,
        history_ttl: '300s',
        force_recovery: true,
        allow_subscribe_for_client: true,
        allow_publish_for_client: true,
      },
    },
  };
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** A connection JWT for `user` (HS256, `sub` and `exp`), as an application backend issues it. */
export function centrifugoToken(user: string, nowS = Math.floor(Date.now() / 1000)): string {
  const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify({ sub: user, exp: nowS + 3 * 3600 }));
  const signature = createHmac('sha256', CENTRIFUGO_HMAC_SECRET).update(`${head}.${body}`).digest();
  return `${head}.${body}.${base64url(signature)}`;
}
