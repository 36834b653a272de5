// Examples of the role routes for docs/openapi.json: the default template's roles and a custom
// "Kiln tech" role. hub/openapi-examples.test.ts checks them against the routes' schemas, so one
// left behind by a schema change fails there.
import type { RouteExamples } from '../../realtime/transport/api/index.js';

const memberPermissions = [
  'VIEW_CHANNEL',
  'SEND_MESSAGES',
  'SEND_IN_THREADS',
  'ADD_REACTIONS',
  'EMBED_LINKS',
];
const kilnTech = {
  id: '6571b9c0c9e77a0012ab3c60',
  key: null,
  name: 'Kiln tech',
  permissions: [...memberPermissions, 'PIN_MESSAGES'],
  position: 2,
  mentionable: true,
};

export const rolesExamples = {
  updateRole: {
    body: { name: 'Kiln technician', color: '#d9822b' },
    response: { ...kilnTech, name: 'Kiln technician', color: '#d9822b' },
  },
  deleteRole: { response: { deleted: true, members: 4 } },
  listRoles: {
    response: {
      items: [
        {
          id: '6571b2f4c9e77a0012ab3c42',
          key: 'everyone',
          name: '@everyone',
          permissions: ['VIEW_CHANNEL'],
          position: 0,
          mentionable: false,
        },
        {
          id: '6571b2f4c9e77a0012ab3c43',
          key: 'member',
          name: 'Member',
          permissions: memberPermissions,
          position: 1,
          mentionable: false,
        },
        kilnTech,
      ],
    },
  },
  createRole: {
    body: {
      name: 'Kiln tech',
      permissions: [...memberPermissions, 'PIN_MESSAGES'],
      position: 2,
      mentionable: true,
    },
    response: kilnTech,
  },
  setRolePermissions: {
    body: { permissions: [...memberPermissions, 'PIN_MESSAGES'] },
    response: { ok: true },
  },
  giveRole: { response: { ok: true, changed: true } },
  takeRole: { response: { ok: true, changed: false } },
} satisfies Record<string, RouteExamples>;
