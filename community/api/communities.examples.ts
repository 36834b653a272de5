// Examples of the member-facing community routes for docs/openapi.json, as member-42 of "Pottery
// Makers" sees them. hub/openapi-examples.test.ts checks them against the routes' schemas, so one
// left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

const potteryMakers = {
  id: '6571b2f4c9e77a0012ab3c41',
  slug: 'pottery-makers',
  name: 'Pottery Makers',
  description: 'Makers sharing kiln time, glaze recipes and studio tips.',
  member: true,
  permissions: ['VIEW_CHANNEL', 'SEND_MESSAGES', 'SEND_IN_THREADS', 'ADD_REACTIONS', 'EMBED_LINKS'],
};

export const communitiesExamples = {
  listMyCommunities: { response: { items: [potteryMakers] } },
  getCommunityBySlug: { response: { ...potteryMakers, member: false, permissions: [] } },
  joinCommunity: { response: potteryMakers },
  leaveCommunity: {},
} satisfies Record<string, RouteExamples>;
