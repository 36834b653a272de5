// The moderation domain, assembled for a hub node: AutoMod and the scoring hand-off on the
// gateway's message path, and the REST routes of the review queue and the settings. It builds
// on the community module's dependencies; community/ never imports moderation/.
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { CommunityApiDeps } from '../community/api/support.js';
import type { PublishHooks } from '../realtime/gateway/hooks.js';
import type { RouteDefinition } from '../realtime/transport/api/index.js';
import type { JobQueue } from '../storage/queue/job-queue.js';
import { AutoModRegistry } from './automod/registry.js';
import { autoModTextScreen, type TextScreen } from './message-path/automod-text-screen.js';
import { createModerationMetrics } from './metrics.js';
import { autoModEditScreen } from './message-path/automod-edit-screen.js';
import { autoModGate } from './message-path/automod-gate.js';
import { enqueueScoring } from './message-path/scoring-enqueue.js';
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
  /** To run after the chat domain's hooks (AutoMod reads the message the chat hook shaped). */
  hooks: PublishHooks;
  routes: RouteDefinition[];
  registry: AutoModRegistry;
  /** AutoMod for text other features take from members (live-session questions). */
  screenText: TextScreen;
}

export function createModerationModule(deps: ModerationModuleDeps): ModerationModule {
  const registry = new AutoModRegistry(deps.log);
  const metrics = createModerationMetrics(deps.metricsRegistry);
  const gate = autoModGate({ access: deps.api.access, registry, api: deps.api, log: deps.log, metrics });
  deps.api.screens.edit.push(autoModEditScreen(deps.api, registry, deps.log, metrics));
  return {
    hooks: {
      before: gate.before ?? [],
      after: [...(gate.after ?? []), ...(deps.scoring ? [enqueueScoring(deps.scoring, deps.log)] : [])],
    },
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
