// The systems under test, started fresh on demand: raw uWebSockets.js (one node, and two over
// Redis), Socket.IO 4 with its Redis adapter (two nodes), Centrifugo v6 (two nodes, Redis engine,
// history and recovery on) and Hubbub (two hub nodes with the real community domain: JWT
// authentication, permissions, AutoMod, persistence, fan-out through Redis; and a hub worker
// scoring every stored message), on the single Redis and on a Redis Cluster.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/support/redis-server.js';
import { testConfig } from '../../test/support/config.js';
import type { Dialect } from './generator.js';
import { centrifugoBinary, centrifugoConfig } from './centrifugo.js';
import type { BenchCommunity } from './hubbub-community.js';
import { startProcess, type ServerProcess } from './processes.js';

export const SYSTEM_KEYS = [
  'uwsRaw1',
  'uwsRaw2',
  'socketio2',
  'centrifugo',
  'hubbub',
  'hubbubCluster',
] as const;
export type SystemKey = (typeof SYSTEM_KEYS)[number];

export interface SystemSpec {
  key: SystemKey;
  label: string;
  dialect: Dialect;
  nodes: number;
  /** On the benchmark's private Redis Cluster instead of its single Redis. */
  onCluster?: true;
}

export const SYSTEMS: Record<SystemKey, SystemSpec> = {
  uwsRaw1: { key: 'uwsRaw1', label: 'raw uWS.js, 1 node', dialect: 'uws', nodes: 1 },
  uwsRaw2: { key: 'uwsRaw2', label: 'raw uWS.js, 2 nodes + Redis', dialect: 'uws', nodes: 2 },
  socketio2: {
    key: 'socketio2',
    label: 'Socket.IO 4 + Redis adapter, 2 nodes',
    dialect: 'socketio',
    nodes: 2,
  },
  centrifugo: {
    key: 'centrifugo',
    label: 'Centrifugo v6, 2 nodes, Redis engine',
    dialect: 'centrifugo',
    nodes: 2,
  },
  hubbub: { key: 'hubbub', label: 'Hubbub, 2 nodes + worker', dialect: 'hubbub', nodes: 2 },
  hubbubCluster: {
    key: 'hubbubCluster',
    label: 'Hubbub, 2 nodes + worker, Redis Cluster',
    dialect: 'hubbub',
    nodes: 2,
    onCluster: true,
  },
};

/** Whether the system is one of Hubbub's (on the single Redis or on the cluster). */
export const isHubbub = (key: SystemKey): boolean => SYSTEMS[key].dialect === 'hubbub';

export interface BenchContext {
  /** The benchmark's own Redis (flushed between systems). */
  redisUrl: string;
  redisPid?: number;
  /** The benchmark's private Redis Cluster (3 masters, 3 replicas), for `hubbubCluster`. */
  cluster?: { seedNodes: string; pids: number[] };
  /**
   * The test profile's database servers (shared, not pinned): FerretDB, and PostgreSQL with the
   * processes of its connections, which come and go: asked again at each measurement.
   */
  databasePids?: () => number[];
  /** Key and channel prefix of this run: a-z, 0-9 and - (a valid HUB_REDIS_KEY_PREFIX). */
  prefix: string;
  /** taskset CPU list for the servers, or undefined. */
  serverCpus: string | undefined;
  hubbub: BenchCommunity;
  /** Hubbub's channel for this start (default: the community's first). */
  channel?: string;
  /** When set, hub nodes and the worker write a V8 CPU profile here when they stop. */
  profileDir?: string;
}

