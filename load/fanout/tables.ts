// The markdown tables of a run, shared by its report (load/results/fanout-<date>.md) and the
// generated section of docs/benchmarks.md: the hot channel per system, the many-channel
// workload, Hubbub on the single Redis beside the Redis Cluster (with the failover), and the
// issues' targets with whether each is met. Pure: results in, text out.
import type { BenchOptions } from './options.js';
import { spreadsOf, type SystemResult } from './figures.js';
import type { Summary } from './summary.js';
import type { Spread } from './stats.js';
import type { SystemKey } from './systems.js';

export type Results = Partial<Record<SystemKey, SystemResult>>;

export const fmt = (n: number | null | undefined, digits = 0): string =>
  n === null || n === undefined || Number.isNaN(n)
    ? '—'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const range = (s: Spread, digits = 0) =>
  s.n > 1 ? `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})` : fmt(s.median, digits);

/** One row per system: hold rate, delivered/s, loss, latencies, CPU and memory. */
export function hotChannelTable(
  results: Results,
  o: Pick<BenchOptions, 'fixedRate' | 'idleConnections'>,
): string {
  const rows = (Object.entries(results) as [SystemKey, SystemResult][]).map(([key, res]) => {
    const s = spreadsOf(res);
    return `| ${res.label} (\`${key}\`) | ${fmt(res.saturation?.holdRate)} | ${range(s.deliveredPerSec)} | ${range(s.loss, 4)} | ${range(s.holdP99Ms, 1)} | ${range(s.p99Ms, 2)} | ${range(s.cpuSecPerMDeliveries, 2)} | ${fmt(res.idle?.rssPerConnKB, 2)} |`;
  });
  return `| system | hold rate (pub/s) | delivered/s | loss | p99 at hold (ms) | p99 at ${o.fixedRate} pub/s (ms) | server CPU s per M deliveries | RSS per idle conn (KB, ${fmt(o.idleConnections)}) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}`;
}

/** The many-channel workload, one row per system that ran it; empty when none did. */
export function manyChannelsTable(results: Results): string {
  const rows = (Object.entries(results) as [SystemKey, SystemResult][]).flatMap(([key, res]) => {
    const m = res.manyChannels;
    if (!m) return [];
    const h = m.half;
    return [
      `| ${res.label} (\`${key}\`) | ${fmt(m.saturation.holdRate)} (${fmt(m.publishesPerSecPerCore)} per core) | ${fmt(h.ackP50Ms, 1)} / ${fmt(h.ackP99Ms, 1)} | ${fmt(h.p50Ms, 1)} / ${fmt(h.p99Ms, 1)} | ${fmt(h.cpuSecPerKPublishes, 3)} | ${fmt(m.subscribers)} in ${fmt(m.subscribeS, 1)} s (${fmt(m.subscribesPerSec)}/s) |`,
    ];
  });
  if (rows.length === 0) return '';
  const first = Object.values(results).find((r) => r?.manyChannels)?.manyChannels;
  return `${fmt(first?.channels)} channels × ${fmt(first?.subscribersPerChannel)} subscribers (one connection each), ${fmt(first?.publishers)} publishing connections, each message to a random channel.

| system | saturation publishes/s | ack p50 / p99 at half of it (ms) | delivery p50 / p99 at half (ms) | server CPU s per 1,000 publishes | subscribes (all at once) |
| --- | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}`;
}

/** Failover figures are held to this (docs/operations.md#redis-cluster, test/gateway/failover.test.ts). */
export const FAILOVER_BOUND_MS = 15_000;

/** Hubbub on the single Redis and on the cluster, CPU with their Redis processes counted in,
 * and the cluster's failover; empty when the cluster did not run. */
