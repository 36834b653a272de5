// Colyseus' Redis presence and driver for one deployment, entirely under its key prefix: keys
// under `<prefix>:{colyseus}:` (ioredis' keyPrefix: one hash tag, so a multi-key command of
// Colyseus stays on one Redis Cluster slot) and pub/sub channels under `<prefix>:colyseus:` (the
// presence below; ioredis' keyPrefix skips channels). So two deployments sharing a Redis or a
// cluster see neither each other's rooms nor each other's seat reservations, room calls, process
// channels or matchmaking messages.
//
// Every topic through the presence is prefixed, the hub's own included: a live session's rooms
// subscribe to its `roomTopic`, and the hub publishes to the matching `roomChannel`
// (media/keys.ts), which is that topic under the same prefix.
// Colyseus bundles its own ioredis (5.x), whose `instanceof` checks refuse our clients: it gets
// connection options and makes its connections itself.
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { keySpace } from '../../storage/redis-keys.js';
import { clusterOptions, redisOptions, redisOptionsFromUrl, type RedisTarget } from '../../storage/redis.js';

type Callback = (...args: unknown[]) => void;
type PresenceArgs = ConstructorParameters<typeof RedisPresence>;

/**
 * RedisPresence whose pub/sub channels carry the deployment's prefix. Its subscriptions are held
 * (and resubscribed after a reconnect) under the prefixed names, which are also the names Redis
 * delivers messages on, so the base class's bookkeeping needs no change.
 */
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

  /** The matchmaker lists `p:*` (live processes) and strips `p:`: it gets its own names back.
   * On a cluster PUBSUB CHANNELS answers for one node only; a process missing from it is then
   * asked directly (Colyseus' health check), which a live one answers. */
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
