// Every Redis key and pub/sub channel name Hubbub uses is built here, so the key space can be
// read in one place. Keys that one Lua script touches together share a {hash tag}, so they land
// on one Redis Cluster slot; the pub/sub channel of a topic shares its topic's tag too, so
// sharded pub/sub (SPUBLISH/SSUBSCRIBE) delivers it from the same shard.

export interface KeySpace {
  /** ZSET of live worker processes: member = worker id, score = heartbeat expiry (ms). */
  workers: string;
  /** Keys of one topic's stream: position, recent history, nonces, live pub/sub channel. */
  stream(topic: string): StreamKeys;
  /** Keys of one topic's presence. */
  presence(topic: string): PresenceKeys;
  /** A token bucket (HASH tokens, ts). */
  bucket(name: string): string;
  /** A slowmode marker (STRING with PX expiry). */
  slowmode(name: string): string;
  /** LIST of a user's pending offline notifications (JSON events), oldest first. */
  notifications(userId: string): string;
  /** STRING held while one job sends a user's pending notifications (the job's id; expires). */
  notificationsSending(userId: string): string;
  /**
   * ZSET of one user's pending uploads in one scope (a community id, 'dm' or 'support'):
   * member = attachment id, score = when it was reserved (ms). Expires with the pending lifetime.
   */
  pendingUploads(userId: string, scope: string): string;
  /** Pub/sub channel of control messages to every node (disconnect a user, drop a subscription). */
  control: string;
  /** Keys of the audit logs' signed checkpoints (one {audit} slot for all). */
  auditCheckpoints: AuditCheckpointKeys;
  /** Colyseus' namespace: the prefix of its keys (one hash tag: its multi-key commands stay on
   * one slot) and of its pub/sub channels. Colyseus names the rest itself (`roomcaches`,
   * `$<roomId>`, `p:<processId>`, …). */
  colyseus: { keyPrefix: string; channelPrefix: string };
  /** The write-ahead registry of hub nodes (who may owe durable writes of which topics). */
  writeAhead: WriteAheadKeys;
}

export interface AuditCheckpointKeys {
  /** SET of the logs that have a checkpoint ('system' or a community id). */
  logs: string;
  /** HASH {seq, record}: a log's newest checkpoint; record is its signed JSON. */
  checkpoint(log: string): string;
}

/** All under one tag: the registry is read and written a node at a time, never with a topic. */
export interface WriteAheadKeys {
  /** ZSET node id -> last heartbeat (ms). */
  nodes: string;
  /** ZSET topic -> last publish (ms) of one node. */
  topics(nodeId: string): string;
  /** HASH {oldest}: the publication time of the oldest row the node had not stored yet (ms). */
  state(nodeId: string): string;
  /** STRING set NX by the node sweeping a dead node, so one sweeps it at a time. */
  claim(nodeId: string): string;
}

export interface StreamKeys {
  /** HASH {epoch, offset}: the topic's position. */
  meta: string;
  /** STREAM of recent publications, bounded by count and age. */
  history: string;
  /** ZSET nonce -> offset of the recent publications, for idempotent publish. */
  nonces: string;
  /** Sharded pub/sub channel of the topic's live frames: publications and ephemeral events. */
  live: string;
}

export interface PresenceKeys {
  /** ZSET connId -> expiry (ms). */
  conns: string;
  /** HASH connId -> JSON {id, name, status}. */
  info: string;
  /** HASH userId -> number of live connections. */
  users: string;
}

export function keySpace(prefix: string): KeySpace {
  return {
    workers: `${prefix}:workers`,
    stream(topic) {
      const tag = `${prefix}:{${topic}}`;
      return { meta: `${tag}:meta`, history: `${tag}:history`, nonces: `${tag}:nonces`, live: `${tag}:live` };
    },
    presence(topic) {
      const tag = `${prefix}:{${topic}}:presence`;
      return { conns: `${tag}:conns`, info: `${tag}:info`, users: `${tag}:users` };
    },
    bucket: (name) => `${prefix}:{rl:${name}}`,
    slowmode: (name) => `${prefix}:{sm:${name}}`,
    notifications: (userId) => `${prefix}:{notify:${userId}}:pending`,
    notificationsSending: (userId) => `${prefix}:{notify:${userId}}:sending`,
    pendingUploads: (userId, scope) => `${prefix}:{uploads:${userId}:${scope}}`,
    control: `${prefix}:control`,
    auditCheckpoints: {
      logs: `${prefix}:{audit}:checkpoints`,
      checkpoint: (log) => `${prefix}:{audit}:checkpoint:${log}`,
    },
    writeAhead: {
      nodes: `${prefix}:{wal}:nodes`,
      topics: (nodeId) => `${prefix}:{wal}:node:${nodeId}:topics`,
      state: (nodeId) => `${prefix}:{wal}:node:${nodeId}:state`,
      claim: (nodeId) => `${prefix}:{wal}:node:${nodeId}:claim`,
    },
    colyseus: { keyPrefix: `${prefix}:{colyseus}:`, channelPrefix: `${prefix}:colyseus:` },
  };
}

/**
 * STRING with PX expiry: the lock of one document's writes on a server whose updates are not
 * atomic (repositories/document-lock.ts). Named by the database rather than the key prefix:
 * every process writing a database must meet on the same key, whatever prefix it runs under.
 */
export function documentLockKey(database: string, document: string): string {
  return `doclock:{${database}}:${document}`;
}
