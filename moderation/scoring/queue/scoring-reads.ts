// What scoring reads beside the message: a community's moderation settings and an author's
// standing in it. A job's messages are a stored batch, mostly of few communities and authors, so
// a community's settings are read once per job (a change of thresholds counts from the next job
// on). An author's standing (since when a member, how many violations) changes rarely and slowly,
// so a worker keeps it for STANDING_KEEP_MS across jobs: a busy channel's regulars cost no read
// per message (on FerretDB each read scans its collection). A moderator's decision therefore
// counts in the author's trust within that time.
import type { Connection } from 'mongoose';
import { authorStanding, type AuthorStanding } from '../../../storage/repositories/author-trust.js';
import {
  getModerationSettings,
  type ModerationSettings,
} from '../../../storage/repositories/moderation-settings.js';

/** How long a worker keeps an author's standing. */
export const STANDING_KEEP_MS = 30_000;
/** The most standings a worker keeps; the oldest go first. */
export const STANDING_KEEP_MAX = 10_000;

/** A worker's authors' standings, each kept STANDING_KEEP_MS after it was read. */
export class StandingCache {
  private readonly kept = new Map<string, { at: number; standing: Promise<AuthorStanding> }>();

  constructor(
    private readonly connection: Connection,
    private readonly now: () => number = Date.now,
  ) {}

  get(communityId: string, authorId: string): Promise<AuthorStanding> {
    const key = `${communityId}/${authorId}`;
    const at = this.now();
    const entry = this.kept.get(key);
    if (entry && at - entry.at < STANDING_KEEP_MS) return entry.standing;
    this.kept.delete(key);
    const standing = authorStanding(this.connection, communityId, authorId);
    standing.catch(() => this.kept.delete(key)); // a failed read is asked again
    this.kept.set(key, { at, standing });
    // Maps iterate in insertion order: the first key is the oldest read.
    if (this.kept.size > STANDING_KEEP_MAX) this.kept.delete(this.kept.keys().next().value as string);
    return standing;
  }
}

/** One job's reads: each community's settings once, standings through the worker's cache. */
export class ScoringReads {
  private readonly settingsOf = new Map<string, Promise<ModerationSettings | null>>();

  constructor(
    private readonly connection: Connection,
    private readonly standings = new StandingCache(connection),
  ) {}

  settings(communityId: string): Promise<ModerationSettings | null> {
    let pending = this.settingsOf.get(communityId);
    if (!pending) {
      pending = getModerationSettings(this.connection, communityId);
      pending.catch(() => this.settingsOf.delete(communityId));
      this.settingsOf.set(communityId, pending);
    }
    return pending;
  }

  standing(communityId: string, authorId: string): Promise<AuthorStanding> {
    return this.standings.get(communityId, authorId);
  }
}
