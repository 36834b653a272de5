// Configuration sections of moderation and permissions: the spam-scoring workers (`scoring`) and
// the permission checks' cache of members (`permissions`). Composed in ../schema.ts.
import { z } from 'zod';
import { count, positiveMs } from './fields.js';

export const scoring = z
  .object({
    /** Scoring jobs one worker process runs at once. */
    concurrency: count('concurrency').default(4),
    /** A scoring job's lock: a dead worker's job is taken over about this long after. */
    lockMs: positiveMs.default(30_000),
    /** How often workers look for jobs whose lock expired. */
    stalledIntervalMs: positiveMs.default(30_000),
    /** How often a worker checks for a newer spam model (no restart needed). */
    modelPollMs: positiveMs.default(5_000),
    /** How often the spam model is retrained from moderators' decisions. */
    retrainEveryMs: positiveMs.default(24 * 3600_000),
  })
  .strict();

// The permission checks' cache of members (community/directory.ts).
export const permissions = z
  .object({
    /** Communities of at most this many members (and as many bans) are read whole on a member's
     * first lookup, one query each; larger ones member by member, in batches. 0: never whole. */
    rosterMaxMembers: z.coerce.number({ error: 'must be a number' }).int().min(0).default(20_000),
  })
  .strict();
