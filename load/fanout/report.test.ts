import { describe, expect, it } from 'vitest';
import { BEGIN, END, generatedSection, replaceGenerated, type StoredRun } from './docs-tables.js';
import type { Failover } from './failover.js';
import type { ManyChannelsResult } from './many-channels.js';
import { parseOptions } from './options.js';
import type { Steady } from './phases.js';
import type { SystemResult } from './report.js';
import { summarize } from './summary.js';
import { clusterTable, manyChannelsTable, targetsTable } from './tables.js';

/** A steady window with the figures the summary reads; the rest plausible. */
function steadyOf(
  deliveredPerSec: number,
  p99Ms: number,
  cpu: number,
  ack = { p50: NaN, p99: NaN },
  redisCpu = cpu * 0.1,
): Steady {
  return {
    publishRate: 100,
    ackP50Ms: ack.p50,
    ackP99Ms: ack.p99,
    acks: 600,
    cpuSecPerKPublishes: 0.5,
    seconds: 6,
    published: 600,
    delivered: deliveredPerSec * 6,
    deliveredPerSec,
    loss: 0,
    p50Ms: p99Ms / 4,
    p90Ms: p99Ms / 2,
    p99Ms,
    maxMs: p99Ms * 2,
    cpuSecPerMDeliveries: cpu,
    cpuSecPerMDeliveriesWithBackends: cpu * 1.2,
    cpuSecPerMDeliveriesWithRedis: cpu + redisCpu,
    serverCpuUtilization: 0.9,
    closed: 0,
    errors: 0,
    firstError: '',
  };
}

function system(label: string, delivered: number[], p99: number, cpu: number, rss: number): SystemResult {
  return {
    label,
    holds: delivered.map((d) => steadyOf(d, 900, cpu)),
    fixedLoad: [steadyOf(40_000, p99, cpu)],
    idle: { connections: 10_000, rssBeforeKB: 1, rssAfterKB: 1 + rss * 10_000, rssPerConnKB: rss },
  };
}

function many(
  perCore: number,
  subscribesPerSec: number,
  ack: { p50: number; p99: number },
): ManyChannelsResult {
  return {
    channels: 1000,
    subscribersPerChannel: 10,
    subscribers: 10_000,
    publishers: 50,
    subscribeS: 10_000 / subscribesPerSec,
    subscribesPerSec,
    saturation: { steps: [], holdRate: perCore },
    publishesPerSecPerCore: perCore,
    serverCores: 1,
    half: steadyOf(perCore * 5, 30, 1, ack),
  };
}

const results = {
  uwsRaw2: system('raw', [800_000, 820_000, 810_000], 40, 1.2, 1.1),
  socketio2: system('sio', [100_000], 50, 10, 14),
  centrifugo: {
    ...system('cfg', [300_000], 45, 3, 20),
    manyChannels: many(8000, 2000, { p50: 1, p99: 25 }),
  },
  hubbub: {
    ...system('hub', [400_000, 380_000, 390_000], 50, 2, 3.5),
    manyChannels: many(2000, 500, { p50: 20, p99: 80 }),
  },
};

describe('summarize', () => {
  it('gives every system, the many-channel figures and the ratios the issue asks for', () => {
    const s = summarize(results);
    expect(Object.keys(s)).toEqual([
      'hubbub',
      'hubbubCluster',
      'uwsRaw2',
      'socketio2',
      'centrifugo',
      'manyChannels',
      'ratios',
    ]);
    expect(s.centrifugo).toEqual({
      deliveredPerSec: 300_000,
      p99Ms: 45,
      rssPerConnKB: 20,
      cpuSecPerMDeliveries: 3,
    });
    expect(s.hubbub.deliveredPerSec).toBe(390_000); // the median of three holds
    expect(s.manyChannels).toEqual({
      hubbub: { publishesPerSecPerCore: 2000, ackP50Ms: 20, ackP99Ms: 80, subscribesPerSec: 500 },
      centrifugo: { publishesPerSecPerCore: 8000, p99Ms: 25, subscribesPerSec: 2000 },
    });
    expect(s.ratios.hubbubVsCentrifugo).toBe(1.3);
    expect(s.ratios.manyChannelsVsCentrifugo).toBe(0.25);
    expect(s.ratios.cpuVsSocketio2).toBe(0.2);
    expect(s.ratios.hubbubVsUwsRaw2).toBe(0.481);
  });

  it('prints a system that did not run as null, so the line stays one JSON object', () => {
    const line = JSON.stringify(summarize({ hubbub: results.hubbub }));
    const back = JSON.parse(line) as ReturnType<typeof summarize>;
    expect(back.centrifugo.deliveredPerSec).toBeNull();
    expect(back.ratios.manyChannelsVsCentrifugo).toBeNull();
    expect(back.manyChannels.hubbub.ackP99Ms).toBe(80);
  });
});

