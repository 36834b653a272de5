// The sweep of pending uploads as a worker's scheduled job (hub/processors.ts): an upload no sent
// message claimed within HUB_ATTACHMENTS_PENDING_TTL_S is deleted, bytes first; then the claim
// sweep (claim-sweep.ts) deletes files claimed by a message that was never stored, once the
// write-ahead registry says no hub node can still store it. Scheduled once however many workers
// run (a BullMQ job scheduler); each run deletes what is due by then.
import type { Logger } from 'pino';
import { owedSince } from '../../realtime/publish/write-ahead.js';
import type { JobHandler } from '../../storage/queue/job-queue.js';
import type { RedisClient } from '../../storage/redis.js';
import type { Attachments } from './attachments.js';
import { sweepClaims, type ClaimSweepGuards } from './claim-sweep.js';

export const ATTACHMENT_SWEEP_QUEUE = 'attachment-sweep';

const HOUR_MS = 3600_000;
const MINUTE_MS = 60_000;

/**
 * Hourly, or twice per pending lifetime when that is shorter (at most once a minute): an upload
 * outlives its lifetime by at most this much.
 */
export function pendingSweepEveryMs(pendingTtlS: number): number {
  return Math.max(MINUTE_MS, Math.min(HOUR_MS, (pendingTtlS * 1000) / 2));
}

export interface ClaimSweepDeps {
  /** The write-ahead registry's Redis and key prefix. */
  redis: RedisClient;
  keyPrefix: string;
  /** Which support messages are stored (the inbox's); without it support claims stay. */
  supportStored?: ClaimSweepGuards['supportStored'];
}

export function pendingSweepProcessor(
  attachments: Attachments,
  log: Logger,
  claims: ClaimSweepDeps,
): {
  queue: string;
  concurrency: number;
  every: { name: string; intervalMs: number };
  handler: JobHandler<unknown>;
  close: () => Promise<void>;
} {
  return {
    queue: ATTACHMENT_SWEEP_QUEUE,
    concurrency: 1,
    every: { name: 'sweep', intervalMs: pendingSweepEveryMs(attachments.settings.pendingTtlS) },
    handler: async () => {
      const removed = await attachments.sweepPending();
      if (removed > 0) log.info({ removed }, 'expired pending uploads deleted');
      const swept = await sweepClaims(attachments, {
        chatOwedSince: await owedSince(claims.redis, claims.keyPrefix),
        ...(claims.supportStored && { supportStored: claims.supportStored }),
      });
      if (swept.removed > 0)
        log.warn({ removed: swept.removed }, 'files claimed by messages never stored deleted');
    },
    // The store's own connections (S3's client); GridFS uses the worker's MongoDB connection.
    close: () => attachments.store.close(),
  };
}
