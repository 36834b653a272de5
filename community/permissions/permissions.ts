// Permission bits of a community, Discord's model: a role carries a set of bits; a channel
// may overwrite them per role and per member. Stored as plain numbers (< 2^31).

export const Permission = {
  VIEW_CHANNEL: 1 << 0,
  SEND_MESSAGES: 1 << 1,
  SEND_IN_THREADS: 1 << 2,
  ADD_REACTIONS: 1 << 3,
  EMBED_LINKS: 1 << 4,
  MENTION_EVERYONE: 1 << 5,
  MANAGE_MESSAGES: 1 << 6,
  PIN_MESSAGES: 1 << 7,
  /** Timeout, kick and ban members. */
  MODERATE_MEMBERS: 1 << 8,
  MANAGE_CHANNELS: 1 << 9,
  MANAGE_ROLES: 1 << 10,
  HOST_SESSIONS: 1 << 11,
  SPEAK_ON_STAGE: 1 << 12,
  ANSWER_SUPPORT: 1 << 13,
  /** Every permission, in every channel, whatever the overwrites. */
  ADMINISTRATOR: 1 << 14,
} as const;

export type PermissionName = keyof typeof Permission;

export const ALL_PERMISSIONS = Object.values(Permission).reduce((all, bit) => all | bit, 0);

export function has(permissions: number, bit: number): boolean {
  return (permissions & bit) === bit;
}

/** The names of the bits set, for APIs and audit entries. */
export function permissionNames(permissions: number): PermissionName[] {
  return (Object.keys(Permission) as PermissionName[]).filter((name) => has(permissions, Permission[name]));
}

export function fromNames(names: readonly PermissionName[]): number {
  return names.reduce((bits, name) => bits | Permission[name], 0);
}
