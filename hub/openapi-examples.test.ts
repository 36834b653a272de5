// Every route of docs/openapi.json shows an example of its response (and of its request body when
// it takes one), and each example is one the route's own schemas accept as written: a schema change
// that leaves an example behind fails here, not in a reader's integration. An error example is
// shown under the status its code answers.
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../protocol/index.js';
import { describedRoutes, hubOpenApi } from './openapi.js';

const routes = describedRoutes().map((route) => [route.operationId, route] as const);

describe('the OpenAPI examples', () => {
  it.each(routes)('%s has a response example, and a body example when it takes a JSON body', (_, route) => {
    const jsonResponse = route.status !== 204 && !route.download;
    expect(route.examples.response !== undefined).toBe(jsonResponse);
    expect(route.examples.body !== undefined).toBe(route.body !== undefined);
  });

  it.each(routes)('%s: its examples pass its schemas as they are written', (_, route) => {
    if (route.body) {
      const body = route.body.safeParse(route.examples.body);
      expect(body.error?.issues ?? []).toEqual([]);
    }
    if (route.examples.response !== undefined) {
      const response = route.response.safeParse(route.examples.response);
      expect(response.error?.issues ?? []).toEqual([]);
      // The schema strips fields it does not declare: an example must not show any.
      expect(response.data).toEqual(route.examples.response);
    }
  });

  it.each(routes)('%s: its error examples are shown, each under a status it answers', (_, route) => {
    const responses = Object.values(hubOpenApi().paths).flatMap((item) =>
      Object.values(item).filter((op) => op.operationId === route.operationId),
    )[0]?.responses;
    for (const error of route.examples.errors ?? []) {
      const status = String(ErrorCodes[error.code].status);
      expect(responses?.[status]?.content?.['application/json']?.examples?.[error.code]).toEqual({
        value: { error },
      });
    }
  });
});
