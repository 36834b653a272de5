// What permission checks need, in memory: a community's roles and channels, and its members'
// roles, timeouts and bans. The hot path (every subscribe and publish) reads only this cache;
// it is filled from MongoDB on first use, kept for a short time, and dropped at once on every
// node when something changes (the control bus's `invalidate`), so a ban or a timeout takes
// effect everywhere immediately. A community of at most `rosterMaxMembers` members is held
// whole (its roster: every member and ban, read once), so a burst of first connects and
// subscribes of its members reads nothing more, however it is spread in time; a larger one
// loads its members in batches: first lookups made together share one `$in` query for members
// and one for bans. The roster is cached, aged and dropped exactly as single members are.
import { Types, type Connection } from 'mongoose';
import { banModel } from '../storage/models/ban.model.js';
import { channelModel, type ChannelKind } from '../storage/models/channel.model.js';
import { communityModel, EMPTY_AUTOMOD } from '../storage/models/community.model.js';
import { memberModel } from '../storage/models/member.model.js';
import { roleModel } from '../storage/models/role.model.js';
import { thresholdsOf, type ScoringThresholds } from '../storage/repositories/moderation-settings.js';
import type { Overwrite } from './permissions/resolve.js';
import { BatchLoader } from './batch-loader.js';

export interface RoleSnapshot {
  id: string;
  key: string | null;
  name: string;
  permissions: number;
  position: number;
  mentionable: boolean;
}

export interface ChannelSnapshot {
  id: string;
  communityId: string | null;
  kind: ChannelKind;
  name: string;
  parentId: string | null;
  position: number;
  private: boolean;
  overwrites: Overwrite[];
  slowmodeS: number;
  archived: boolean;
  participantIds: string[];
}

export interface CommunitySnapshot {
  id: string;
  slug: string;
  name: string;
  everyone: RoleSnapshot;
  roles: Map<string, RoleSnapshot>;
  channels: Map<string, ChannelSnapshot>;
  /** The AutoMod configuration, as stored (canonical JSON); moderation compiles it. */
  automod: string;
  scoring: ScoringThresholds;
  /** Archived: read-only for members (CommunityAccess keeps only VIEW_CHANNEL). */
  archived: boolean;
}

export interface MemberSnapshot {
  userId: string;
  displayName: string;
  roleIds: string[];
  timeoutUntil: number | null;
}

export interface DirectoryOptions {
  /** How long a cached community or member is trusted without an invalidation. */
  ttlMs?: number;
  /**
   * Communities with at most this many members (and as many bans) are read whole, in one query
   * each, on a member's first lookup; larger ones member by member, in batches. 0: never whole.
   */
  rosterMaxMembers?: number;
}

/**
 * The default bound of a roster held whole (HUB_PERMISSIONS_ROSTER_MAX_MEMBERS): about 4 MB of
 * snapshots per community on a node.
 * Reading it costs MongoDB one indexed range of members; FerretDB scans the community's
 * members for any member query (`$in` is not pushed down to PostgreSQL), so there one roster
 * read costs what one batch does, and saves every later batch.
 */
export const ROSTER_MAX_MEMBERS = 20_000;

/** A community's members by user id (banned ones left out), or null when it has too many. */
type Roster = Map<string, MemberSnapshot> | null;

interface Cached<T> {
  value: Promise<T>;
  at: number;
}

export const isObjectId = (id: string) => /^[0-9a-f]{24}$/.test(id);

export class CommunityDirectory {
  private readonly communities = new Map<string, Cached<CommunitySnapshot | null>>();
  /** `${communityId}:${userId}` -> member (null: not a member, or banned). */
  private readonly members = new Map<string, Cached<MemberSnapshot | null>>();
  private readonly dms = new Map<string, Cached<ChannelSnapshot | null>>();
  /** channel -> its community: never changes once the channel exists. */
  private readonly channelHomes = new Map<string, Cached<string | null | undefined>>();
  private readonly rosters = new Map<string, Cached<Roster>>();
  private readonly ttlMs: number;
  private readonly rosterMaxMembers: number;
  private readonly memberLoader: BatchLoader<MemberSnapshot>;