export function clusterTable(results: Results): string {
  const onCluster = results.hubbubCluster;
  if (!onCluster) return '';
  const rows = (['hubbub', 'hubbubCluster'] as const).flatMap((key) => {
    const res = results[key];
    if (!res) return [];
    const s = spreadsOf(res);
    return [
      `| ${res.label} (\`${key}\`) | ${range(s.deliveredPerSec)} | ${range(s.cpuSecPerMDeliveries, 2)} | ${range(s.cpuSecPerMDeliveriesWithRedis, 2)} |`,
    ];
  });
  const f = onCluster.failover;
  const failover = f
    ? `Failover: publishing at ${fmt(f.publishRate)} pub/s, the master owning the hot channel's slot was killed (SIGKILL); a publish sent after the kill was first acknowledged **${f.pauseMs === null ? 'never (within the phase)' : `${fmt(f.pauseMs)} ms`}** after it (longest time without any ack ${fmt(f.longestAckGapMs)} ms); ${fmt(f.acked)} of ${fmt(f.published)} publishes acknowledged, ${fmt(f.refused)} refused, **${fmt(f.ackedLost)}** acknowledged ones missing from durable history.`
    : 'Failover: not measured in this run.';
  return `| system | delivered/s | server CPU s per M deliveries | with Redis (s per M) |
| --- | ---: | ---: | ---: |
${rows.join('\n')}

${failover}`;
}

/** A measured value with its unit, or a dash when the run has none. */
const val = (n: number | null, digits: number, unit: string) =>
  n === null || Number.isNaN(n) ? '—' : `${fmt(n, digits)}${unit}`;
/** Whether a target is met; a dash when the figure was not measured. */
const met = (n: number | null, ok: (n: number) => boolean) =>
  n === null || Number.isNaN(n) ? '—' : ok(n) ? 'yes' : 'no';

/** The targets of the load issues, from the summary line. */
export function targetsTable(sum: Summary): string {
  const r = sum.ratios;
  const h = sum.hubbub;
  const m = sum.manyChannels.hubbub;
  const c = sum.hubbubCluster;
  const rows: [string, number | null, number, string, (n: number) => boolean][] = [
    ['delivered/s ≥ 70% of raw uWS two nodes', r.hubbubVsUwsRaw2 * 100, 0, '%', (n) => n >= 70],
    ['delivered/s ahead of Centrifugo (hot channel)', r.hubbubVsCentrifugo, 2, '×', (n) => n > 1],
    ['server CPU per M deliveries ≤ 1.5× raw uWS', r.cpuVsUwsRaw2, 2, '×', (n) => n <= 1.5],
    ['server CPU per M deliveries ≤ 0.2× Socket.IO', r.cpuVsSocketio2, 2, '×', (n) => n <= 0.2],
    ['p99 at the common load ≤ 1.25× raw uWS', r.p99VsUwsRaw2, 2, '×', (n) => n <= 1.25],
    ['RSS per idle connection ≤ 8 KB', h.rssPerConnKB, 2, ' KB', (n) => n <= 8],
    ['≥ 80% delivered during overload', (h.overloadRetention ?? NaN) * 100, 0, '%', (n) => n >= 80],
    ['latency normal within 5 s after overload', h.recoveryS ?? Infinity, 1, ' s', (n) => n <= 5],
    [
      'many channels: publishes/s per core ahead of Centrifugo',
      r.manyChannelsVsCentrifugo,
      2,
      '×',
      (n) => n > 1,
    ],
    ['many channels: ack p99 ≤ 100 ms at half of saturation', m.ackP99Ms, 1, ' ms', (n) => n <= 100],
    ['many channels: 5,000 subscribes in ≤ 10 s (≥ 500/s)', m.subscribesPerSec, 0, '/s', (n) => n >= 500],
    [
      `Redis Cluster failover: acks resume ≤ ${FAILOVER_BOUND_MS / 1000} s after the master's kill`,
      // Measured (a count of lost acks) but no ack after the kill: never resumed.
      c.failoverAckedLost === null ? NaN : c.failoverPauseMs === null ? Infinity : c.failoverPauseMs / 1000,
      1,
      ' s',
      (n) => n <= FAILOVER_BOUND_MS / 1000,
    ],
    [
      'Redis Cluster failover: no acknowledged publish lost',
      c.failoverAckedLost ?? NaN,
      0,
      '',
      (n) => n === 0,
    ],
  ];
  return `| target | measured | met |
| --- | --- | --- |
${rows.map(([what, n, digits, unit, ok]) => `| ${what} | ${n === Infinity ? 'not recovered' : val(n, digits, unit)} | ${n === Infinity ? 'no' : met(n, ok)} |`).join('\n')}`;
}
