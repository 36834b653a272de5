// The summary line of `npm run bench:fanout` in the load issue's shape: the hot channel's figures
// per system, the many-channel figures of Hubbub and Centrifugo, Hubbub on the Redis Cluster
// (with its failover pause), and the ratios between them.
import { spreadsOf, type SystemResult } from './figures.js';
import { round } from './stats.js';
import type { SystemKey } from './systems.js';

export interface SystemFigures {
  deliveredPerSec: number;
  p99Ms: number;
  rssPerConnKB: number;
  cpuSecPerMDeliveries: number;
}

/** Hubbub's CPU with its Redis counted in: one redis-server, or the cluster's six. */
export interface HubbubFigures extends SystemFigures {
  cpuSecPerMDeliveriesWithRedis: number;
}

/** Hubbub on the cluster, and its failover: the pause from the kill until acks resume, and
 * how many acknowledged publishes durable history lacks afterwards (0 is the promise). */
export interface ClusterFigures extends HubbubFigures {
  failoverPauseMs: number | null;
  failoverAckedLost: number | null;
}

/** The many-channel figures: saturation per server core, at half of it the ack latency. */
export interface ManyChannelsFigures {
  hubbub: { publishesPerSecPerCore: number; ackP50Ms: number; ackP99Ms: number; subscribesPerSec: number };
  /** `p99Ms` is Centrifugo's publish-to-ack p99 at half its saturation, as Hubbub's ackP99Ms. */
  centrifugo: { publishesPerSecPerCore: number; p99Ms: number; subscribesPerSec: number };
}

export interface Summary {
  hubbub: HubbubFigures & { overloadRetention: number | null; recoveryS: number | null };
  hubbubCluster: ClusterFigures;
  uwsRaw2: SystemFigures;
  socketio2: SystemFigures;
  centrifugo: SystemFigures;
  manyChannels: ManyChannelsFigures;
  ratios: {
    hubbubVsUwsRaw2: number;
    hubbubVsSocketio2: number;
    cpuVsUwsRaw2: number;
    p99VsUwsRaw2: number;
    /** The hot channel's delivered/s. */
    hubbubVsCentrifugo: number;
    /** The many-channel saturation, publishes/s per server core. */
    manyChannelsVsCentrifugo: number;
    /** Server CPU per delivery on the hot channel. */
    cpuVsSocketio2: number;
    /** Hubbub on the cluster over Hubbub on the single Redis: delivered/s at the hold. */
    clusterVsSingle: number;
    /** The same for CPU per delivery, each with its Redis processes counted in. */
    clusterCpuVsSingle: number;
  };
}

function figures(r: SystemResult | undefined): SystemFigures {
  const s = spreadsOf(r);
  return {
    deliveredPerSec: Math.round(s.deliveredPerSec.median),
    p99Ms: round(s.p99Ms.median),
    rssPerConnKB: r?.idle?.rssPerConnKB ?? NaN,
    cpuSecPerMDeliveries: round(s.cpuSecPerMDeliveries.median, 3),
  };
}

const withRedis = (r: SystemResult | undefined) =>
  round(spreadsOf(r).cpuSecPerMDeliveriesWithRedis.median, 3);

/** The one-line summary (NaN, for a system not run, prints as null). */
export function summarize(results: Partial<Record<SystemKey, SystemResult>>): Summary {
  const hubbub = { ...figures(results.hubbub), cpuSecPerMDeliveriesWithRedis: withRedis(results.hubbub) };
  const onCluster = {
    ...figures(results.hubbubCluster),
    cpuSecPerMDeliveriesWithRedis: withRedis(results.hubbubCluster),
  };
  const failover = results.hubbubCluster?.failover;
  const uwsRaw2 = figures(results.uwsRaw2);
  const socketio2 = figures(results.socketio2);
  const centrifugo = figures(results.centrifugo);
  const over = results.hubbub?.overload;
  const manyHubbub = results.hubbub?.manyChannels;
  const manyCentrifugo = results.centrifugo?.manyChannels;
  const manyChannels: ManyChannelsFigures = {
    hubbub: {
      publishesPerSecPerCore: manyHubbub?.publishesPerSecPerCore ?? NaN,
      ackP50Ms: manyHubbub?.half.ackP50Ms ?? NaN,
      ackP99Ms: manyHubbub?.half.ackP99Ms ?? NaN,
      subscribesPerSec: manyHubbub?.subscribesPerSec ?? NaN,
    },
    centrifugo: {
      publishesPerSecPerCore: manyCentrifugo?.publishesPerSecPerCore ?? NaN,
      p99Ms: manyCentrifugo?.half.ackP99Ms ?? NaN,
      subscribesPerSec: manyCentrifugo?.subscribesPerSec ?? NaN,
    },
  };
  return {
    hubbub: {
      ...hubbub,
      overloadRetention: over?.overloadRetention ?? null,
      recoveryS: over?.recoveryS ?? null,
    },
    hubbubCluster: {
      ...onCluster,
      failoverPauseMs: failover?.pauseMs ?? null,
      failoverAckedLost: failover?.ackedLost ?? null,
    },
    uwsRaw2,
    socketio2,
    centrifugo,
    manyChannels,
    ratios: {
      hubbubVsUwsRaw2: round(hubbub.deliveredPerSec / uwsRaw2.deliveredPerSec, 3),
      hubbubVsSocketio2: round(hubbub.deliveredPerSec / socketio2.deliveredPerSec, 3),
      cpuVsUwsRaw2: round(hubbub.cpuSecPerMDeliveries / uwsRaw2.cpuSecPerMDeliveries, 3),
      p99VsUwsRaw2: round(hubbub.p99Ms / uwsRaw2.p99Ms, 3),
      hubbubVsCentrifugo: round(hubbub.deliveredPerSec / centrifugo.deliveredPerSec, 3),
      manyChannelsVsCentrifugo: round(
        manyChannels.hubbub.publishesPerSecPerCore / manyChannels.centrifugo.publishesPerSecPerCore,
        3,
      ),
      cpuVsSocketio2: round(hubbub.cpuSecPerMDeliveries / socketio2.cpuSecPerMDeliveries, 3),
      clusterVsSingle: round(onCluster.deliveredPerSec / hubbub.deliveredPerSec, 3),
      clusterCpuVsSingle: round(
        onCluster.cpuSecPerMDeliveriesWithRedis / hubbub.cpuSecPerMDeliveriesWithRedis,
        3,
      ),
    },
  };
}
