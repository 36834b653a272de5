// The benchmark's outputs: load/results/ files (the full JSON, a markdown report and an SVG
// chart) naming the machine, versions, command and date. The summary line is summary.ts's.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { CENTRIFUGO_VERSION } from './centrifugo.js';
import { chartSvg } from './chart.js';
import type { BenchOptions } from './options.js';
import type { SystemResult } from './figures.js';
import type { Summary } from './summary.js';
import { clusterTable, fmt, hotChannelTable, manyChannelsTable, targetsTable } from './tables.js';
import type { SystemKey } from './systems.js';

export type { SystemResult } from './figures.js';

export interface Machine {
  nproc: number;
  cpuModel: string;
  node: string;
  versions: Record<string, string>;
  commit: string;
}

function machine(): Machine {
  const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  const pkg = (name: string) =>
    (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
  const sh = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args).toString().trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    // The machine's CPUs, not this process's: the generator pins itself to fewer.
    nproc: cpus().length,
    cpuModel,
    node: process.version,
    versions: {
      'uWebSockets.js': pkg('uWebSockets.js'),
      'socket.io': pkg('socket.io'),
      '@socket.io/redis-adapter': pkg('@socket.io/redis-adapter'),
      ioredis: pkg('ioredis'),
      ws: pkg('ws'),
      centrifugo: CENTRIFUGO_VERSION,
      redis: sh('redis-server', ['--version']).replace(/^.*v=(\S+).*$/, '$1'),
    },
    commit: sh('git', ['rev-parse', '--short', 'HEAD']),
  };
}

export interface RunRecord {
  options: BenchOptions;
  started: Date;
  argv: string[];
  results: Partial<Record<SystemKey, SystemResult>>;
  summary: Summary;
}

/** Writes load/results/fanout-<date>[-quick].{json,md,svg}; returns the paths. */
export function writeResults(run: RunRecord): string[] {
  mkdirSync('load/results', { recursive: true });
  const stamp = run.started.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const base = `load/results/fanout-${stamp}${run.options.quick ? '-quick' : ''}`;
  const m = machine();
  const command = `npm run bench:fanout${run.argv.length ? ` -- ${run.argv.join(' ')}` : ''}`;
  const record = { date: run.started.toISOString(), command, machine: m, ...run };
  writeFileSync(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(`${base}.svg`, chartSvg(run.results, run.options));
  writeFileSync(`${base}.md`, markdown(record, base.split('/').pop() as string));
  return [`${base}.json`, `${base}.md`, `${base}.svg`];
}

function markdown(r: RunRecord & { date: string; command: string; machine: Machine }, name: string): string {
  const o = r.options;
  const over = r.results.hubbub?.overload;
  const many = manyChannelsTable(r.results);
  const cluster = clusterTable(r.results);
  return `# Fan-out benchmark, ${r.date.slice(0, 16).replace('T', ' ')} UTC

\`${r.command}\` — ${o.quick ? 'a quick smoke run: short phases, one repeat; indicative only' : 'a full run'}.

- Machine: ${r.machine.nproc} CPUs (nproc), ${r.machine.cpuModel}; Node ${r.machine.node}; commit ${r.machine.commit}.
- Versions: ${Object.entries(r.machine.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}.
- Load: one channel, ${fmt(o.subscribers)} subscribers over the nodes, ${o.publishers} publishing connections on the first node,
  ${o.messageBytes}-byte messages. Servers pinned to CPU ${o.serverCpus ?? '(unpinned)'}, generator to CPU ${o.generatorCpus ?? '(unpinned)'}.
- Holds: ${o.repeats} × ${o.holdS} s at each system's saturation rate, each on fresh servers; figures are median (min–max).

![chart](${name}.svg)

${hotChannelTable(r.results, o)}

${
  over
    ? `Hubbub overload: ${fmt(over.overloadRate)} pub/s (1.5× its saturation rate ${fmt(over.saturationRate)}) for 10 s, then ${fmt(over.afterRate)}:
delivered ${fmt(over.overloadDeliveredPerSec)}/s during the overload = **${fmt(over.overloadRetention, 2)}** of its saturation figure;
latency back within 2× the baseline p99 (${fmt(over.baselineP99Ms, 1)} ms) after **${over.recoveryS === null ? 'never (within the run)' : `${fmt(over.recoveryS, 1)} s`}**; connections closed: ${over.closed} ${JSON.stringify(over.closeCodes)}.`
    : ''
}
${many ? `\n## Many channels\n\n${many}\n` : ''}${cluster ? `\n## Redis Cluster\n\n${cluster}\n` : ''}
## Against the targets

${targetsTable(r.summary)}

Summary line:

\`\`\`json
${JSON.stringify(r.summary)}
\`\`\`

How to read these figures: [docs/benchmarks.md](../../docs/benchmarks.md).
`;
}
