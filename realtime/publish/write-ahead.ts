// Nothing delivered that is not kept: a publication is delivered by the same Redis step that
// appends it to the topic's recent history (publish.lua), and written to MongoDB right after by
// the node that published it. If that node dies in between, the history entry is the write-ahead
// log: it names the node, and this registry says which topics each node published on lately and
// the time of the oldest row it had not stored. Every hub node heartbeats here and sweeps: a node
// silent for deadAfterMs has its owed entries (those it published since its oldest unstored row)
// stored by whichever node claims it first. So within deadAfterMs + sweepEveryMs of a node's
// death, every publication it delivered is durable, with the id its subscribers received, as
// long as recent history still holds it (HUB_HISTORY_RECENT_MAX_COUNT / _MAX_AGE_S). The rows
// a sweep stores go to the same listeners as the group commit's (scoring), via onStored.
import type { Logger } from 'pino';
import type { RedisClient } from '../../storage/redis.js';
import type { CommittedListener } from '../../storage/messages/group-commit.js';
import type { MessageStore } from '../../storage/messages/message-store.js';
import { keySpace, type WriteAheadKeys } from '../../storage/redis-keys.js';
import type { Broker } from '../broker/broker.js';

export interface WriteAheadOptions {
  nodeId: string;
  keyPrefix: string;
  heartbeatMs: number;
  /** A node whose heartbeat is older than this is dead: its owed writes are swept. */
  deadAfterMs: number;
  sweepEveryMs: number;
  log: Logger;
}

/** Clock skew between nodes and Redis tolerated when reading a dead node's entries (ms). */
const SKEW_MS = 2_000;
/**
 * A topic is recorded at most once per this interval per node (ms): a record stands for the
 * publishes of the interval after it, so the sweep reads topics recorded up to this long before
 * the oldest unstored row. Long enough that a channel busy with a message every few seconds
 * costs no Redis round trip per publish.
 */
export const TRACK_EVERY_MS = 10_000;
/** Topics remembered as recorded, at most; past it the old ones are forgotten. */
const TRACKED_MAX = 10_000;
/** Registry keys outlive a node by this much, so an abandoned registry cleans itself (ms). */
const KEEP_MS = 24 * 3600_000;

/** What the registry needs of the node's store: where its unstored rows stand. */
export interface OwedRows {
  oldestUnstoredTs(): number | undefined;
}

interface DeferredRecord {
  topics: Set<string>;
  done: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

function deferredRecord(): DeferredRecord {
  let resolve: () => void = () => undefined;
  let reject: (err: unknown) => void = () => undefined;
  const done = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { topics: new Set(), done, resolve, reject };
}

export class WriteAhead {
  private readonly keys: WriteAheadKeys;
  private readonly tracked = new Map<string, { at: number; done: Promise<void> }>();
  /** A record is being written; topics tracked meanwhile wait in nextRecord. */
  private recording = false;
  private nextRecord: DeferredRecord | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;
  private readonly storedListeners: CommittedListener[] = [];

  /**
   * @param store where swept rows go (the durable store)
   * @param owed the node's own store, for the oldest row it has not stored yet
   */
  constructor(
    private readonly redis: RedisClient,
    private readonly broker: Broker,
    private readonly store: MessageStore,
    private readonly owed: OwedRows,
    private readonly options: WriteAheadOptions,
  ) {
    this.keys = keySpace(options.keyPrefix).writeAhead;
  }

  /**
   * Before publishing on a topic: records that this node may owe its durable writes. Concurrent
   * publishes on one topic wait for the same record, so none is delivered before it is there.
   * One record is written at a time; topics arriving meanwhile share the next one (one ZADD of
   * many members), so many small channels do not cost a Redis round trip per publish.
   */
  track(topic: string): Promise<void> {
    const now = Date.now();
    const last = this.tracked.get(topic);
    if (last && last.at > now - TRACK_EVERY_MS) return last.done;
    if (this.tracked.size > TRACKED_MAX) this.forgetOldTracks(now);
    let done: Promise<void>;
    if (this.recording) {
      this.nextRecord ??= deferredRecord();
      this.nextRecord.topics.add(topic);
      done = this.nextRecord.done;
    } else {
      done = this.record([topic]);
    }
    // A failed record is not cached: the next publish tries again.
    done.catch(() => {
      if (this.tracked.get(topic)?.done === done) this.tracked.delete(topic);
    });
    this.tracked.set(topic, { at: now, done });
    return done;
  }

  /** Writes one record of `topics`; when it ends, the topics that arrived meanwhile follow. */
  private record(topics: readonly string[]): Promise<void> {
    this.recording = true;
    const now = Date.now();
    const done = this.redis
      .zadd(this.keys.topics(this.options.nodeId), ...topics.flatMap((t) => [now, t]))
      .then(() => undefined);
    void done
      .catch(() => undefined)
      .finally(() => {
        this.recording = false;
        const next = this.nextRecord;
        this.nextRecord = undefined;
        if (next) this.record([...next.topics]).then(next.resolve, next.reject);
      });
    return done;
  }

