// Colyseus' Redis presence and driver for one deployment. Their keys live under
// `<prefix>:{colyseus}:` (ioredis' keyPrefix: one hash tag, so a multi-key command of Colyseus
// stays on one Redis Cluster slot), so two deployments sharing a Redis never see each other's
// rooms. Colyseus' pub/sub channels are not prefixed (ioredis' keyPrefix skips channels; a
// channel-prefixing presence broke seat reservations across processes and was dropped): most
// carry random room or process ids, but `$lobby` and `concurrent:<room>:…` are shared by
// deployments on one Redis (an open gap, see docs/architecture.md).
// Colyseus bundles its own ioredis (5.x), whose `instanceof` checks refuse our clients: it gets
// connection options and makes its connections itself.
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { keySpace } from '../../storage/redis-keys.js';
import { clusterOptions, redisOptions, redisOptionsFromUrl, type RedisTarget } from '../../storage/redis.js';

type PresenceArgs = ConstructorParameters<typeof RedisPresence>;

export interface ColyseusRedis {
  presence: RedisPresence;
  driver: RedisDriver;
}

/** The presence and driver of a process's matchmaker, on the configured Redis or cluster. */
export function createColyseusRedis(target: RedisTarget, prefix: string): ColyseusRedis {
  const names = keySpace(prefix).colyseus;
  // Plain option objects; typed against our ioredis, hence the casts to Colyseus' copy's types.
  const connection = (name: string): unknown[] => {
    const options = { name: `hub-colyseus-${name}`, keyPrefix: names.keyPrefix };
    return target.clusterNodes
      ? [target.clusterNodes, clusterOptions(options)]
      : [{ ...redisOptionsFromUrl(target.url), ...redisOptions(options) }];
  };
  return {
    presence: new RedisPresence(...(connection('presence') as PresenceArgs)),
    driver: new RedisDriver(...(connection('driver') as ConstructorParameters<typeof RedisDriver>)),
  };
}