export interface RunningSystem {
  urls: string[];
  channel: string;
  /** The server processes (for Hubbub the hub nodes and its worker): their CPU is the system's. */
  pids: number[];
  /** The servers it relies on: the benchmark's Redis, and for Hubbub the (shared) database servers. */
  backendPids: () => number[];
  /** Of those, the Redis processes (the single redis-server, or every node of the cluster). */
  redisPids: number[];
  stop(): Promise<void>;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Starts the system's nodes (or `nodes` of them, for the idle-memory phase). */
export async function startSystem(
  spec: SystemSpec,
  ctx: BenchContext,
  nodes = spec.nodes,
): Promise<RunningSystem> {
  const ports = await Promise.all(Array.from({ length: nodes }, () => freePort()));
  const started = await Promise.allSettled(ports.map((port) => startNode(spec, ctx, port, nodes)));
  // Hubbub's worker scores every stored message while the nodes are measured (not for the
  // idle-memory phase, which starts one node only).
  if (spec.dialect === 'hubbub' && nodes === spec.nodes)
    started.push(
      ...(await Promise.allSettled([
        startProcess({
          argv: [
            process.execPath,
            ...(ctx.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${ctx.profileDir}`] : []),
            here('../../bin/hub.mjs'),
            'worker',
          ],
          // Info level for its one 'worker started' line (it logs nothing per job there).
          env: { PATH: process.env['PATH'], ...hubEnv(spec, ctx, 0), HUB_LOG_LEVEL: 'info' },
          cpus: ctx.serverCpus,
          readyText: 'worker started',
          timeoutMs: 60_000,
        }),
      ])),
    );
  const procs = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(procs.map((p) => p.stop()));
    throw failed.reason;
  }
  const redisPids = spec.onCluster
    ? (ctx.cluster?.pids ?? [])
    : ctx.redisPid !== undefined
      ? [ctx.redisPid]
      : [];
  const urls = ports.map((port) =>
    spec.dialect === 'hubbub' ? `ws://127.0.0.1:${port}/ws` : `ws://127.0.0.1:${port}`,
  );
  return {
    urls,
    channel:
      spec.dialect === 'hubbub' ? (ctx.channel ?? (ctx.hubbub.topics[0] as string)) : `${ctx.prefix}-room-0`,
    pids: procs.map((p) => p.pid),
    backendPids: () => [...redisPids, ...(spec.dialect === 'hubbub' ? (ctx.databasePids?.() ?? []) : [])],
    redisPids,
    stop: async () => {
      await Promise.all(procs.map((p) => p.stop()));
    },
  };
}

function startNode(spec: SystemSpec, ctx: BenchContext, port: number, nodes: number): Promise<ServerProcess> {
  const base = { PATH: process.env['PATH'], PORT: String(port), PREFIX: `${ctx.prefix}:` };
  switch (spec.dialect) {
    case 'uws':
      return startProcess({
        argv: [process.execPath, here('./servers/uws-raw.mjs')],
        env: { ...base, ...(nodes > 1 && { REDIS_URL: ctx.redisUrl }) },
        cpus: ctx.serverCpus,
        readyLine: 'ready',
      });
    case 'socketio':
      return startProcess({
        argv: [process.execPath, here('./servers/socketio.mjs')],
        env: { ...base, REDIS_URL: ctx.redisUrl },
        cpus: ctx.serverCpus,
        readyLine: 'ready',
      });
    case 'centrifugo': {
      const dir = mkdtempSync(join(tmpdir(), 'bench-centrifugo-'));
      const config = join(dir, 'config.json');
      writeFileSync(config, JSON.stringify(centrifugoConfig(port, ctx.redisUrl)));
      return startProcess({
        argv: [centrifugoBinary(), '--config', config],
        env: { PATH: process.env['PATH'] },
        cpus: ctx.serverCpus,
        healthUrl: `http://127.0.0.1:${port}/health`,
      });
    }
    case 'hubbub':
      return startProcess({
        argv: [
          process.execPath,
          ...(ctx.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${ctx.profileDir}`] : []),
          here('../../bin/hub.mjs'),
          'serve',
        ],
        env: { PATH: process.env['PATH'], ...hubEnv(spec, ctx, port) },
        cpus: ctx.serverCpus,
        healthUrl: `http://127.0.0.1:${port}/healthz`,
        timeoutMs: 60_000,
      });
  }
}

/**
 * A hub node as `hub serve` runs it, on the benchmark's Redis (or its cluster) and database. The
 * per-user publish and frame limits are lifted (a few publisher users post hundreds of messages
 * a second here); everything else is the default configuration.
 */
function hubEnv(spec: SystemSpec, ctx: BenchContext, port: number): Record<string, string> {
  if (spec.onCluster && !ctx.cluster) throw new Error(`bench: ${spec.key} needs the private cluster`);
  return {
    HUB_ENV: 'test',
    HUB_DEMO_ENABLED: 'true',
    HUB_LOG_LEVEL: 'error',
    HUB_SERVER_PORT: String(port),
    ...(spec.onCluster && ctx.cluster
      ? { HUB_REDIS_CLUSTER_NODES: ctx.cluster.seedNodes }
      : { HUB_REDIS_URL: ctx.redisUrl }),
    HUB_REDIS_KEY_PREFIX: ctx.prefix,
    HUB_MONGODB_URL: ctx.hubbub.mongoUrl,
    HUB_LIVEKIT_URL: testConfig().livekit.url,
    HUB_GATEWAY_PUBLISH_BURST: '1000000',
    HUB_GATEWAY_PUBLISH_RATE_PER_S: '1000000',
    HUB_GATEWAY_FRAME_BURST: '1000000',
    HUB_GATEWAY_FRAME_RATE_PER_S: '1000000',
  };
}
