// Every Redis key and pub/sub channel name Hubbub uses is built here, so the key space can be
// read in one place. Keys that a multi-key script touches together share a {hash tag}, so they
// land on one Redis Cluster slot.

export interface KeySpace {
  /** ZSET of live worker processes: member = worker id, score = heartbeat expiry (ms). */
  workers: string;
}

export function keySpace(prefix: string): KeySpace {
  return {
    workers: `${prefix}:workers`,
  };
}
