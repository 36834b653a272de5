// Starts hub nodes as child processes (test/support/hub-process.ts) against the test servers;
// `env` may name another Redis (a RedisTargetCase's env from test/support/redis-targets.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testConfig } from './config.js';
import { freePort } from './redis-server.js';

export interface HubProcess {
  url: string;
  wsUrl: string;
  nodeId: string;
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The default Redis of a hub process, unless `env` names one itself. */
function redisEnv(
  config: ReturnType<typeof testConfig>,
  env: Record<string, string>,
): Record<string, string> {
  if (env['HUB_REDIS_URL'] || env['HUB_REDIS_CLUSTER_NODES']) return {};
  return config.redis.clusterNodes
    ? { HUB_REDIS_CLUSTER_NODES: config.redis.clusterNodes.map((n) => `${n.host}:${n.port}`).join(',') }
    : { HUB_REDIS_URL: config.redis.url };
}

export async function spawnHub(env: Record<string, string> = {}): Promise<HubProcess> {
  const config = testConfig();
  const port = await freePort();
  const child = fork(fileURLToPath(new URL('./hub-process.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      PATH: process.env['PATH'],
      HUB_ENV: 'test',
      HUB_DEMO_ENABLED: 'true',
      HUB_LOG_LEVEL: 'warn',
      HUB_SERVER_PORT: String(port),
      ...redisEnv(config, env),
      HUB_MONGODB_URL: config.mongodb.url,
      HUB_LIVEKIT_URL: config.livekit.url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await new Promise<{ url: string; nodeId: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; nodeId: string }));
    void exited.then((code) =>
      reject(new Error(`hub process exited with ${code} before it was ready:\n${output}`)),
    );
  });
  return {
    url: ready.url,
    wsUrl: `${ready.url.replace(/^http/, 'ws')}/ws`,
    nodeId: ready.nodeId,
    child,
    output: () => output,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
