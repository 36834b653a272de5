// The community domain, assembled for a hub node: the cached directory (kept fresh through the
// control bus), the gateway's authorizer, the chat extension of the publish pipeline, and the
// REST routes.
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { ControlBus } from '../realtime/control.js';
import type { Authorizer } from '../realtime/gateway/authorizer.js';
import type { PublishExtension } from '../realtime/publish/pipeline.js';
import type { Publisher } from '../realtime/publisher.js';
import type { RouteDefinition } from '../realtime/transport/api/index.js';
import { CommunityAccess } from './access.js';
import { communityApi } from './api/index.js';
import type { Attachments } from './attachments/attachments.js';
import { attachmentRoutes } from './attachments/attachments.routes.js';
import type { CommunityApiDeps } from './api/support.js';
import { CommunityAuthorizer } from './authorizer.js';
import { chatExtension } from './chat/chat-extension.js';
import { CommunityDirectory } from './directory.js';
import { NO_EVENTS, type MarketplaceEvents } from './events/marketplace-events.js';
import type { OfflineNotifier } from './notifications/offline-notifier.js';
import { Privacy } from './privacy.js';
import type { CommunityEraser } from './provisioning-deps.js';
import type { RedisClient } from '../storage/redis.js';
import type { Broker } from '../realtime/broker/broker.js';
import type { MessageStore } from '../storage/messages/message-store.js';

export interface CommunityModuleDeps {
  connection: Connection;
  control: ControlBus;
  store: MessageStore;
  broker: Broker;
  /** The node's publisher (the pipeline's sequence and persist stages). */
  publisher: Publisher;
  notifier?: OfflineNotifier;
  /** Where the marketplace's events go; none when no events webhook is configured. */
  events?: MarketplaceEvents;
  log: Logger;
  directoryTtlMs?: number;
  /** Communities of at most this many members are read whole (HUB_PERMISSIONS_ROSTER_MAX_MEMBERS). */
  rosterMaxMembers?: number;
  /** Where a deleted community's topic keys are forgotten. */
  redis: RedisClient;
  keyPrefix: string;
  /** Files in chat; without it (no object store) uploads answer `not_ready`. */
  attachments?: Attachments;
  /** The upload route's byte bound (the attachments section's `maxBytes`). */
  attachmentMaxBytes?: number;
}

export interface CommunityModule {
  access: CommunityAccess;
  authorizer: Authorizer;
  /** Chat messages on the publish pipeline (parse, authorize, ack, after). */
  extension: PublishExtension;
  routes: RouteDefinition[];
  /** What routes of the features built on the community (moderation) are given. */
  apiDeps: CommunityApiDeps;
  /** Features built on the community (live sessions, support) add what erases their part of one. */
  erasers: CommunityEraser[];
}

export function createCommunityModule(deps: CommunityModuleDeps): CommunityModule {
  const directory = new CommunityDirectory(deps.connection, {
    ttlMs: deps.directoryTtlMs,
    rosterMaxMembers: deps.rosterMaxMembers,
  });
  deps.control.onMessage((m) => {
    if (m.op === 'invalidate') directory.invalidate(m.communityId);
  });
  // Invalidations sent while this node's control subscription was down were missed.
  deps.control.onResubscribed(() => directory.invalidateAll());
  const access = new CommunityAccess(directory);
  const privacy = new Privacy({
    connection: deps.connection,
    store: deps.store,
    broker: deps.broker,
    control: deps.control,
  });
  if (deps.attachments) privacy.register(deps.attachments.privacySource());
  const api: CommunityApiDeps = {
    connection: deps.connection,
    access,
    control: deps.control,
    publisher: deps.publisher,
    privacy,
    screens: { edit: [], upload: [] },
    events: deps.events ?? NO_EVENTS,
    ...(deps.attachments ? { attachments: deps.attachments } : {}),
    provisioning: {
      connection: deps.connection,
      store: deps.store,
      redis: deps.redis,
      keyPrefix: deps.keyPrefix,
      control: deps.control,
      erasers: deps.attachments ? [removeCommunityFiles(deps.attachments)] : [],
    },
  };
  return {
    access,
    authorizer: new CommunityAuthorizer(access),
    extension: chatExtension({
      connection: deps.connection,
      access,
      publisher: deps.publisher,
      notifier: deps.notifier,
      log: deps.log,
      ...(deps.attachments ? { attachments: deps.attachments } : {}),
    }),
    routes: [
      ...communityApi(api),
      ...attachmentRoutes(api, deps.attachments ?? null, {
        maxBytes: deps.attachments?.settings.maxBytes ?? deps.attachmentMaxBytes ?? 0,
      }),
    ],
    apiDeps: api,
    erasers: api.provisioning.erasers,
  };
}

/** A deleted community's files go from the store with it. */
const removeCommunityFiles =
  (attachments: Attachments): CommunityEraser =>
  async (communityId) => {
    await attachments.removeForCommunity(communityId);
  };
