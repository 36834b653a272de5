// The roles every community starts with, one per marketplace role in the JWT, plus @everyone.
// A member gets the roles matching the marketplace roles of their token when they join.
import { fromNames, type PermissionName } from './permissions.js';

export const MARKETPLACE_ROLES = ['member', 'host', 'agent', 'moderator', 'admin'] as const;
export type MarketplaceRole = (typeof MARKETPLACE_ROLES)[number];

export interface DefaultRole {
  key: 'everyone' | MarketplaceRole;
  name: string;
  permissions: number;
  /** Higher ranks above lower in lists and in who may act on whom. */
  position: number;
}

const MEMBER: PermissionName[] = [
  'VIEW_CHANNEL',
  'SEND_MESSAGES',
  'SEND_IN_THREADS',
  'ADD_REACTIONS',
  'EMBED_LINKS',
];

export const DEFAULT_ROLES: readonly DefaultRole[] = [
  // @everyone may look around (public channels) but not talk until they hold the member role.
  { key: 'everyone', name: '@everyone', permissions: fromNames(['VIEW_CHANNEL']), position: 0 },
  { key: 'member', name: 'Member', permissions: fromNames(MEMBER), position: 1 },
  {
    key: 'host',
    name: 'Host',
    permissions: fromNames([...MEMBER, 'HOST_SESSIONS', 'SPEAK_ON_STAGE']),
    position: 2,
  },
  { key: 'agent', name: 'Support agent', permissions: fromNames([...MEMBER, 'ANSWER_SUPPORT']), position: 3 },
  {
    key: 'moderator',
    name: 'Moderator',
    permissions: fromNames([
      ...MEMBER,
      'MANAGE_MESSAGES',
      'PIN_MESSAGES',
      'MODERATE_MEMBERS',
      'MENTION_EVERYONE',
    ]),
    position: 4,
  },
  { key: 'admin', name: 'Admin', permissions: fromNames(['ADMINISTRATOR']), position: 5 },
];

/** The role keys a token's marketplace roles map to; unknown marketplace roles map to none. */
export function roleKeysFor(marketplaceRoles: readonly string[]): MarketplaceRole[] {
  return MARKETPLACE_ROLES.filter((r) => marketplaceRoles.includes(r));
}
