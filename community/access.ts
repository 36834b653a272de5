// Who may do what where: a member's permission bits in a community or one of its channels,
// from the cached directory. Non-members and banned users have no permissions at all; in an
// archived community members keep VIEW_CHANNEL alone (history readable, nothing written).
// Resolved standings are cached per member snapshot and channel, and trusted only while the
// directory still hands out the same community and member snapshots: whatever drops those (an
// invalidation on any change of roles, channels, membership, bans or timeouts, or their age)
// drops the standings computed from them with them.
import { has, Permission } from './permissions/permissions.js';
import { basePermissions, channelPermissions, type PermissionSubject } from './permissions/resolve.js';
import type { ChannelSnapshot, CommunityDirectory, CommunitySnapshot, MemberSnapshot } from './directory.js';

export interface Standing {
  community: CommunitySnapshot;
  member: MemberSnapshot;
  /** Permissions in the community (no channel overwrites). */
  base: number;
}

export interface ChannelStanding extends Standing {
  channel: ChannelSnapshot;
  /** Permissions in this channel; a thread follows its parent channel's overwrites. */
  bits: number;
}

/** What was resolved from one member snapshot, valid while its community snapshot is current. */
interface Resolved {
  standing: Standing;
  channels: Map<string, ChannelStanding | null>;
}

export class CommunityAccess {
  /** Keyed by the member snapshot: a reloaded member (or a dropped one) starts afresh. */
  private readonly resolved = new WeakMap<MemberSnapshot, Resolved>();

  constructor(readonly directory: CommunityDirectory) {}

  /** The user's standing in a community, or null when they are not a member of it. */
  async standing(userId: string, communityId: string): Promise<Standing | null> {
    return (await this.resolve(userId, communityId))?.standing ?? null;
  }

  /** The user's standing in a channel of a community, or null when they cannot view it. */
  async inChannel(userId: string, communityId: string, channelId: string): Promise<ChannelStanding | null> {
    const resolved = await this.resolve(userId, communityId);
    if (!resolved) return null;
    let inChannel = resolved.channels.get(channelId);
    if (inChannel === undefined) {
      inChannel = channelStanding(resolved.standing, channelId);
      resolved.channels.set(channelId, inChannel);
    }
    return inChannel;
  }

  private async resolve(userId: string, communityId: string): Promise<Resolved | null> {
    const [community, member] = await Promise.all([
      this.directory.community(communityId),
      this.directory.member(communityId, userId),
    ]);
    if (!community || !member) return null;
    const cached = this.resolved.get(member);
    if (cached?.standing.community === community) return cached;
    const resolved: Resolved = {
      standing: {
        community,
        member,
        base: readOnlyIfArchived(community, basePermissions(subjectOf(community, member))),
      },
      channels: new Map(),
    };
    this.resolved.set(member, resolved);
    return resolved;
  }

  /**
   * Whether every member of the community may view the channel: the @everyone role alone sees
   * it. False for a missing channel. What hub events about the channel may tell the whole
   * community (its timeline) rather than the channel's own viewers.
   */
  async visibleToEveryMember(communityId: string, channelId: string): Promise<boolean> {
    const community = await this.directory.community(communityId);
    const channel = community?.channels.get(channelId);
    if (!community || !channel) return false;
    const governing =
      channel.kind === 'thread' && channel.parentId ? community.channels.get(channel.parentId) : channel;
    const subject = { userId: '', everyone: community.everyone, roles: [] };
    return has(channelPermissions(subject, governing?.overwrites ?? []), Permission.VIEW_CHANNEL);
  }

  /** The channels of a community the user may view, in order. */
  async visibleChannels(userId: string, communityId: string): Promise<ChannelStanding[]> {
    const standing = await this.standing(userId, communityId);
    if (!standing) return [];
    const visible: ChannelStanding[] = [];
    for (const channel of standing.community.channels.values()) {
      const inChannel = await this.inChannel(userId, communityId, channel.id);
      if (inChannel) visible.push(inChannel);
    }
    return visible;
  }
}

/** A standing in one channel, or null when the member cannot view it (or it does not exist). */
function channelStanding(standing: Standing, channelId: string): ChannelStanding | null {
  const channel = standing.community.channels.get(channelId);
  if (!channel) return null;
  const governing =
    channel.kind === 'thread' && channel.parentId
      ? standing.community.channels.get(channel.parentId)
      : channel;
  const bits = readOnlyIfArchived(
    standing.community,
    channelPermissions(subjectOf(standing.community, standing.member), governing?.overwrites ?? []),
  );
  if (!has(bits, Permission.VIEW_CHANNEL)) return null;
  return { ...standing, channel, bits };
}

/** A member's rank: their highest role's position; administrators rank above everyone. */
export function rankOf(standing: Standing): number {
  if (has(standing.base, Permission.ADMINISTRATOR)) return Number.MAX_SAFE_INTEGER;
  return Math.max(0, ...standing.member.roleIds.map((id) => standing.community.roles.get(id)?.position ?? 0));
}

function readOnlyIfArchived(community: CommunitySnapshot, bits: number): number {
  return community.archived ? bits & Permission.VIEW_CHANNEL : bits;
}

function subjectOf(community: CommunitySnapshot, member: MemberSnapshot): PermissionSubject {
  return {
    userId: member.userId,
    everyone: community.everyone,
    roles: member.roleIds.flatMap((id) => {
      const role = community.roles.get(id);
      return role ? [role] : [];
    }),
  };
}
