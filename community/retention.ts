// Retention: every community that keeps messages for a limited time loses, once a day, what is
// older: its chat messages (deleted, or kept with authorship removed: the community's choice)
// and the stored publications of its channels alike, and the files those messages carry
// (attachments: deleted with them, or kept with the uploader's pseudonym). Run by a worker,
// recorded in the audit log.
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { MessageStore } from '../storage/messages/message-store.js';
import { communityModel } from '../storage/models/community.model.js';
import { appendAudit } from '../storage/repositories/audit.js';
import { applyRetention } from '../storage/repositories/retention.js';
import { chanTopicPrefix } from '../protocol/index.js';
import type { Attachments } from './attachments/attachments.js';

export const RETENTION_QUEUE = 'retention';
export const RETENTION_EVERY_MS = 24 * 3600_000;

export interface RetentionRun {
  communityId: string;
  mode: 'delete' | 'anonymize';
  messages: number;
  publications: number;
  /** Attachments deleted, or whose uploader was anonymized. */
  files: number;
}

export interface RetentionOptions {
  now?: number;
  /** The files of the messages concerned; without it they are left alone. */
  attachments?: Pick<Attachments, 'applyRetention'>;
}

export async function runRetention(
  connection: Connection,
  store: MessageStore,
  log: Logger,
  { now = Date.now(), attachments }: RetentionOptions = {},
): Promise<RetentionRun[]> {
  const communities = await communityModel(connection)
    .find({ retentionDays: { $ne: null } }, { retentionDays: 1, retentionMode: 1 })
    .lean();
  const runs: RetentionRun[] = [];
  for (const community of communities) {
    if (!community.retentionDays) continue;
    const communityId = community._id.toHexString();
    const mode = community.retentionMode === 'anonymize' ? 'anonymize' : 'delete';
    const cutoff = now - community.retentionDays * 24 * 3600_000;
    // Files first: they are found by their message's time, whether or not the message is left.
    const files = (await attachments?.applyRetention(communityId, new Date(cutoff), mode)) ?? 0;
    const { messages } = await applyRetention(connection, community._id, new Date(cutoff), mode);
    const publications = await store.expire(chanTopicPrefix(communityId), cutoff, mode);
    runs.push({ communityId, mode, messages, publications, files });
    if (messages > 0 || publications > 0 || files > 0) {
      await appendAudit(connection, {
        communityId,
        actorId: 'system',
        action: 'retention.apply',
        details: { mode, messages, publications, files, days: community.retentionDays },
      });
      log.info({ communityId, mode, messages, publications, files }, 'retention applied');
    }
  }
  return runs;
}
