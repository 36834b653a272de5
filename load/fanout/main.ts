// npm run bench:fanout — Hubbub beside raw uWebSockets.js, Socket.IO and Centrifugo, one
// generator for all. The hot channel: saturation search, repeated holds at the saturation rate
// on fresh servers (delivered/s, loss, latency, server CPU per million deliveries), the common
// fixed load (p99), memory per idle connection, and Hubbub's overload and recovery; Hubbub also
// on a private Redis Cluster, with its failover pause. Then the many-channel workload (Hubbub and
// Centrifugo). Servers and generator are pinned to separate cores. Progress goes to stderr; the
// last line on stdout is the summary JSON; a full run of every system also rewrites the results
// section of docs/benchmarks.md.
// See load/README.md and docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { keySpace } from '../../storage/redis-keys.js';
import { PrivateRedis, freePort } from '../../test/support/redis-server.js';
import { centrifugoToken, ensureCentrifugo } from './centrifugo.js';
import { updateBenchmarksDoc } from './docs-tables.js';
import { failover, type Failover } from './failover.js';
import { benchCommunity } from './hubbub-community.js';
import { manyChannels, type ManyChannelsResult } from './many-channels.js';
import { parseOptions } from './options.js';
import {
  closeLoad,
  connectLoad,
  idleMemory,
  overload,
  saturate,
  steady,
  type IdleMemory,
  type Overload,
  type Saturation,
  type Steady,
} from './phases.js';
import { PrivateRedisCluster } from './private-cluster.js';
import { killAll, withDescendants } from './processes.js';
import { writeResults, type SystemResult } from './report.js';
import { summarize } from './summary.js';
import { cpuCount } from './stats.js';
import { isHubbub, SYSTEM_KEYS, SYSTEMS, startSystem, type BenchContext, type SystemKey } from './systems.js';

const o = parseOptions(process.argv.slice(2));
const log = (...parts: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);
const started = new Date();
if (o.systems.includes('centrifugo')) ensureCentrifugo(log);
if (o.generatorCpus)
  execFileSync('taskset', ['-a', '-pc', o.generatorCpus, String(process.pid)], { stdio: 'ignore' });
const redis = new PrivateRedis(await freePort());
let cluster: PrivateRedisCluster | undefined;
process.on('exit', () => {
  killAll();
  cluster?.stop();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    killAll();
    cluster?.stop();
    void redis.stop().finally(() => process.exit(130));
  });
await redis.start();
if (o.systems.includes('hubbubCluster')) {
  cluster = await PrivateRedisCluster.start(o.serverCpus);
  log(`redis cluster on ${cluster.seedNodes} (3 masters, 3 replicas)`);
}
const redisPid = Number(
  execFileSync('pgrep', ['-f', `redis-server 127.0.0.1:${redis.port}`])
    .toString()
    .trim(),
);
if (o.serverCpus) execFileSync('taskset', ['-pc', o.serverCpus, String(redisPid)], { stdio: 'ignore' });
const flush = new Redis(redis.url);
log(`redis ${redis.url} (pid ${redisPid}); setting up the Hubbub community (${o.subscribers} members)…`);
const members = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const manySystems = o.manyChannels ? o.systems.filter((k) => k === 'hubbub' || k === 'centrifugo') : [];
const hubbubSystems = o.systems.filter(isHubbub).length;
const hotChannels = (o.repeats + 2) * Math.max(1, hubbubSystems);
// One channel per Hubbub measurement, and the message stores emptied before each: every
// measurement starts without history, as the baselines' fresh servers do. (Otherwise, with Redis
// flushed, every subscriber restores the channel's position from MongoDB at once, and on
// FerretDB each of those reads scans the stored publications: see docs/benchmarks.md.)
const community = await benchCommunity(
  hubbubSystems > 0
    ? [
        ...members('pub', Math.max(o.publishers, o.channelPublishers)),
        ...members('sub', Math.max(o.subscribers, o.channels * o.channelSubscribers)),
      ]
    : ['pub-0'],
  hotChannels + (manySystems.includes('hubbub') ? o.channels : 0),
);
/** Connection tokens as each system takes them (the baselines take none). */
const tokensOf = (key: SystemKey) =>
  key === 'centrifugo'
    ? (prefix: string, count: number) =>
        Promise.resolve(Array.from({ length: count }, (_, i) => centrifugoToken(`${prefix}-${i}`)))
    : community.tokens;