  /**
   * Hears each batch of rows a sweep stored, as the group commit's listeners hear its writes: a
   * dead node's messages get the after-effects of storing (a scoring job) like any other.
   */
  onStored(listener: CommittedListener): void {
    this.storedListeners.push(listener);
  }

  /** Registers the node (heartbeat first, so it is alive before it publishes) and starts sweeping. */
  async start(): Promise<void> {
    this.heartbeatTimer = setInterval(
      () =>
        void this.heartbeat().catch((err: Error) => this.options.log.warn({ err }, 'write-ahead heartbeat')),
      this.options.heartbeatMs,
    );
    this.heartbeatTimer.unref();
    this.sweepTimer = setInterval(() => void this.sweepSafely(), this.options.sweepEveryMs);
    this.sweepTimer.unref();
    await this.heartbeat();
    void this.sweepSafely();
  }

  /**
   * Stops, after the node's store was closed: a node that stored everything leaves the registry;
   * one that still owes rows (its database was down) stays, and is swept once its heartbeat ages.
   */
  async stop(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    clearInterval(this.sweepTimer);
    await this.sweeping?.catch(() => 0);
    if (this.owed.oldestUnstoredTs() !== undefined) {
      await this.heartbeat();
      return;
    }
    const id = this.options.nodeId;
    await this.redis.zrem(this.keys.nodes, id);
    await this.redis.del(this.keys.topics(id), this.keys.state(id));
  }

  /** Stores what dead nodes owed; returns how many rows were written. One sweep at a time. */
  sweep(): Promise<number> {
    this.sweeping ??= this.sweepDead().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepSafely(): Promise<void> {
    try {
      const stored = await this.sweep();
      if (stored > 0) this.options.log.warn({ stored }, 'write-ahead: stored what dead nodes owed');
    } catch (err) {
      this.options.log.warn({ err }, 'write-ahead sweep failed; it runs again');
    }
  }

  private async heartbeat(): Promise<void> {
    const now = Date.now();
    const id = this.options.nodeId;
    const oldest = this.owed.oldestUnstoredTs() ?? now;
    await this.redis.zadd(this.keys.nodes, now, id);
    await this.redis.hset(this.keys.state(id), 'oldest', String(oldest));
    await this.redis.pexpire(this.keys.state(id), KEEP_MS);
    await this.redis.pexpire(this.keys.topics(id), KEEP_MS);
    // Topics published on before the oldest unstored row owe nothing any more.
    await this.redis.zremrangebyscore(this.keys.topics(id), '-inf', oldest - SKEW_MS - TRACK_EVERY_MS);
  }

  private async sweepDead(): Promise<number> {
    const dead = await this.redis.zrangebyscore(
      this.keys.nodes,
      '-inf',
      Date.now() - this.options.deadAfterMs,
    );
    let stored = 0;
    for (const node of dead) {
      if (node === this.options.nodeId) continue;
      const claimed = await this.redis.set(this.keys.claim(node), this.options.nodeId, 'PX', 30_000, 'NX');
      if (claimed !== 'OK') continue;
      stored += await this.storeOwed(node);
      await this.redis.zrem(this.keys.nodes, node);
      await this.redis.del(this.keys.topics(node), this.keys.state(node), this.keys.claim(node));
    }
    return stored;
  }

  private async storeOwed(node: string): Promise<number> {
    const oldest = Number((await this.redis.hget(this.keys.state(node), 'oldest')) ?? 0);
    const since = oldest - SKEW_MS;
    // A topic recorded up to TRACK_EVERY_MS before a publish is not recorded again for it.
    const topics = await this.redis.zrangebyscore(this.keys.topics(node), since - TRACK_EVERY_MS, '+inf');
    let stored = 0;
    for (const topic of topics) {
      const rows = await this.broker.owedBy(topic, node, since);
      if (rows.length === 0) continue;
      await this.store.insert(rows);
      stored += rows.length;
      for (const listener of this.storedListeners) void listener(rows);
    }
    return stored;
  }

  private forgetOldTracks(now: number): void {
    for (const [topic, { at }] of this.tracked) if (at <= now - TRACK_EVERY_MS) this.tracked.delete(topic);
    // All recent (very many channels): forget them all rather than scan them on every publish.
    if (this.tracked.size > TRACKED_MAX) this.tracked.clear();
  }
}

/**
 * The earliest time from which a hub node may still owe durable writes: the oldest unstored row
 * any registered node (alive, or dead and not swept yet) reported; null when none is registered.
 * Every publication made before it is stored, or lost for good (no longer in recent history).
 * A node registered without its state yet may owe anything: 0.
 */
export async function owedSince(redis: RedisClient, keyPrefix: string): Promise<number | null> {
  const keys = keySpace(keyPrefix).writeAhead;
  const nodes = await redis.zrangebyscore(keys.nodes, '-inf', '+inf');
  let earliest: number | null = null;
  for (const node of nodes) {
    const oldest = Number((await redis.hget(keys.state(node), 'oldest')) ?? 0);
    earliest = Math.min(earliest ?? oldest, oldest);
  }
  return earliest;
}
