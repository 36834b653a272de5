// The OpenAPI 3.1 document of a hub node's HTTP API: generated from the zod schemas of the
// REST routes, plus the hand-written operational endpoints (operational-openapi.json).
// `npm run docs:openapi` writes it to docs/openapi.json; a test fails when that file is stale.
import type { CommunityApiDeps } from '../community/api/support.js';
import { communityApi } from '../community/api/index.js';
import { attachmentRoutes } from '../community/attachments/attachments.routes.js';
import { reviewRoutes } from '../moderation/review/routes.js';
import { settingsRoutes } from '../moderation/settings/settings.routes.js';
import { describeMediaApi } from '../media/module.js';
import { describeInboxApi } from '../inbox/module.js';
import {
  buildOpenApi,
  type OpenApiDocument,
  type OpenApiOptions,
  type RouteDefinition,
} from '../realtime/transport/api/index.js';
import operational from './routes/operational-openapi.json' with { type: 'json' };
import { HUBBUB_VERSION } from './version.js';

/** Route definitions only describe themselves here; nothing may call into these dependencies. */
const describeOnly = new Proxy({} as CommunityApiDeps, {
  get: (_, name) => {
    throw new Error(`openapi: routes were asked for ${String(name)} while being described`);
  },
});

/** Every REST route a hub node mounts, built only to be described (and their examples checked). */
export function describedRoutes(): RouteDefinition[] {
  return [
    ...communityApi(describeOnly),
    ...attachmentRoutes(describeOnly, null, { maxBytes: 0 }),
    ...describeMediaApi(),
    ...reviewRoutes(describeOnly),
    ...settingsRoutes(describeOnly),
    ...describeInboxApi(),
  ];
}

export function hubOpenApi(): OpenApiDocument {
  return buildOpenApi(describedRoutes(), {
    title: 'Hubbub HTTP API',
    version: HUBBUB_VERSION,
    description:
      'The HTTP API of a Hubbub hub node. Authenticate with `Authorization: Bearer <marketplace JWT>`. ' +
      'Errors share one body, `Error`, with a stable `code` (docs/protocol.md#error-codes).',
    extraPaths: operational.paths as OpenApiOptions['extraPaths'],
    extraSchemas: operational.schemas as OpenApiOptions['extraSchemas'],
  });
}