describe('Hubbub on the Redis Cluster', () => {
  const failover: Failover = {
    publishRate: 20,
    killedPort: 7001,
    pauseMs: 4200,
    longestAckGapMs: 4300,
    published: 440,
    acked: 440,
    refused: 0,
    ackedLost: 0,
    firstError: '',
  };
  const onCluster: SystemResult = {
    label: 'hub on cluster',
    holds: [300_000, 320_000, 310_000].map((d) => steadyOf(d, 900, 2.5, undefined, 1.5)),
    fixedLoad: [steadyOf(40_000, 60, 2.5)],
    failover,
  };
  const withCluster = { ...results, hubbubCluster: onCluster };

  it('sums up its figures, its Redis processes counted in, its failover and the ratios to the single Redis', () => {
    const s = summarize(withCluster);
    expect(s.hubbubCluster).toEqual({
      deliveredPerSec: 310_000,
      p99Ms: 60,
      rssPerConnKB: NaN,
      cpuSecPerMDeliveries: 2.5,
      cpuSecPerMDeliveriesWithRedis: 4,
      failoverPauseMs: 4200,
      failoverAckedLost: 0,
    });
    expect(s.hubbub.cpuSecPerMDeliveriesWithRedis).toBe(2.2);
    expect(s.ratios.clusterVsSingle).toBe(0.795); // 310,000 / 390,000
    expect(s.ratios.clusterCpuVsSingle).toBe(1.818); // 4 / 2.2
  });

  it('prints the cluster beside the single Redis, the failover, and the failover targets', () => {
    const table = clusterTable(withCluster);
    expect(table).toContain(
      '| hub (`hubbub`) | 390,000 (380,000–400,000) | 2.00 (2.00–2.00) | 2.20 (2.20–2.20) |',
    );
    expect(table).toContain(
      '| hub on cluster (`hubbubCluster`) | 310,000 (300,000–320,000) | 2.50 (2.50–2.50) | 4.00 (4.00–4.00) |',
    );
    expect(table).toContain('first acknowledged **4,200 ms** after it');
    expect(table).toContain('**0** acknowledged ones missing');
    expect(clusterTable(results)).toBe('');
    const targets = targetsTable(summarize(withCluster));
    expect(targets).toContain(
      "| Redis Cluster failover: acks resume ≤ 15 s after the master's kill | 4.2 s | yes |",
    );
    expect(targets).toContain('| Redis Cluster failover: no acknowledged publish lost | 0 | yes |');
    const lost = { ...onCluster, failover: { ...failover, pauseMs: null, ackedLost: 3 } };
    const bad = targetsTable(summarize({ ...results, hubbubCluster: lost }));
    expect(bad).toContain(
      "| Redis Cluster failover: acks resume ≤ 15 s after the master's kill | not recovered | no |",
    );
    expect(bad).toContain('| Redis Cluster failover: no acknowledged publish lost | 3 | no |');
  });
});

describe('the generated tables', () => {
  const run: StoredRun = {
    date: '2026-12-07T01:30:00.000Z',
    command: 'npm run bench:fanout',
    machine: {
      nproc: 2,
      cpuModel: 'AMD EPYC',
      node: 'v20.20.2',
      versions: { centrifugo: 'v6.9.1' },
      commit: 'abc1234',
    },
    options: parseOptions([]),
    argv: [],
    results,
    summary: summarize(results),
  };

  it('lists the many-channel workload per system that ran it', () => {
    const table = manyChannelsTable(results);
    expect(table).toContain('1,000 channels × 10 subscribers');
    expect(table).toMatch(/\| cfg \(`centrifugo`\) \| 8,000 \(8,000 per core\) \| 1\.0 \/ 25\.0 \|/);
    expect(table).toMatch(/\| hub \(`hubbub`\) \| 2,000 \(2,000 per core\) \| 20\.0 \/ 80\.0 \|/);
    expect(manyChannelsTable({ uwsRaw2: results.uwsRaw2 })).toBe('');
  });

  it('replaces only what lies between the markers of docs/benchmarks.md', () => {
    const doc = `# Benchmarks\n\nprose before\n\n${BEGIN}\n\nold table\n\n${END}\n\nprose after\n`;
    const out = replaceGenerated(doc, generatedSection(run, 'load/results/fanout-20261207-0130'));
    expect(out.startsWith('# Benchmarks\n\nprose before\n\n')).toBe(true);
    expect(out.endsWith(`${END}\n\nprose after\n`)).toBe(true);
    expect(out).not.toContain('old table');
    expect(out).toContain('[JSON](../load/results/fanout-20261207-0130.json)');
    expect(out).toContain('| many channels: publishes/s per core ahead of Centrifugo | 0.25× | no |');
    expect(out).toContain('"manyChannelsVsCentrifugo": 0.25');
    // Running it again on its own output changes nothing.
    expect(replaceGenerated(out, generatedSection(run, 'load/results/fanout-20261207-0130'))).toBe(out);
    expect(() => replaceGenerated('# no markers', 'x')).toThrow(/markers/);
  });
});
