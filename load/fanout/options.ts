// The command line of `npm run bench:fanout`: a full run (tens of minutes, most of it Hubbub
// filling its channels; see docs/benchmarks.md) or --quick (a smoke run), every figure adjustable.
// Unknown options are refused.
import { parseArgs } from 'node:util';
import { SYSTEM_KEYS, type SystemKey } from './systems.js';

export interface BenchOptions {
  quick: boolean;
  mode: 'all' | 'fixed';
  systems: SystemKey[];
  subscribers: number;
  publishers: number;
  threads: number;
  messageBytes: number;
  /** The common fixed load, publishes per second. */
  fixedRate: number;
  fixedS: number;
  /** In fixed mode: the rates to run (publishes per second). */
  rates: number[];
  repeats: number;
  holdS: number;
  stepS: number;
  startRate: number;
  factor: number;
  maxRate: number;
  idleConnections: number;
  overload: boolean;
  /** Hubbub on the cluster: kill the master of the hot channel's slot (after its last hold). */
  failover: boolean;
  /** The many-channel workload (Hubbub and Centrifugo): channels × subscribers each. */
  manyChannels: boolean;
  channels: number;
  channelSubscribers: number;
  channelPublishers: number;
  profile: boolean;
  /** taskset CPU lists; empty strings turn pinning off. */
  serverCpus: string | undefined;
  generatorCpus: string | undefined;
  write: boolean;
}

export const USAGE = `npm run bench:fanout -- [options]
  --quick                 a smoke run (300 subscribers, 1 repeat, short phases,
                          1,000 idle connections, 50 × 4 channel subscribers)
  --mode all|fixed        all phases (default), or only fixed rates (--rates)
  --systems a,b           of ${SYSTEM_KEYS.join(', ')} (default: all; quick: all but uwsRaw1)
  --subscribers N         subscribers of the channel (2000; quick 300)
  --publishers N          publishing connections, round robin (16)
  --threads N             generator worker threads for the subscribers (2)
  --bytes N               message data size in bytes (128)
  --fixed-rate N          the common fixed load, publishes/s (20)
  --rates a,b             fixed mode: the publish rates to run (20,100,200)
  --repeats N             repeated holds on fresh servers (3; quick 1)
  --hold S                seconds of each hold (6; quick 3)
  --idle N                idle connections for memory (10000; quick 1000)
  --no-overload           skip Hubbub's overload phase
  --no-failover           skip the cluster's failover phase (hubbubCluster)
  --channels N            many-channel workload: channels (1000; quick 50)
  --channel-subscribers N subscribers per channel, one connection each (10; quick 4)
  --channel-publishers N  publishing connections, each message to a random channel (50)
  --no-many-channels      skip the many-channel workload
  --profile               V8 CPU profiles of Hubbub's nodes and worker (first repeat; fixed mode: the run) in the OS's tmp
  --server-cpus LIST      taskset CPUs of the servers (1); "" for no pinning
  --generator-cpus LIST   taskset CPUs of the generator (0); "" for no pinning
  --no-write              do not write load/results/`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      mode: { type: 'string', default: 'all' },
      systems: { type: 'string' },
      subscribers: { type: 'string' },
      publishers: { type: 'string', default: '16' },
      threads: { type: 'string', default: '2' },
      bytes: { type: 'string', default: '128' },
      'fixed-rate': { type: 'string', default: '20' },
      rates: { type: 'string', default: '20,100,200' },
      repeats: { type: 'string' },
      hold: { type: 'string' },
      idle: { type: 'string' },
      'no-overload': { type: 'boolean', default: false },
      'no-failover': { type: 'boolean', default: false },
      channels: { type: 'string' },
      'channel-subscribers': { type: 'string' },
      'channel-publishers': { type: 'string', default: '50' },
      'no-many-channels': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'server-cpus': { type: 'string', default: '1' },
      'generator-cpus': { type: 'string', default: '0' },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick;
  const int = (name: string, text: string | undefined, fallback: number, min = 1) => {
    const n = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`bench: --${name} must be an integer ≥ ${min}`);
    return n;
  };
  // A quick run leaves out the one-node raw uWS (no figure of the summary line is its).
  const systems = (values.systems ?? SYSTEM_KEYS.filter((k) => !quick || k !== 'uwsRaw1').join(','))
    .split(',')
    .filter(Boolean);
  for (const s of systems)
    if (!(SYSTEM_KEYS as readonly string[]).includes(s))
      throw new Error(`bench: unknown system ${s}; one of ${SYSTEM_KEYS.join(', ')}`);
  if (values.mode !== 'all' && values.mode !== 'fixed') throw new Error('bench: --mode is all or fixed');
  const rates = values.rates.split(',').map((r) => int('rates', r, 0));
  return {
    quick,
    mode: values.mode,
    systems: systems as SystemKey[],
    subscribers: int('subscribers', values.subscribers, quick ? 300 : 2000),
    publishers: int('publishers', values.publishers, 16),
    threads: int('threads', values.threads, 2),
    messageBytes: int('bytes', values.bytes, 128, 48),
    fixedRate: int('fixed-rate', values['fixed-rate'], 20),
    fixedS: quick ? 3 : 6,
    rates,
    repeats: int('repeats', values.repeats, quick ? 1 : 3),
    holdS: int('hold', values.hold, quick ? 3 : 6),
    stepS: quick ? 1.5 : 2,
    startRate: 20,
    factor: quick ? 1.6 : 1.4,
    maxRate: 20_000,
    idleConnections: int('idle', values.idle, quick ? 1000 : 10_000),
    overload: !values['no-overload'],
    failover: !values['no-failover'],
    manyChannels: !values['no-many-channels'],
    channels: int('channels', values.channels, quick ? 50 : 1000),
    channelSubscribers: int('channel-subscribers', values['channel-subscribers'], quick ? 4 : 10),
    channelPublishers: int('channel-publishers', values['channel-publishers'], 50),
    profile: values.profile,
    serverCpus: values['server-cpus'] || undefined,
    generatorCpus: values['generator-cpus'] || undefined,
    write: !values['no-write'],
  };
}
