// Broker on Redis: position in a HASH, recent history in a STREAM, nonces in a ZSET, live
// delivery by sharded pub/sub, all keys of a topic under one {hash tag} so the publish script
// runs on one Redis Cluster shard. One subscriber connection per node carries the SSUBSCRIBEs.
import type { RedisClient } from '../../storage/redis.js';
import { defineScript, type Script } from '../../storage/redis-scripts.js';
import type { StreamPosition } from '../../protocol/index.js';
import { keySpace, type KeySpace } from '../../storage/redis-keys.js';
import {
  NoPositionError,
  type Broker,
  type BrokerPublication,
  type FrameHandler,
  type PublishOutcome,
} from './broker.js';
import { offsetOf, pubTail } from './frames.js';
import type { StoredPublication } from '../../storage/messages/message-store.js';

export interface RedisBrokerOptions {
  keyPrefix: string;
  historyMaxCount: number;
  historyMaxAgeMs: number;
  idleExpiryMs: number;
}

type PublishReply = ['NOPOS'] | ['DUP' | 'OK', number, string];

/** One history entry: {o, f, k, n, r?} as publish.lua appends it. */
interface HistoryEntry {
  offset: number;
  frame: string;
  nonceKey: string;
  node: string;
  record?: string;
}

function historyEntry(fields: string[]): HistoryEntry {
  const get = (name: string) => {
    for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
    return undefined;
  };
  const record = get('r');
  return {
    offset: Number(get('o')),
    frame: get('f') ?? '',
    nonceKey: get('k') ?? '',
    node: get('n') ?? '',
    ...(record !== undefined && { record }),
  };
}

/** The publication a history entry holds, as the message store keeps it. */
function storedFrom(e: HistoryEntry): StoredPublication {
  const frame = JSON.parse(e.frame) as {
    offset: number;
    epoch: string;
    channel: string;
    data: unknown;
    info: { id: string; name: string };
    ts: number;
  };
  const slash = e.nonceKey.indexOf('/');
  return {
    channel: frame.channel,
    offset: frame.offset,
    epoch: frame.epoch,
    data: JSON.stringify(frame.data),
    userId: frame.info.id,
    userName: frame.info.name,
    nonce: slash === -1 ? e.nonceKey : e.nonceKey.slice(slash + 1),
    ts: frame.ts,
    ...(e.record !== undefined && { record: e.record }),
  };
}
const script = (name: string) => new URL(`./${name}.lua`, import.meta.url);

export class RedisBroker implements Broker {
  private readonly keys: KeySpace;
  /** live channel -> topic, for the topics this node is subscribed to. */
  private readonly subscribed = new Map<string, string>();
  private handler: FrameHandler = () => undefined;
  private readonly publishScript: Script<PublishReply>;
  private readonly restoreScript: Script<[string, number]>;

  /**
   * @param redis commands (publish, reads)
   * @param subscriber a connection of its own: it enters subscriber mode
   */
  constructor(
    private readonly redis: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly options: RedisBrokerOptions,
  ) {
    this.publishScript = defineScript(redis, 'hubPublish', script('publish'), 4);
    this.restoreScript = defineScript(redis, 'hubRestore', script('restore'), 1);
    this.keys = keySpace(options.keyPrefix);
    this.subscriber.on('smessage', (channel: string, message: string) => {
      const topic = this.subscribed.get(channel);
      if (topic !== undefined) this.handler(topic, message);
    });
  }

  async publish(topic: string, p: BrokerPublication): Promise<PublishOutcome> {
    const k = this.keys.stream(topic);
    const reply = await this.publishScript(
      k.meta,
      k.history,
      k.nonces,
      k.live,
      p.nonce,
      pubTail(topic, p.data, p.info, p.ts),
      this.options.historyMaxCount,
      this.options.historyMaxAgeMs,
      Date.now(),
      this.options.idleExpiryMs,
      p.node,
      p.record ?? '',
    );
    if (reply[0] === 'NOPOS') throw new NoPositionError(topic);
    return { offset: reply[1], epoch: reply[2], duplicate: reply[0] === 'DUP' };
  }

