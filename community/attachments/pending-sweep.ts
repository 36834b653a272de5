// The sweep of pending uploads as a worker's scheduled job (hub/processors.ts): an upload no sent
// message claimed within HUB_ATTACHMENTS_PENDING_TTL_S is deleted, bytes first. Scheduled once
// however many workers run (a BullMQ job scheduler); each run deletes what is due by then.
import type { Logger } from 'pino';
import type { JobHandler } from '../../storage/queue/job-queue.js';
import type { Attachments } from './attachments.js';

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

export function pendingSweepProcessor(
  attachments: Attachments,
  log: Logger,
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
    },
    // The store's own connections (S3's client); GridFS uses the worker's MongoDB connection.
    close: () => attachments.store.close(),
  };
}