let channelsUsed = 0;
// The test profile's FerretDB and PostgreSQL (with its per-connection processes), when running.
const pidIn = (file: string) => (existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : NaN);
const databasePids = [pidIn('.data/test/run/ferretdb.pid'), pidIn('.data/test/run/postgres.pid')].filter(
  (pid) => Number.isInteger(pid) && existsSync(`/proc/${pid}`),
);
const ctx: BenchContext = {
  redisUrl: redis.url,
  redisPid,
  ...(cluster && { cluster }),
  databasePids: () => databasePids.flatMap(withDescendants),
  prefix: `bench-${randomUUID().slice(0, 6)}`,
  serverCpus: o.serverCpus,
  hubbub: community,
};
const profileDir = join(tmpdir(), `hubbub-cpuprofiles-${ctx.prefix}`);
const loadOptions = {
  subscribers: o.subscribers,
  publishers: o.publishers,
  threads: o.threads,
  messageBytes: o.messageBytes,
};

/** Fresh servers (and an empty Redis) with the load connected, for one measurement. */
async function withLoad<T>(
  key: SystemKey,
  run: (load: Awaited<ReturnType<typeof connectLoad>>, startedAtMs: number) => Promise<T>,
  extra: Partial<BenchContext> = {},
  options: typeof loadOptions & { channels?: string[] } = loadOptions,
): Promise<T> {
  await flush.flushall();
  if (SYSTEMS[key].onCluster) await cluster?.flush();
  if (isHubbub(key)) await community.clearMessages();
  const startedAtMs = Date.now();
  const channel = community.topics[channelsUsed++ % hotChannels];
  const system = await startSystem(SYSTEMS[key], { ...ctx, ...extra, ...(isHubbub(key) && { channel }) });
  try {
    const load = await connectLoad(SYSTEMS[key], system, options, tokensOf(key));
    try {
      return await run(load, startedAtMs);
    } finally {
      await closeLoad(load);
    }
  } finally {
    await system.stop();
  }
}

/** The median delivered/s of the holds so far: the saturation figure overload is held to. */
const median = (runs: Steady[]) =>
  [...runs].sort((a, b) => a.deliveredPerSec - b.deliveredPerSec)[Math.floor(runs.length / 2)]
    ?.deliveredPerSec ?? NaN;

