// The building blocks of the REST API under /api/v1: define routes, wire them, page through
// results, describe them in OpenAPI.
export { ApiError } from './api-error.js';
export {
  defineRoute,
  type ApiMethod,
  type ApiPath,
  type Callers,
  type HandlerInput,
  type RouteDefinition,
  type RouteExamples,
  type RouteSpec,
} from './define-route.js';
export { buildOpenApi, errorBodySchema, type OpenApiDocument, type OpenApiOptions } from './openapi.js';
export {
  defineCursor,
  DEFAULT_PAGE_LIMIT,
  limitQuery,
  MAX_PAGE_LIMIT,
  pageSchema,
  toPage,
  type Cursor,
  type Page,
} from './pagination.js';
export { apiLimitsFrom, toHttpRoutes, type ApiContext, type ApiLimits } from './to-http-routes.js';
