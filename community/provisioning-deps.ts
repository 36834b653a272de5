// What provisioning (community/provisioning.ts) works with, apart from it so the API's shared
// dependencies (api/support.ts) can name it without importing provisioning's own imports.
import type { Connection } from 'mongoose';
import type { RedisClient } from '../storage/redis.js';
import type { ControlBus } from '../realtime/control.js';
import type { MessageStore } from '../storage/messages/message-store.js';

/** Erases what a feature built on the community (live sessions, support) keeps of it. */
export type CommunityEraser = (communityId: string) => Promise<void>;

export interface ProvisioningDeps {
  connection: Connection;
  store: Pick<MessageStore, 'expire'>;
  redis: RedisClient;
  keyPrefix: string;
  control: Pick<ControlBus, 'send'>;
  /** Registered by the features built on the community when the hub is assembled. */
  erasers: CommunityEraser[];
}