const results: Partial<Record<SystemKey, SystemResult>> = {};
try {
  const saturation: Partial<Record<SystemKey, Saturation>> = {};
  if (o.mode === 'fixed') {
    for (const key of o.systems) {
      const runs: Steady[] = [];
      const profile = o.profile && key === 'hubbub';
      await withLoad(
        key,
        async (load) => {
          for (const rate of o.rates) {
            runs.push(await steady(load, rate, o.holdS, 1));
            log(key, 'fixed', JSON.stringify(runs[runs.length - 1]));
          }
          if (profile) log(`profiles in ${profileDir} (the whole run: connecting, then the rates)`);
        },
        profile ? { profileDir } : {},
      );
      results[key] = { label: SYSTEMS[key].label, fixed: runs, holds: [], fixedLoad: [] };
    }
  } else {
    for (const key of o.systems) {
      log(`${key}: saturation search`);
      saturation[key] = await withLoad(key, (load) =>
        saturate(load, o, (s) => log(key, 'step', JSON.stringify(s))),
      );
      log(`${key}: hold rate ${saturation[key].holdRate} publishes/s`);
    }
    const holds: Partial<Record<SystemKey, Steady[]>> = {};
    let over: Overload | undefined;
    let failed: Failover | undefined;
    const fixedLoad: Partial<Record<SystemKey, Steady[]>> = {};
    // Repeats interleave the systems, so a drift in the machine's load touches all of them.
    for (let r = 0; r < o.repeats; r++)
      for (const key of o.systems) {
        const profile = o.profile && key === 'hubbub' && r === 0;
        await withLoad(
          key,
          async (load, startedAtMs) => {
            const fixed = await steady(load, o.fixedRate, o.fixedS, 2);
            (fixedLoad[key] ??= []).push(fixed);
            log(key, `repeat ${r + 1} fixed`, JSON.stringify(fixed));
            const holdAtS = (Date.now() - startedAtMs) / 1000;
            const hold = await steady(load, saturation[key]?.holdRate ?? o.fixedRate, o.holdS, 1);
            (holds[key] ??= []).push(hold);
            log(key, `repeat ${r + 1} hold`, JSON.stringify(hold));
            if (profile)
              // The hold's samples, roughly: after the 1 s warm-up and the drain before it.
              log(
                `profiles in ${profileDir}; the hold: --window ${(holdAtS + 1.5).toFixed(1)},${(holdAtS + 1.5 + o.holdS).toFixed(1)}`,
              );
            // Hubbub's overload follows its last hold on the same servers (connecting 2,000
            // members is the slowest step of a run).
            if (key === 'hubbub' && r === o.repeats - 1 && o.overload) {
              over = await overload(load, saturation.hubbub?.holdRate ?? 1, median(holds.hubbub ?? []), {
                baselineS: o.quick ? 3 : 5,
                overloadS: 10,
                afterS: o.quick ? 8 : 15,
              });
              const { series: _series, ...brief } = over;
              log('hubbub overload', JSON.stringify(brief));
            }
            // The cluster's failover follows its last hold: the master of the hot channel's slot
            // is killed while publishing at the common rate, then restarted (as a replica).
            if (key === 'hubbubCluster' && cluster && r === o.repeats - 1 && o.failover) {
              const masterPort = await cluster.masterOf(
                keySpace(ctx.prefix).stream(load.system.channel).meta,
              );
              failed = await failover(load, {
                rate: o.fixedRate,
                beforeS: 2,
                afterS: o.quick ? 15 : 20,
                masterPort,
                kill: (port) => cluster?.kill(port),
                stored: (refs) => community.storedNonces(load.system.channel, refs),
              });
              log('hubbubCluster failover', JSON.stringify(failed));
              await cluster.restart(masterPort);
            }
          },
          profile ? { profileDir } : {},
        );
      }
    const idle: Partial<Record<SystemKey, IdleMemory>> = {};
    // A node's memory per idle connection does not depend on the Redis behind it: Hubbub's is
    // measured once, on the single Redis.
    for (const key of o.systems.filter((k) => k !== 'hubbubCluster')) {
      await flush.flushall();
      const system = await startSystem(SYSTEMS[key], ctx, 1);
      try {
        idle[key] = await idleMemory(SYSTEMS[key], system, o.idleConnections, o.threads, tokensOf(key));
        log(key, 'idle', JSON.stringify(idle[key]));
      } finally {
        await system.stop();
      }
    }
    const many: Partial<Record<SystemKey, ManyChannelsResult>> = {};
    for (const key of manySystems) {
      const channels =
        key === 'hubbub'
          ? community.topics.slice(hotChannels, hotChannels + o.channels)
          : Array.from({ length: o.channels }, (_, i) => `${ctx.prefix}-room-${i}`);
      const count = o.channels * o.channelSubscribers;
      log(`${key}: many channels, ${o.channels} × ${o.channelSubscribers} subscribers…`);
      many[key] = await withLoad(
        key,
        (load) => {
          log(key, `${load.subscribers} subscribes took ${load.subscribeS.toFixed(1)} s`);
          return manyChannels(
            load,
            o.channels,
            o.channelPublishers,
            { ...o, serverCores: cpuCount(o.serverCpus, cpus().length) },
            (...parts) => log(key, 'many', ...parts),
          );
        },
        {},
        { ...loadOptions, subscribers: count, publishers: o.channelPublishers, channels },
      );
    }
    for (const key of o.systems)
      results[key] = {
        label: SYSTEMS[key].label,
        ...(saturation[key] && { saturation: saturation[key] }),
        holds: holds[key] ?? [],
        fixedLoad: fixedLoad[key] ?? [],
        ...(idle[key] && { idle: idle[key] }),
        ...(key === 'hubbub' && over && { overload: over }),
        ...(key === 'hubbubCluster' && failed && { failover: failed }),
        ...(many[key] && { manyChannels: many[key] }),
      };
  }
} finally {
  await flush.quit();
  await redis.stop();
  cluster?.stop();
  await community.drop().catch(() => undefined);
}

const summary = summarize(results);
if (o.write && o.mode === 'all') {
  const files = writeResults({ options: o, started, argv: process.argv.slice(2), results, summary });
  log('wrote', files.join(', '));
  // The docs carry full runs of every system only (a quick run is indicative, not a reading).
  if (!o.quick && SYSTEM_KEYS.every((k) => o.systems.includes(k)) && o.manyChannels) {
    await updateBenchmarksDoc('docs/benchmarks.md', files[0] as string);
    log('rewrote the results of docs/benchmarks.md');
  }
}
console.log(JSON.stringify(summary));
process.exit(0);
