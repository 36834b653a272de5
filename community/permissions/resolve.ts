// Resolving a member's permissions in a channel, in Discord's documented order of levels:
//   1. base: the @everyone role's bits OR the bits of every role the member has;
//   2. administrator (or owner): all bits, no overwrite applies;
//   3. the channel's @everyone overwrite;
//   4. the channel's overwrites of the member's roles, combined;
//   5. the channel's overwrite of the member.
// A later level beats an earlier one. Within one level a deny beats an allow of the same bit
// (Discord lets the allow win among role overwrites; we deny unless nothing denies: a member
// whose roles disagree about a private channel stays out). Then the implicit rules: without
// VIEW_CHANNEL nothing else in the channel is granted; without SEND_MESSAGES nothing that rides
// on sending (mentioning everyone, embedding links) is.
import { ALL_PERMISSIONS, has, Permission } from './permissions.js';

export interface Overwrite {
  targetType: 'role' | 'member';
  targetId: string;
  allow: number;
  deny: number;
}

export interface PermissionSubject {
  userId: string;
  /** The community's @everyone role. */
  everyone: { id: string; permissions: number };
  /** The member's other roles. */
  roles: readonly { id: string; permissions: number }[];
  /** The community owner bypasses everything, like an administrator. */
  isOwner?: boolean;
}

export function basePermissions(subject: PermissionSubject): number {
  if (subject.isOwner) return ALL_PERMISSIONS;
  const base = subject.roles.reduce((bits, role) => bits | role.permissions, subject.everyone.permissions);
  return has(base, Permission.ADMINISTRATOR) ? ALL_PERMISSIONS : base;
}

export function channelPermissions(subject: PermissionSubject, overwrites: readonly Overwrite[]): number {
  const base = basePermissions(subject);
  if (base === ALL_PERMISSIONS) return base;
  let bits = base;

  const everyone = overwrites.find((o) => o.targetType === 'role' && o.targetId === subject.everyone.id);
  if (everyone) bits = apply(bits, everyone.allow, everyone.deny);

  const roleIds = new Set(subject.roles.map((r) => r.id));
  let allow = 0;
  let deny = 0;
  for (const o of overwrites) {
    if (o.targetType === 'role' && roleIds.has(o.targetId)) {
      allow |= o.allow;
      deny |= o.deny;
    }
  }
  bits = apply(bits, allow, deny);

  const member = overwrites.find((o) => o.targetType === 'member' && o.targetId === subject.userId);
  if (member) bits = apply(bits, member.allow, member.deny);

  if (!has(bits, Permission.VIEW_CHANNEL)) return 0;
  if (!has(bits, Permission.SEND_MESSAGES)) bits &= ~(Permission.MENTION_EVERYONE | Permission.EMBED_LINKS);
  return bits;
}

/** One level of overwrites: grant what it allows, then take away what it denies. */
function apply(bits: number, allow: number, deny: number): number {
  return (bits | allow) & ~deny;
}
