// Every REST route of the community domain, the service API's (service-*.routes.ts) included.
import type { RouteDefinition } from '../../realtime/transport/api/index.js';
import { channelRoutes } from './channels.routes.js';
import { communityRoutes } from './communities.routes.js';
import { memberProfileRoutes } from './member-profiles.routes.js';
import { memberRoutes } from './members.routes.js';
import { messageRoutes } from './messages.routes.js';
import { roleRoutes } from './roles.routes.js';
import { searchRoutes } from './search.routes.js';
import { serviceCommunityRoutes } from './service-communities.routes.js';
import { serviceMemberRoutes } from './service-members.routes.js';
import type { CommunityApiDeps } from './support.js';
import { userRoutes } from './users.routes.js';

export function communityApi(deps: CommunityApiDeps): RouteDefinition[] {
  return [
    ...communityRoutes(deps),
    ...channelRoutes(deps),
    ...messageRoutes(deps),
    ...searchRoutes(deps),
    ...memberRoutes(deps),
    ...memberProfileRoutes(deps),
    ...roleRoutes(deps),
    ...userRoutes(deps),
    ...serviceCommunityRoutes(deps),
    ...serviceMemberRoutes(deps),
  ];
}
