// Every REST route of the moderators' review queue. The hub mounts them beside the community
// routes (hub/node.ts) with the community's dependencies: community/ never imports moderation/.
import type { CommunityApiDeps } from '../../community/api/support.js';
import type { RouteDefinition } from '../../realtime/transport/api/index.js';
import { auditRoutes } from './audit.routes.js';
import { caseRoutes } from './cases.routes.js';
import { decisionRoutes } from './decisions.routes.js';
import { reportRoutes } from './reports.routes.js';

export function reviewRoutes(deps: CommunityApiDeps): RouteDefinition[] {
  return [...reportRoutes(deps), ...caseRoutes(deps), ...decisionRoutes(deps), ...auditRoutes(deps)];
}
