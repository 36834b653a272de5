// The summary line of `npm run bench:fanout` in the load issue's shape: the hot channel's figures
// per system, the many-channel figures of Hubbub and Centrifugo, and the ratios between them.
import { spreadsOf, type SystemResult } from './figures.js';
import { round } from './stats.js';
import type { SystemKey } from './systems.js';

export interface SystemFigures {
  deliveredPerSec: number;
  p99Ms: number;
  rssPerConnKB: number;
  cpuSecPerMDeliveries: number;
}

/** The many-channel figures: saturation per server core, at half of it the ack latency. */
export interface ManyChannelsFigures {
  hubbub: { publishesPerSecPerCore: number; ackP50Ms: number; ackP99Ms: number; subscribesPerSec: number };
  /** `p99Ms` is Centrifugo's publish-to-ack p99 at half its saturation, as Hubbub's ackP99Ms. */
  centrifugo: { publishesPerSecPerCore: number; p99Ms: number; subscribesPerSec: number };
}

export interface Summary {
  hubbub: SystemFigures & { overloadRetention: number | null; recoveryS: number | null };
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

/** The one-line summary (NaN, for a system not run, prints as null). */
export function summarize(results: Partial<Record<SystemKey, SystemResult>>): Summary {
  const hubbub = figures(results.hubbub);
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
    },
  };
}
