// Permission resolution, one row per rule: each level of overwrites, their order, deny beating
// allow at the same level, the implicit rules, and the administrator bypass.
import { describe, expect, it } from 'vitest';
import {
  ALL_PERMISSIONS,
  fromNames,
  Permission,
  permissionNames,
  type PermissionName,
} from './permissions.js';
import { channelPermissions, type Overwrite, type PermissionSubject } from './resolve.js';

const P = (...names: PermissionName[]) => fromNames(names);
const everyone = { id: 'r-everyone', permissions: P('VIEW_CHANNEL') };
const member = {
  id: 'r-member',
  permissions: P('VIEW_CHANNEL', 'SEND_MESSAGES', 'ADD_REACTIONS', 'EMBED_LINKS'),
};
const helper = { id: 'r-helper', permissions: P('PIN_MESSAGES') };
const admin = { id: 'r-admin', permissions: P('ADMINISTRATOR') };

const subject = (
  roles: PermissionSubject['roles'],
  extra: Partial<PermissionSubject> = {},
): PermissionSubject => ({
  userId: 'u1',
  everyone,
  roles,
  ...extra,
});
const ow = (
  targetType: Overwrite['targetType'],
  targetId: string,
  allow: number,
  deny: number,
): Overwrite => ({
  targetType,
  targetId,
  allow,
  deny,
});

const cases: {
  name: string;
  who: PermissionSubject;
  overwrites: Overwrite[];
  has: PermissionName[];
  lacks: PermissionName[];
}[] = [
  {
    name: 'base: @everyone alone',
    who: subject([]),
    overwrites: [],
    has: ['VIEW_CHANNEL'],
    lacks: ['SEND_MESSAGES'],
  },
  {
    name: 'base: roles add to @everyone',
    who: subject([member, helper]),
    overwrites: [],
    has: ['SEND_MESSAGES', 'PIN_MESSAGES'],
    lacks: ['MANAGE_MESSAGES'],
  },
  {
    name: '@everyone overwrite denies',
    who: subject([member]),
    overwrites: [ow('role', 'r-everyone', 0, P('ADD_REACTIONS'))],
    has: ['SEND_MESSAGES'],
    lacks: ['ADD_REACTIONS'],
  },
  {
    name: '@everyone overwrite allows',
    who: subject([]),
    overwrites: [ow('role', 'r-everyone', P('SEND_MESSAGES'), 0)],
    has: ['SEND_MESSAGES'],
    lacks: ['PIN_MESSAGES'],
  },
  {
    name: 'role overwrite beats @everyone overwrite',
    who: subject([member]),
    overwrites: [
      ow('role', 'r-everyone', 0, P('SEND_MESSAGES')),
      ow('role', 'r-member', P('SEND_MESSAGES'), 0),
    ],
    has: ['SEND_MESSAGES'],
    lacks: [],
  },
  {
    name: 'role overwrite of a role the member lacks does nothing',
    who: subject([member]),
    overwrites: [ow('role', 'r-helper', 0, P('SEND_MESSAGES'))],
    has: ['SEND_MESSAGES'],
    lacks: [],
  },
  {
    name: 'deny beats allow among role overwrites (same level)',
    who: subject([member, helper]),
    overwrites: [
      ow('role', 'r-member', P('MANAGE_MESSAGES'), 0),
      ow('role', 'r-helper', 0, P('MANAGE_MESSAGES')),
    ],
    has: ['SEND_MESSAGES'],
    lacks: ['MANAGE_MESSAGES'],
  },
  {
    name: 'deny beats allow within one overwrite',
    who: subject([member]),
    overwrites: [ow('member', 'u1', P('PIN_MESSAGES'), P('PIN_MESSAGES'))],
    has: [],
    lacks: ['PIN_MESSAGES'],
  },
  {
    name: 'member overwrite beats role overwrites',
    who: subject([member]),
    overwrites: [ow('role', 'r-member', 0, P('SEND_MESSAGES')), ow('member', 'u1', P('SEND_MESSAGES'), 0)],
    has: ['SEND_MESSAGES'],
    lacks: [],
  },
  {
    name: 'member overwrite denies what roles allow',
    who: subject([member]),
    overwrites: [ow('member', 'u1', 0, P('ADD_REACTIONS'))],
    has: ['SEND_MESSAGES'],
    lacks: ['ADD_REACTIONS'],
  },
  {
    name: 'another member’s overwrite does nothing',
    who: subject([member]),
    overwrites: [ow('member', 'u2', 0, P('SEND_MESSAGES'))],
    has: ['SEND_MESSAGES'],
    lacks: [],
  },
  {
    name: 'private channel: @everyone denied view, role allowed',
    who: subject([member, helper]),
    overwrites: [
      ow('role', 'r-everyone', 0, P('VIEW_CHANNEL')),
      ow('role', 'r-helper', P('VIEW_CHANNEL'), 0),
    ],
    has: ['VIEW_CHANNEL', 'SEND_MESSAGES'],
    lacks: [],
  },
  {
    name: 'implicit: no view, nothing at all',
    who: subject([member]),
    overwrites: [ow('role', 'r-everyone', 0, P('VIEW_CHANNEL'))],
    has: [],
    lacks: ['VIEW_CHANNEL', 'SEND_MESSAGES', 'ADD_REACTIONS'],
  },
  {
    name: 'implicit: no send, no embeds nor @everyone',
    who: subject([member, { id: 'r-x', permissions: P('MENTION_EVERYONE') }]),
    overwrites: [ow('role', 'r-member', 0, P('SEND_MESSAGES'))],
    has: ['VIEW_CHANNEL', 'ADD_REACTIONS'],
    lacks: ['EMBED_LINKS', 'MENTION_EVERYONE'],
  },
  {
    name: 'administrator bypasses every overwrite',
    who: subject([admin]),
    overwrites: [ow('role', 'r-everyone', 0, ALL_PERMISSIONS), ow('member', 'u1', 0, ALL_PERMISSIONS)],
    has: ['VIEW_CHANNEL', 'MANAGE_ROLES', 'MODERATE_MEMBERS'],
    lacks: [],
  },
  {
    name: 'owner bypasses every overwrite',
    who: subject([], { isOwner: true }),
    overwrites: [ow('member', 'u1', 0, ALL_PERMISSIONS)],
    has: ['MANAGE_CHANNELS', 'ADMINISTRATOR'],
    lacks: [],
  },
];

describe('channelPermissions', () => {
  it.each(cases)('$name', ({ who, overwrites, has, lacks }) => {
    const bits = channelPermissions(who, overwrites);
    const names = permissionNames(bits);
    for (const name of has) expect(names, `expected ${name}`).toContain(name);
    for (const name of lacks) expect(names, `expected no ${name}`).not.toContain(name);
  });

  it('keeps every bit distinct and below 2^31', () => {
    const bits = Object.values(Permission);
    expect(new Set(bits).size).toBe(bits.length);
    expect(bits.every((b) => b > 0 && b < 2 ** 31 && (b & (b - 1)) === 0)).toBe(true);
  });
});
