// A community's moderation settings: its AutoMod configuration and its scoring thresholds. They
// live on the community's document, so the community directory's cache (and its invalidation
// across nodes) carries them to every hub node with the rest of the community.
import type { Connection } from 'mongoose';
import { communityModel, EMPTY_AUTOMOD } from '../models/community.model.js';
import { notFound, oid, RepositoryError, validated, type Id } from './errors.js';

export interface ScoringThresholds {
  /** Risk from which a message is flagged for review; null: never. */
  flagAt: number | null;
  /** Risk from which it is also hidden; null: never. */
  hideAt: number | null;
}

export interface ModerationSettings {
  /** Canonical JSON of the AutoMod configuration. */
  automod: string;
  scoring: ScoringThresholds;
}

export const DEFAULT_THRESHOLDS: ScoringThresholds = { flagAt: 0.6, hideAt: 0.9 };

/** Stored thresholds, the defaults where a document predates them. */
export function thresholdsOf(stored: Partial<ScoringThresholds> | null | undefined): ScoringThresholds {
  return {
    flagAt: stored?.flagAt === undefined ? DEFAULT_THRESHOLDS.flagAt : stored.flagAt,
    hideAt: stored?.hideAt === undefined ? DEFAULT_THRESHOLDS.hideAt : stored.hideAt,
  };
}

export async function getModerationSettings(
  connection: Connection,
  communityId: Id,
): Promise<ModerationSettings | null> {
  const doc = await communityModel(connection)
    .findById(oid(communityId, 'communityId'), { automod: 1, scoring: 1 })
    .lean();
  if (!doc) return null;
  return { automod: doc.automod ?? EMPTY_AUTOMOD, scoring: thresholdsOf(doc.scoring) };
}

/**
 * Replaces what is given. The AutoMod text must already be validated by the moderation module;
 * here it only has to be JSON. Thresholds: hideAt may not be below flagAt (a hidden message is
 * always flagged too).
 */
export async function updateModerationSettings(
  connection: Connection,
  communityId: Id,
  change: { automod?: string; scoring?: ScoringThresholds },
): Promise<ModerationSettings> {
  const id = oid(communityId, 'communityId');
  if (change.automod !== undefined) {
    try {
      JSON.parse(change.automod);
    } catch {
      throw new RepositoryError('validation_failed', 'automod must be JSON');
    }
  }
  const { flagAt, hideAt } = change.scoring ?? DEFAULT_THRESHOLDS;
  if (flagAt !== null && hideAt !== null && hideAt < flagAt) {
    throw new RepositoryError('validation_failed', 'scoring.hideAt may not be below scoring.flagAt');
  }
  const set: Record<string, unknown> = {};
  if (change.automod !== undefined) set['automod'] = change.automod;
  if (change.scoring !== undefined) set['scoring'] = change.scoring;
  const doc = await validated(
    communityModel(connection)
      .findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after', runValidators: true })
      .lean(),
  );
  if (!doc) throw notFound('community');
  return { automod: doc.automod ?? EMPTY_AUTOMOD, scoring: thresholdsOf(doc.scoring) };
}
