// Colyseus' Redis presence and driver for one deployment. Their keys live under
// `<prefix>:{colyseus}:` (ioredis' keyPrefix: one hash tag, so a multi-key command of Colyseus
// stays on one Redis Cluster slot) and their pub/sub channels under `<prefix>:colyseus:`, so two
// deployments sharing a Redis never see each other's rooms, seats or matchmaking messages.
// Colyseus bundles its own ioredis (5.x), whose `instanceof` checks refuse our clients: it gets
// connection options and makes its connections itself.
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { keySpace } from '../../storage/redis-keys.js';
import { clusterOptions, redisOptions, redisOptionsFromUrl, type RedisTarget } from '../../storage/redis.js';

type Callback = (...args: unknown[]) => void;
type PresenceArgs = ConstructorParameters<typeof RedisPresence>;

/** RedisPresence whose channels carry the deployment's prefix (its keys carry it through ioredis). */
export class PrefixedRedisPresence extends RedisPresence {
  constructor(
    private readonly channelPrefix: string,
    ...args: PresenceArgs
  ) {
    super(...args);
  }

  override subscribe(topic: string, callback: Callback): Promise<this> {
    return super.subscribe(this.channelPrefix + topic, callback);
  }

  override unsubscribe(topic: string, callback?: Callback): Promise<this> {
    return super.unsubscribe(this.channelPrefix + topic, callback);
  }

  override publish(topic: string, data: unknown): Promise<void> {
    return super.publish(this.channelPrefix + topic, data);
  }

  /** On a cluster PUBSUB CHANNELS answers for one node only; Colyseus' matchmaker never asks. */
  override async channels(pattern = '*'): Promise<string[]> {
    const channels = await super.channels(this.channelPrefix + pattern);
    return channels.map((c) => c.slice(this.channelPrefix.length));
  }
}

export interface ColyseusRedis {
  presence: PrefixedRedisPresence;
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
    presence: new PrefixedRedisPresence(names.channelPrefix, ...(connection('presence') as PresenceArgs)),
    driver: new RedisDriver(...(connection('driver') as ConstructorParameters<typeof RedisDriver>)),
  };
}
