// One system's results from a run, and the median and spread of its repeated measurements.
import type { Failover } from './failover.js';
import type { ManyChannelsResult } from './many-channels.js';
import type { IdleMemory, Overload, Saturation, Steady } from './phases.js';
import { spread, type Spread } from './stats.js';

export interface SystemResult {
  label: string;
  saturation?: Saturation;
  holds: Steady[];
  fixedLoad: Steady[];
  fixed?: Steady[];
  idle?: IdleMemory;
  overload?: Overload;
  manyChannels?: ManyChannelsResult;
  /** Hubbub on the cluster: the failover phase. */
  failover?: Failover;
}

export interface Spreads {
  deliveredPerSec: Spread;
  p99Ms: Spread;
  cpuSecPerMDeliveries: Spread;
  holdP99Ms: Spread;
  loss: Spread;
  cpuSecPerMDeliveriesWithRedis: Spread;
}

export function spreadsOf(r: SystemResult | undefined): Spreads {
  const holds = r?.holds ?? [];
  return {
    deliveredPerSec: spread(holds.map((h) => h.deliveredPerSec)),
    p99Ms: spread((r?.fixedLoad ?? []).map((h) => h.p99Ms)),
    cpuSecPerMDeliveries: spread(holds.map((h) => h.cpuSecPerMDeliveries)),
    holdP99Ms: spread(holds.map((h) => h.p99Ms)),
    loss: spread(holds.map((h) => h.loss)),
    // Runs recorded before this figure existed have none: NaN, printed as a dash.
    cpuSecPerMDeliveriesWithRedis: spread(holds.map((h) => h.cpuSecPerMDeliveriesWithRedis ?? NaN)),
  };
}
