// What the media module's parts share on a hub node: connections, LiveKit, the community's
// access rules, the publisher for hub events, and the reminder queue.
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { CommunityAccess } from '../community/access.js';
import type { MarketplaceEvents } from '../community/events/marketplace-events.js';
import type { TextScreen } from '../moderation/message-path/automod-text-screen.js';
import type { Publisher } from '../realtime/publisher.js';
import type { JobQueue } from '../storage/queue/job-queue.js';
import type { RedisClient } from '../storage/redis.js';
import type { MediaKeys } from './keys.js';
import type { LiveKit } from './livekit.js';
import type { ReminderJob } from './sessions/reminders.js';

export interface MediaSettings {
  /** How long before the start members who marked interest are reminded. */
  reminderLeadS: number;
  /** Lifetime of a LiveKit join token: a removed participant's token soon expires anyway. */
  tokenTtlS: number;
  /** LiveKit closes a room this long after its last participant left. */
  emptyTimeoutS: number;
  /** Webhooks older than this (by their createdAt) are refused as replays. */
  webhookMaxAgeS: number;
}

export interface MediaContext {
  connection: Connection;
  redis: RedisClient;
  keys: MediaKeys;
  livekit: LiveKit;
  access: CommunityAccess;
  publisher: Publisher;
  reminders: JobQueue<ReminderJob> | undefined;
  settings: MediaSettings;
  /** The community's AutoMod for questions (block, hold, alert, timeout). */
  screenText: TextScreen;
  /** Signed events to the marketplace: sessions scheduled, started, ended. */
  events: MarketplaceEvents;
  log: Logger;
}

/** The author of the hub's own events. */
export const HUB_AUTHOR = { id: 'hubbub', name: 'Hubbub' } as const;