  async restore(topic: string, position: StreamPosition): Promise<StreamPosition> {
    const [epoch, offset] = await this.restoreScript(
      this.keys.stream(topic).meta,
      position.epoch,
      position.offset,
      this.options.idleExpiryMs,
    );
    return { epoch, offset };
  }

  async position(topic: string): Promise<StreamPosition | null> {
    const [epoch, offset] = await this.redis.hmget(this.keys.stream(topic).meta, 'epoch', 'offset');
    return epoch && offset ? { epoch, offset: Number(offset) } : null;
  }

  async recent(topic: string, afterOffset: number, upToOffset: number): Promise<string[] | null> {
    const wanted = upToOffset - afterOffset;
    if (wanted <= 0) return [];
    // Offsets are appended in order, so the wanted ones are among the newest entries; the slack
    // covers publications that landed after the caller read the position.
    const entries = await this.redis.xrevrange(
      this.keys.stream(topic).history,
      '+',
      '-',
      'COUNT',
      wanted + 64,
    );
    const frames: string[] = [];
    for (let i = entries.length - 1; i >= 0; i--) {
      const fields = (entries[i] as [string, string[]])[1]; // ['o', offset, 'f', frame]
      const offset = Number(fields[1]);
      if (offset > afterOffset && offset <= upToOffset) frames.push(fields[3] as string);
    }
    return frames.length === wanted && offsetOf(frames[0] as string) === afterOffset + 1 ? frames : null;
  }

  async entry(topic: string, offset: number): Promise<StoredPublication | null> {
    // Offsets are appended in order: the wanted one is among the newest (position - offset + 1).
    const position = await this.position(topic);
    if (!position || offset > position.offset || offset < 1) return null;
    const entries = await this.redis.xrevrange(
      this.keys.stream(topic).history,
      '+',
      '-',
      'COUNT',
      position.offset - offset + 64,
    );
    for (const [, fields] of entries) {
      const entry = historyEntry(fields);
      if (entry.offset === offset) return storedFrom(entry);
    }
    return null;
  }

  async owedBy(topic: string, node: string, sinceMs: number): Promise<StoredPublication[]> {
    const entries = await this.redis.xrange(
      this.keys.stream(topic).history,
      String(Math.max(0, sinceMs)),
      '+',
    );
    return entries
      .map(([, fields]) => historyEntry(fields))
      .filter((e) => e.node === node)
      .map(storedFrom);
  }

  async forgetRecent(topic: string): Promise<void> {
    const k = this.keys.stream(topic);
    await this.redis.del(k.history, k.nonces);
  }

  async forget(topic: string): Promise<void> {
    const k = this.keys.stream(topic);
    await this.redis.del(k.history, k.nonces, k.meta);
    // The write-ahead registries name the topics each node published on lately
    // (realtime/publish/write-ahead.ts): the name is the user's too.
    const wal = this.keys.writeAhead;
    for (const node of await this.redis.zrange(wal.nodes, '0', '-1'))
      await this.redis.zrem(wal.topics(node), topic);
  }

  async emit(topic: string, frame: string): Promise<void> {
    await this.redis.spublish(this.keys.stream(topic).live, frame);
  }

  async subscribe(topic: string): Promise<void> {
    const live = this.keys.stream(topic).live;
    this.subscribed.set(live, topic);
    await this.subscriber.ssubscribe(live);
  }

  async unsubscribe(topic: string): Promise<void> {
    const live = this.keys.stream(topic).live;
    this.subscribed.delete(live);
    await this.subscriber.sunsubscribe(live);
  }

  onFrame(handler: FrameHandler): void {
    this.handler = handler;
  }

  /** Closes only the subscriber connection, for a process that shares its command connection. */
  async closeSubscriber(): Promise<void> {
    this.subscribed.clear();
    // A lazy subscriber that never connected has nothing to quit.
    if (this.subscriber.status === 'wait') this.subscriber.disconnect();
    else await this.subscriber.quit().catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.closeSubscriber(), this.redis.quit()]);
  }
}
