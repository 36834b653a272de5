// Examples of the service API's member routes for docs/openapi.json: roles are named by key
// (`member`, `host`...) or by id. hub/openapi-examples.test.ts checks them against the routes'
// schemas, so one left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

export const serviceMembersExamples = {
  upsertMember: {
    body: {
      roles: ['member', 'host'],
      name: 'Mina Ito',
      picture: 'https://cdn.marketplace.example/avatars/provider-17.png',
    },
    response: { userId: 'provider-17', outcome: 'created' },
  },
  upsertMembersBulk: {
    body: {
      members: [
        { userId: 'member-42', roles: ['member'], name: 'Ada Okafor', picture: null },
        {
          userId: 'provider-17',
          roles: ['member', 'host'],
          name: 'Mina Ito',
          picture: 'https://cdn.marketplace.example/avatars/provider-17.png',
        },
        { userId: 'member-13', roles: ['member'] },
      ],
    },
    response: {
      items: [
        { userId: 'member-42', outcome: 'created' },
        { userId: 'provider-17', outcome: 'updated' },
        { userId: 'member-13', outcome: 'banned' },
      ],
    },
  },
  removeMember: { response: { removed: true } },
} satisfies Record<string, RouteExamples>;
