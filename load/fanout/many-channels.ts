// The many-channel workload, closer to a real community than one hot channel: N channels with a
// few subscribers each (every subscriber its own connection), publishers sending each message to
// a random channel. Measured on a fresh system: how long the subscribes took (all at once), the
// saturation in publishes/s (deliveries and acks keeping up), then a hold at half of it (ack
// latency, delivery latency, server CPU per 1,000 publishes).
import { saturate, steady, type Load, type Saturation, type Steady } from './phases.js';
import { round } from './stats.js';

export interface ManyChannelsResult {
  channels: number;
  subscribersPerChannel: number;
  subscribers: number;
  publishers: number;
  /** Connect, authenticate and subscribe, every subscriber at once: seconds, and per second. */
  subscribeS: number;
  subscribesPerSec: number;
  saturation: Saturation;
  /** The saturation rate over the CPUs the servers may use. */
  publishesPerSecPerCore: number;
  serverCores: number;
  /** The hold at half the saturation rate. */
  half: Steady;
}

export interface ManyChannelsOptions {
  startRate: number;
  factor: number;
  stepS: number;
  maxRate: number;
  holdS: number;
  serverCores: number;
}

/** The measurements on a load already connected (its subscribers spread over the channels). */
export async function manyChannels(
  load: Load,
  channels: number,
  publishers: number,
  o: ManyChannelsOptions,
  log: (...parts: unknown[]) => void,
): Promise<ManyChannelsResult> {
  const saturation = await saturate(load, o, (s) => log('step', JSON.stringify(s)));
  log(`saturation ${saturation.holdRate} publishes/s`);
  const half = await steady(load, Math.max(1, Math.round(saturation.holdRate / 2)), o.holdS, 1);
  log('half', JSON.stringify(half));
  return {
    channels,
    subscribersPerChannel: round(load.fanout, 2),
    subscribers: load.subscribers,
    publishers,
    subscribeS: round(load.subscribeS, 2),
    subscribesPerSec: Math.round(load.subscribers / load.subscribeS),
    saturation,
    publishesPerSecPerCore: round(saturation.holdRate / o.serverCores, 1),
    serverCores: o.serverCores,
    half,
  };
}
