// The moderation domain, assembled for a hub node: AutoMod and the scoring hand-off on the
// gateway's message path, and the REST routes of the review queue and the settings. It builds
// on the community module's dependencies; community/ never imports moderation/.
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { CommunityApiDeps } from '../community/api/support.js';
import type { PublishExtension } from '../realtime/publish/pipeline.js';
import type { CommittedListener } from '../storage/messages/group-commit.js';
import type { RouteDefinition } from '../realtime/transport/api/index.js';
import type { JobQueue } from '../storage/queue/job-queue.js';
import { AutoModRegistry } from './automod/registry.js';
import { autoModTextScreen, type TextScreen } from './message-path/automod-text-screen.js';
import { createModerationMetrics } from './metrics.js';
import { autoModEditScreen } from './message-path/automod-edit-screen.js';
import { autoModUploadScreen } from './message-path/automod-upload-screen.js';
import { autoModExtension } from './message-path/automod-gate.js';
import { ScoringEnqueuer } from './message-path/scoring-enqueue.js';
import { reviewRoutes } from './review/routes.js';
import type { ScoringJob } from './scoring/queue/scoring-job.js';
import { settingsRoutes } from './settings/settings.routes.js';

export interface ModerationModuleDeps {
  api: CommunityApiDeps;
  log: Logger;
  /** The node's metrics registry, for AutoMod's counters. */
  metricsRegistry?: Registry;
  /** The scoring workers' queue; without it messages are not scored. */
  scoring?: JobQueue<ScoringJob>;
}

export interface ModerationModule {
  /** AutoMod on the publish pipeline's automod stage (it reads the message chat's parse made). */
  extension: PublishExtension;
  /** Hands stored community messages to the scoring workers; none without a queue. */
  onCommitted?: CommittedListener;
  /** At shutdown, before the scoring queue closes: enqueues the stored messages still waiting. */
  close(): Promise<void>;
  routes: RouteDefinition[];
  registry: AutoModRegistry;
  /** AutoMod for text other features take from members (live-session questions). */
  screenText: TextScreen;
}

export function createModerationModule(deps: ModerationModuleDeps): ModerationModule {
  const registry = new AutoModRegistry(deps.log);
  const metrics = createModerationMetrics(deps.metricsRegistry);
  deps.api.screens.edit.push(autoModEditScreen(deps.api, registry, deps.log, metrics));
  deps.api.screens.upload.push(autoModUploadScreen(deps.api, registry, deps.log, metrics));
  const scoring = deps.scoring && new ScoringEnqueuer(deps.scoring, deps.log);
  return {
    extension: autoModExtension({ registry, api: deps.api, log: deps.log, metrics }),
    ...(scoring && { onCommitted: scoring.onStored }),
    close: () => scoring?.close() ?? Promise.resolve(),
    routes: [...reviewRoutes(deps.api), ...settingsRoutes(deps.api)],
    registry,
    screenText: autoModTextScreen({
      access: deps.api.access,
      registry,
      api: deps.api,
      log: deps.log,
      metrics,
    }),
  };
}
