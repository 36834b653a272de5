// The member's context beside a support conversation, for agents: their communities, their
// standing in the conversation's community (roles, timeout, ban, open moderation cases) and
// their latest messages in public community channels. A fixed number of queries whatever the
// member's history (no query per community, channel or message), run in two parallel rounds.
//
// Public means what a member with no role but @everyone may view (the channel is not private
// and its @everyone overwrite keeps VIEW_CHANNEL; a thread follows its parent channel), so an
// agent never reads direct messages or a private channel through this view. Messages held back
// by moderation are listed as hidden, without their text; deleted ones are left out.
import { Types, type Connection } from 'mongoose';
import { has, Permission } from '../../community/permissions/permissions.js';
import { channelPermissions } from '../../community/permissions/resolve.js';
import type {
  SupportMemberActivity,
  SupportMemberCommunity,
  SupportMemberContext,
} from '../../protocol/index.js';
import { banModel } from '../../storage/models/ban.model.js';
import { channelModel } from '../../storage/models/channel.model.js';
import { chatMessageModel } from '../../storage/models/chat-message.model.js';
import { communityModel } from '../../storage/models/community.model.js';
import { memberModel } from '../../storage/models/member.model.js';
import { moderationCaseModel } from '../../storage/models/moderation-case.model.js';
import { roleModel } from '../../storage/models/role.model.js';

export const RECENT_MESSAGES = 10;
/** Memberships considered (a member of more communities sees their most recent ones). */
const MAX_COMMUNITIES = 50;
/** Communities' channels considered for recent activity. */
const MAX_CHANNELS = 2_000;

