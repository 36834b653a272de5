// Examples of the member profiles route for docs/openapi.json. hub/openapi-examples.test.ts
// checks them against the route's schemas, so one left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

export const memberProfilesExamples = {
  memberProfiles: {
    response: {
      items: [
        { userId: 'member-42', name: 'Ada Okafor', picture: null },
        {
          userId: 'provider-17',
          name: 'Mina Ito',
          picture: 'https://cdn.marketplace.example/avatars/provider-17.png',
        },
      ],
    },
  },
} satisfies Record<string, RouteExamples>;
