// Examples of the service API's community routes for docs/openapi.json: a marketplace provisions
// "Pottery Makers" from the default template and manages it. hub/openapi-examples.test.ts checks
// them against the routes' schemas, so one left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

const communityId = '6571b2f4c9e77a0012ab3c41';
const roleIds = {
  everyone: '6571b2f4c9e77a0012ab3c42',
  member: '6571b2f4c9e77a0012ab3c43',
  host: '6571b2f4c9e77a0012ab3c44',
  agent: '6571b2f4c9e77a0012ab3c45',
  moderator: '6571b2f4c9e77a0012ab3c46',
  admin: '6571b2f4c9e77a0012ab3c47',
};
const roleNames = {
  everyone: '@everyone',
  member: 'Member',
  host: 'Host',
  agent: 'Support agent',
  moderator: 'Moderator',
  admin: 'Admin',
};

/** What the default template provisions, as the service routes show a community. */
const provisioned = {
  id: communityId,
  slug: 'pottery-makers',
  name: 'Pottery Makers',
  description: 'Makers sharing kiln time, glaze recipes and studio tips.',
  iconUrl: null,
  ownerId: 'provider-17',
  archived: false,
  settings: {
    retentionDays: null,
    retentionMode: 'delete',
    attachmentMaxBytes: null,
    attachmentMaxPerMessage: null,
    attachmentMaxPending: null,
  },
  roleMapping: {},
  roles: Object.entries(roleIds).map(([key, id], position) => ({
    id,
    key,
    name: roleNames[key as keyof typeof roleNames],
    position,
  })),
  channels: [
    {
      id: '6571b2f4c9e77a0012ab3c52',
      topic: `chan:${communityId}:6571b2f4c9e77a0012ab3c52`,
      kind: 'text',
      name: 'general',
    },
    {
      id: '6571b2f4c9e77a0012ab3c53',
      topic: `chan:${communityId}:6571b2f4c9e77a0012ab3c53`,
      kind: 'announcement',
      name: 'announcements',
    },
  ],
};

const updated = {
  ...provisioned,
  name: 'Pottery Makers Guild',
  iconUrl: 'https://market.example.com/communities/pottery-makers/icon.png',
  settings: {
    retentionDays: 365,
    retentionMode: 'anonymize',
    attachmentMaxBytes: 10_485_760,
    attachmentMaxPerMessage: 4,
    attachmentMaxPending: 20,
  },
  roleMapping: { provider: [roleIds.host], support: [roleIds.agent] },
};

export const serviceCommunitiesExamples = {
  createCommunity: {
    body: {
      slug: 'pottery-makers',
      name: 'Pottery Makers',
      description: 'Makers sharing kiln time, glaze recipes and studio tips.',
      ownerId: 'provider-17',
      ownerName: 'Mina Ito',
      template: 'default',
    },
    response: provisioned,
  },
  getCommunity: { response: updated },
  updateCommunity: {
    body: {
      name: 'Pottery Makers Guild',
      iconUrl: 'https://market.example.com/communities/pottery-makers/icon.png',
      settings: {
        retentionDays: 365,
        retentionMode: 'anonymize',
        attachmentMaxBytes: 10_485_760,
        attachmentMaxPerMessage: 4,
        attachmentMaxPending: 20,
      },
      roleMapping: { provider: [roleIds.host], support: [roleIds.agent] },
    },
    response: updated,
  },
  archiveCommunity: { response: { ...updated, archived: true } },
  unarchiveCommunity: { response: updated },
  deleteCommunity: {
    response: { deleted: true, messages: 1284, channels: 2, members: 57, cases: 3, redisKeys: 41 },
  },
} satisfies Record<string, RouteExamples>;