  constructor(
    private readonly connection: Connection,
    options: DirectoryOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.rosterMaxMembers = options.rosterMaxMembers ?? ROSTER_MAX_MEMBERS;
    // Large batches: MongoDB serves an indexed `$in` of thousands of ids in one go, and FerretDB
    // (no filter pushdown on SQLite) scans the collection once per query whatever its size.
    this.memberLoader = new BatchLoader((communityId, userIds) => this.loadMembers(communityId, userIds), {
      maxBatch: 5_000,
    });
  }

  community(communityId: string): Promise<CommunitySnapshot | null> {
    if (!isObjectId(communityId)) return Promise.resolve(null);
    return this.cached(this.communities, communityId, () => this.loadCommunity(communityId));
  }

  async member(communityId: string, userId: string): Promise<MemberSnapshot | null> {
    if (!isObjectId(communityId)) return null;
    const roster = await this.roster(communityId);
    if (roster) return roster.get(userId) ?? null;
    return this.cached(this.members, `${communityId}:${userId}`, () =>
      this.memberLoader.load(communityId, userId),
    );
  }

  /** The community's roster: read once (shared by concurrent lookups) until dropped. */
  private roster(communityId: string): Promise<Roster> {
    if (this.rosterMaxMembers <= 0) return Promise.resolve(null);
    return this.cached(this.rosters, communityId, () => this.loadRoster(communityId));
  }

  /** The community a channel belongs to (null for direct messages); undefined when no channel. */
  communityOf(channelId: string): Promise<string | null | undefined> {
    if (!isObjectId(channelId)) return Promise.resolve(undefined);
    return this.cached(this.channelHomes, channelId, async () => {
      const doc = await channelModel(this.connection).findById(channelId, { communityId: 1 }).lean();
      return doc ? (doc.communityId?.toHexString() ?? null) : undefined;
    });
  }

  /** A direct-message channel (no community), or null. */
  directChannel(channelId: string): Promise<ChannelSnapshot | null> {
    if (!isObjectId(channelId)) return Promise.resolve(null);
    return this.cached(this.dms, channelId, async () => {
      const doc = await channelModel(this.connection).findById(channelId).lean();
      return doc && (doc.kind === 'dm' || doc.kind === 'group_dm') ? toChannel(doc) : null;
    });
  }

  /** Drops everything cached about a community (its members included). */
  invalidate(communityId: string): void {
    this.communities.delete(communityId);
    this.rosters.delete(communityId);
    for (const key of this.members.keys()) if (key.startsWith(`${communityId}:`)) this.members.delete(key);
  }

  /** Drops everything cached (an invalidation may have been missed); a channel's home never changes. */
  invalidateAll(): void {
    this.communities.clear();
    this.rosters.clear();
    this.members.clear();
    this.dms.clear();
  }

  invalidateDirect(channelId: string): void {
    this.dms.delete(channelId);
  }

  private cached<T>(map: Map<string, Cached<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = map.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = load();
    map.set(key, { value, at: Date.now() });
    value.catch(() => map.delete(key)); // a failed load is not cached
    return value;
  }

  private async loadCommunity(communityId: string): Promise<CommunitySnapshot | null> {
    const id = new Types.ObjectId(communityId);
    const [community, roles, channels] = await Promise.all([
      communityModel(this.connection).findById(id).lean(),
      roleModel(this.connection).find({ communityId: id }).sort({ position: 1 }).lean(),
      channelModel(this.connection).find({ communityId: id }).sort({ position: 1 }).lean(),
    ]);
    if (!community) return null;
    const roleMap = new Map(roles.map((r) => [r._id.toHexString(), toRole(r)]));
    const everyone = [...roleMap.values()].find((r) => r.key === 'everyone');
    if (!everyone) throw new Error(`community ${communityId} has no @everyone role`);
    return {
      id: communityId,
      slug: community.slug,
      name: community.name,
      everyone,
      roles: roleMap,
      channels: new Map(channels.map((c) => [c._id.toHexString(), toChannel(c)])),
      automod: community.automod ?? EMPTY_AUTOMOD,
      scoring: thresholdsOf(community.scoring),
      archived: Boolean(community.archivedAt),
    };
  }