interface MemberRow {
  communityId: Types.ObjectId;
  roleIds: Types.ObjectId[];
  joinedAt: Date;
  timeoutUntil: Date | null;
  leftAt: Date | null;
}
interface RoleRow {
  _id: Types.ObjectId;
  communityId: Types.ObjectId;
  name: string;
  key: string | null;
  permissions: number;
}
interface ChannelRow {
  _id: Types.ObjectId;
  communityId: Types.ObjectId;
  kind: string;
  name: string;
  parentId: Types.ObjectId | null;
  private: boolean;
  overwrites: { targetType: 'role' | 'member'; targetId: string; allow: number; deny: number }[];
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** The ids of the channels anyone with @everyone alone may view. */
export function publicChannels(channels: readonly ChannelRow[], roles: readonly RoleRow[]): Set<string> {
  const everyone = new Map<string, RoleRow>();
  for (const r of roles) if (r.key === 'everyone') everyone.set(r.communityId.toHexString(), r);
  const byId = new Map(channels.map((c) => [c._id.toHexString(), c]));
  const visible = new Set<string>();
  for (const c of channels) {
    if (c.kind === 'dm' || c.kind === 'group_dm' || c.kind === 'category') continue;
    const governing = c.kind === 'thread' && c.parentId ? byId.get(c.parentId.toHexString()) : c;
    const role = everyone.get(c.communityId.toHexString());
    if (!governing || !role || governing.private || c.private) continue;
    const subject = {
      userId: '',
      everyone: { id: role._id.toHexString(), permissions: role.permissions },
      roles: [],
    };
    if (has(channelPermissions(subject, governing.overwrites), Permission.VIEW_CHANNEL))
      visible.add(c._id.toHexString());
  }
  return visible;
}

export async function memberContext(
  connection: Connection,
  member: { id: string; name: string },
  conversationCommunityId: string | null,
): Promise<SupportMemberContext> {
  const userId = member.id;
  const rows = await memberModel(connection)
    .find({ userId }, { communityId: 1, roleIds: 1, joinedAt: 1, timeoutUntil: 1, leftAt: 1 })
    .sort({ joinedAt: -1 })
    .limit(MAX_COMMUNITIES)
    .lean<MemberRow[]>();
  const communityIds = rows.map((r) => r.communityId);
  const here =
    conversationCommunityId && Types.ObjectId.isValid(conversationCommunityId)
      ? new Types.ObjectId(conversationCommunityId)
      : null;
  const hereRow = here ? rows.find((r) => r.communityId.equals(here)) : undefined;

  const [communities, roles, channels, ban, openCases] = await Promise.all([
    communityModel(connection)
      .find({ _id: { $in: communityIds } }, { slug: 1, name: 1 })
      .lean<{ _id: Types.ObjectId; slug: string; name: string }[]>(),
    roleModel(connection)
      .find({ communityId: { $in: communityIds } }, { communityId: 1, name: 1, key: 1, permissions: 1 })
      .lean<RoleRow[]>(),
    channelModel(connection)
      .find(
        { communityId: { $in: communityIds } },
        { communityId: 1, kind: 1, name: 1, parentId: 1, private: 1, overwrites: 1 },
      )
      .limit(MAX_CHANNELS)
      .lean<ChannelRow[]>(),
    here && hereRow
      ? banModel(connection).findOne({ communityId: here, userId }).lean<{ at: Date; reason: string }>()
      : null,
    here && hereRow
      ? moderationCaseModel(connection).countDocuments({
          communityId: here,
          authorId: userId,
          status: { $in: ['open', 'claimed'] },
        })
      : 0,
  ]);

  const visible = publicChannels(channels, roles);
  const messages = visible.size
    ? await chatMessageModel(connection)
        .find(
          {
            authorId: userId,
            channelId: { $in: [...visible].map((id) => new Types.ObjectId(id)) },
            deletedAt: null,
          },
          { channelId: 1, communityId: 1, body: 1, hiddenAt: 1, createdAt: 1 },
        )
        .sort({ createdAt: -1 })
        .limit(RECENT_MESSAGES)
        .lean<
          {
            _id: Types.ObjectId;
            channelId: Types.ObjectId;
            communityId: Types.ObjectId;
            body: string;
            hiddenAt: Date | null;
            createdAt: Date;
          }[]
        >()
    : [];

  const communityById = new Map(communities.map((c) => [c._id.toHexString(), c]));
  const channelById = new Map(channels.map((c) => [c._id.toHexString(), c]));
  const roleById = new Map(roles.map((r) => [r._id.toHexString(), r]));
  const list: SupportMemberCommunity[] = rows.flatMap((r) => {
    const c = communityById.get(r.communityId.toHexString());
    return c
      ? [
          {
            id: c._id.toHexString(),
            slug: c.slug,
            name: c.name,
            joinedAt: r.joinedAt.toISOString(),
            leftAt: iso(r.leftAt),
          },
        ]
      : [];
  });
  const hereCommunity = hereRow ? list.find((c) => c.id === hereRow.communityId.toHexString()) : undefined;
  const now = Date.now();
  const recentMessages: SupportMemberActivity[] = messages.map((m) => {
    const hidden = m.hiddenAt != null;
    return {
      id: m._id.toHexString(),
      communityId: m.communityId.toHexString(),
      communityName: communityById.get(m.communityId.toHexString())?.name ?? '',
      channelId: m.channelId.toHexString(),
      channelName: channelById.get(m.channelId.toHexString())?.name ?? '',
      content: hidden ? null : m.body,
      hidden,
      createdAt: m.createdAt.toISOString(),
    };
  });
  return {
    member,
    community:
      hereRow && hereCommunity
        ? {
            ...hereCommunity,
            member: hereRow.leftAt === null,
            roles: hereRow.roleIds.flatMap((id) => {
              const role = roleById.get(id.toHexString());
              return role ? [{ id: role._id.toHexString(), name: role.name }] : [];
            }),
            timeoutUntil:
              hereRow.timeoutUntil && hereRow.timeoutUntil.getTime() > now ? iso(hereRow.timeoutUntil) : null,
            ban: ban ? { at: ban.at.toISOString(), reason: ban.reason } : null,
            openCases,
          }
        : null,
    communities: list,
    recentMessages,
  };
}