  /** Every member of the community (not banned), or null when it has more than the bound. */
  private async loadRoster(communityId: string): Promise<Roster> {
    const id = new Types.ObjectId(communityId);
    const bound = this.rosterMaxMembers;
    const [members, bans] = await Promise.all([
      memberModel(this.connection)
        .find({ communityId: id, leftAt: null }, { userId: 1, displayName: 1, roleIds: 1, timeoutUntil: 1 })
        .limit(bound + 1)
        .lean(),
      banModel(this.connection)
        .find({ communityId: id }, { userId: 1 })
        .limit(bound + 1)
        .lean(),
    ]);
    if (members.length > bound || bans.length > bound) return null;
    return snapshotsOf(members, bans);
  }

  /** The members among `userIds` (left and banned ones are not members). */
  private async loadMembers(
    communityId: string,
    userIds: readonly string[],
  ): Promise<Map<string, MemberSnapshot>> {
    const id = new Types.ObjectId(communityId);
    const [members, bans] = await Promise.all([
      memberModel(this.connection)
        .find(
          { communityId: id, userId: { $in: userIds }, leftAt: null },
          { userId: 1, displayName: 1, roleIds: 1, timeoutUntil: 1 },
        )
        .lean(),
      banModel(this.connection)
        .find({ communityId: id, userId: { $in: userIds } }, { userId: 1 })
        .lean(),
    ]);
    return snapshotsOf(members, bans);
  }
}

interface MemberDoc {
  userId: string;
  displayName: string;
  roleIds: Types.ObjectId[];
  timeoutUntil?: Date | null;
}

/** Members' snapshots by user id, the banned ones left out. */
function snapshotsOf(members: MemberDoc[], bans: { userId: string }[]): Map<string, MemberSnapshot> {
  const banned = new Set(bans.map((b) => b.userId));
  const found = new Map<string, MemberSnapshot>();
  for (const member of members) {
    if (banned.has(member.userId)) continue;
    found.set(member.userId, {
      userId: member.userId,
      displayName: member.displayName,
      roleIds: member.roleIds.map((r) => r.toHexString()),
      timeoutUntil: member.timeoutUntil ? member.timeoutUntil.getTime() : null,
    });
  }
  return found;
}

interface RoleDoc {
  _id: Types.ObjectId;
  key?: string | null;
  name: string;
  permissions: number;
  position: number;
  mentionable?: boolean | null;
}

function toRole(r: RoleDoc): RoleSnapshot {
  return {
    id: r._id.toHexString(),
    key: r.key ?? null,
    name: r.name,
    permissions: r.permissions,
    position: r.position,
    mentionable: Boolean(r.mentionable),
  };
}

interface ChannelDoc {
  _id: Types.ObjectId;
  communityId?: Types.ObjectId | null;
  kind: ChannelKind;
  name?: string | null;
  parentId?: Types.ObjectId | null;
  position?: number | null;
  private?: boolean | null;
  overwrites: { targetType: string; targetId: string; allow: number; deny: number }[];
  slowmodeS?: number | null;
  archivedAt?: Date | null;
  participantIds: string[];
}

export function toChannel(c: ChannelDoc): ChannelSnapshot {
  return {
    id: c._id.toHexString(),
    communityId: c.communityId ? c.communityId.toHexString() : null,
    kind: c.kind,
    name: c.name ?? '',
    parentId: c.parentId ? c.parentId.toHexString() : null,
    position: c.position ?? 0,
    private: Boolean(c.private),
    overwrites: c.overwrites.map((o) => ({
      targetType: o.targetType === 'member' ? 'member' : 'role',
      targetId: o.targetId,
      allow: o.allow,
      deny: o.deny,
    })),
    slowmodeS: c.slowmodeS ?? 0,
    archived: Boolean(c.archivedAt),
    participantIds: [...c.participantIds],
  };
}
