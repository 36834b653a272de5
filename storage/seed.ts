// Demo data: two communities with every kind of channel, members holding each marketplace role,
// a DM, and a short plausible history. Idempotent: every step finds what an earlier run made
// (communities by slug, channels by community, kind and name, messages by channel and offset)
// and writes only what is missing, so a second run changes nothing.
import type { Connection, Types } from 'mongoose';
import { channelModel, type ChannelKind } from './models/channel.model.js';
import type { RoleKey } from './models/role.model.js';
import { createChannel, findOrCreateDm, type NewChannel } from './repositories/channels.js';
import {
  createCommunity,
  ensureDefaultRoles,
  getCommunityBySlug,
  type RoleSeed,
} from './repositories/communities.js';
import { RepositoryError } from './repositories/errors.js';
import { addMember } from './repositories/members.js';
import {
  addReaction,
  editMessage,
  getMessage,
  insertMessage,
  pinMessage,
  type Mentions,
} from './repositories/messages.js';
import { setLastRead } from './repositories/read-states.js';
import type { ChannelDoc, ChatMessageDoc, CommunityDoc, RoleDoc } from './repositories/types.js';

export const DEMO_USERS = [
  { userId: 'demo-member', name: 'Dana (member)', role: 'member' },
  { userId: 'demo-member-2', name: 'Milo (member)', role: 'member' },
  { userId: 'demo-host', name: 'Hana (host)', role: 'host' },
  { userId: 'demo-agent', name: 'Aziz (support agent)', role: 'agent' },
  { userId: 'demo-moderator', name: 'Mona (moderator)', role: 'moderator' },
  { userId: 'demo-admin', name: 'Ada (admin)', role: 'admin' },
] as const satisfies readonly { userId: string; name: string; role: RoleKey }[];
type DemoUser = (typeof DEMO_USERS)[number]['userId'];

interface Line {
  by: DemoUser;
  body: string;
  /** Minutes before the seed's "now". */
  ago: number;
  mentions?: Mentions;
  /** Index of the line this one replies to. */
  replyTo?: number;
  reactions?: [string, DemoUser[]][];
  pinnedBy?: DemoUser;
  /** The body it was edited to. */
  editedTo?: string;
}

interface DemoCommunity {
  slug: string;
  name: string;
  description: string;
  topic: string;
  general: Line[];
  announcements: Line[];
  support: Line[];
  moderators: Line[];
  /** The general line a thread starts from, its name and its lines. */
  thread: { from: number; name: string; lines: Line[] };
}

const COMMUNITIES: DemoCommunity[] = [
  {
    slug: 'plumbers',
    name: 'Plumbing Pros',
    description: 'Tradespeople and customers talking pipes, boilers and bookings.',
    topic: 'Say hi, ask anything about your plumbing job.',
    general: [
      {
        by: 'demo-admin',
        body: 'Welcome to Plumbing Pros! Introduce yourselves here.',
        ago: 4_320,
        pinnedBy: 'demo-moderator',
        reactions: [['👋', ['demo-member', 'demo-host', 'demo-agent']]],
      },
      { by: 'demo-member', body: 'Hi! I just moved in and the kitchen tap drips all night.', ago: 4_200 },
      {
        by: 'demo-host',
        body: 'Usually a worn cartridge. Which brand is the tap?',
        ago: 4_180,
        replyTo: 1,
        reactions: [['👍', ['demo-member']]],
      },
      {
        by: 'demo-member',
        body: 'No idea, it came with the flat. Single lever, chrome.',
        ago: 4_170,
        editedTo: 'No idea, it came with the flat. Single lever, chrome, maybe 10 years old.',
      },
      {
        by: 'demo-member-2',
        body: 'Same problem here last winter, a 15 minute fix once the part arrived.',
        ago: 4_100,
      },
      {
        by: 'demo-host',
        body: 'Anyone using PEX for a full re-pipe? Opinions welcome.',
        ago: 2_000,
        reactions: [['🤔', ['demo-member-2']]],
      },
      {
        by: 'demo-moderator',
        body: 'Reminder: no prices in public channels, use the booking page.',
        ago: 1_440,
      },
      {
        by: 'demo-member-2',
        body: '@demo-member did the cartridge fix work?',
        ago: 300,
        mentions: { userIds: ['demo-member'] },
      },
      {
        by: 'demo-member',
        body: 'It did, thanks all! 🎉',
        ago: 240,
        reactions: [['🎉', ['demo-member-2', 'demo-host']]],
      },
    ],
    announcements: [
      {
        by: 'demo-admin',
        body: 'Live Q&A on winter-proofing your pipes this Thursday on the stage.',
        ago: 2_880,
        mentions: { everyone: true },
        reactions: [['🔥', ['demo-member', 'demo-member-2']]],
      },
      { by: 'demo-admin', body: 'New: book a certified host straight from any profile.', ago: 600 },
    ],
    support: [
      { by: 'demo-member-2', body: 'My booking shows as paid twice, can someone check?', ago: 900 },
      {
        by: 'demo-agent',
        body: 'Looking into it now, the duplicate charge will be refunded within 3 days.',
        ago: 880,
        replyTo: 0,
      },
      { by: 'demo-member-2', body: 'Thank you!', ago: 870, reactions: [['🙏', ['demo-agent']]] },
    ],
    moderators: [
      { by: 'demo-moderator', body: 'Watching a new account posting links in general.', ago: 700 },
      { by: 'demo-admin', body: 'Thanks, time them out if it continues.', ago: 690 },
    ],
    thread: {
      from: 5,
      name: 'PEX re-pipe',
      lines: [
        { by: 'demo-member-2', body: 'Did mine last year with PEX-A, no regrets.', ago: 1_900 },
        { by: 'demo-host', body: 'Expansion fittings or crimp?', ago: 1_890 },
        { by: 'demo-member-2', body: 'Expansion. Pricier tool, nicer joints.', ago: 1_880 },
      ],
    },
  },
  {
    slug: 'designers',
    name: 'Design Guild',
    description: 'Designers and clients sharing work, feedback and briefs.',
    topic: 'Share work in progress and ask for feedback.',
    general: [
      {
        by: 'demo-admin',
        body: 'Welcome to the Design Guild. Be kind, be specific.',
        ago: 5_000,
        pinnedBy: 'demo-admin',
      },
      {
        by: 'demo-host',
        body: 'Sharing a logo draft for a bakery, thoughts on the wordmark?',
        ago: 3_000,
        reactions: [['😍', ['demo-member', 'demo-member-2']]],
      },
      {
        by: 'demo-member',
        body: 'Love the warmth. The kerning between r and y feels tight.',
        ago: 2_950,
        replyTo: 1,
      },
      {
        by: 'demo-host',
        body: 'Good catch, fixed in v2.',
        ago: 2_900,
        editedTo: 'Good catch, fixed in v2 (uploaded to the brief).',
      },
      { by: 'demo-member-2', body: 'Which typeface is that?', ago: 2_850 },
      {
        by: 'demo-host',
        body: 'A modified Recoleta. Happy to share the process in a thread.',
        ago: 2_800,
        reactions: [['🙌', ['demo-member-2']]],
      },
      { by: 'demo-moderator', body: 'Portfolio reviews are every Friday on the stage.', ago: 1_000 },
      {
        by: 'demo-member',
        body: '@demo-member-2 are you joining Friday?',
        ago: 120,
        mentions: { userIds: ['demo-member-2'] },
      },
      { by: 'demo-member-2', body: 'Yes! Bringing two packaging concepts.', ago: 100, replyTo: 7 },
      { by: 'demo-agent', body: 'Tip: export reviews as PDF so clients can comment inline.', ago: 60 },
      { by: 'demo-member', body: 'Good to know, thanks.', ago: 55, reactions: [['👍', ['demo-agent']]] },
    ],
    announcements: [
      { by: 'demo-admin', body: 'Client briefs now support mood boards.', ago: 4_000 },
      {
        by: 'demo-admin',
        body: 'Portfolio review day this Friday, sign up in general.',
        ago: 1_500,
        mentions: { everyone: true },
      },
    ],
    support: [
      { by: 'demo-member', body: 'How do I change the brief after booking?', ago: 400 },
      {
        by: 'demo-agent',
        body: 'Open the booking, then "Edit brief" until the designer accepts it.',
        ago: 390,
        replyTo: 0,
        reactions: [['✅', ['demo-member']]],
      },
    ],
    moderators: [
      { by: 'demo-moderator', body: 'Two reports on a comment in general, reviewed: fine.', ago: 800 },
      { by: 'demo-admin', body: 'Agreed, no action needed.', ago: 790 },
    ],
    thread: {
      from: 5,
      name: 'Recoleta process',
      lines: [
        {
          by: 'demo-host',
          body: 'Step one: tighten the terminals, the default ones read too soft.',
          ago: 2_790,
        },
        { by: 'demo-member-2', body: 'Did you redraw the y?', ago: 2_780 },
      ],
    },
  },
];

const DM_LINES: Line[] = [
  { by: 'demo-member', body: 'Hey Milo, thanks for the tap tip!', ago: 230 },
  { by: 'demo-member-2', body: 'Anytime. Coming to the Q&A on Thursday?', ago: 225 },
  { by: 'demo-member', body: 'Wouldn’t miss it.', ago: 220, reactions: [['😄', ['demo-member-2']]] },
];

const nameOf = (userId: DemoUser): string => DEMO_USERS.find((u) => u.userId === userId)?.name ?? userId;

export interface DemoSeed {
  communities: { slug: string; id: string; channels: Record<string, string> }[];
  dmChannelId: string;
}

/** Seeds the demo, given the role set communities are created with (`DEFAULT_ROLES`). */
export async function seedDemo(connection: Connection, roleSet: readonly RoleSeed[]): Promise<DemoSeed> {
  const now = Date.now();
  const communities: DemoSeed['communities'] = [];
  for (const spec of COMMUNITIES) communities.push(await seedCommunity(connection, spec, roleSet, now));

  const { channel: dm } = await findOrCreateDm(connection, 'demo-member', 'demo-member-2');
  await seedLines(connection, dm, null, DM_LINES, now);
  return { communities, dmChannelId: dm._id.toHexString() };
}

async function ensureCommunity(
  connection: Connection,
  spec: DemoCommunity,
  roleSet: readonly RoleSeed[],
): Promise<{ community: CommunityDoc; roles: RoleDoc[] }> {
  const existing = await getCommunityBySlug(connection, spec.slug);
  if (existing)
    return { community: existing, roles: await ensureDefaultRoles(connection, existing._id, roleSet) };
  try {
    return await createCommunity(
      connection,
      { slug: spec.slug, name: spec.name, description: spec.description },
      roleSet,
    );
  } catch (err) {
    const raced =
      err instanceof RepositoryError &&
      err.code === 'conflict' &&
      (await getCommunityBySlug(connection, spec.slug));
    if (!raced) throw err;
    return { community: raced, roles: await ensureDefaultRoles(connection, raced._id, roleSet) };
  }
}

async function seedCommunity(
  connection: Connection,
  spec: DemoCommunity,
  roleSet: readonly RoleSeed[],
  now: number,
): Promise<DemoSeed['communities'][number]> {
  const { community, roles } = await ensureCommunity(connection, spec, roleSet);
  const cid = community._id;
  const roleOf = (key: RoleKey) => roles.find((r) => r.key === key);
  for (const user of DEMO_USERS) {
    const role = roleOf(user.role);
    await addMember(connection, {
      communityId: cid,
      userId: user.userId,
      displayName: user.name,
      roleIds: role ? [role._id] : [],
    });
  }

  const channel = async (
    kind: ChannelKind & NewChannel['kind'],
    name: string,
    extra: Partial<NewChannel> = {},
  ) => {
    const found = await channelModel(connection).findOne({ communityId: cid, kind, name }).lean<ChannelDoc>();
    return (
      found ?? createChannel(connection, { communityId: cid, kind, name, createdBy: 'demo-admin', ...extra })
    );
  };
  const category = await channel('category', 'Community', { position: 0 });
  const inCategory = { parentId: category._id };
  const general = await channel('text', 'general', { ...inCategory, position: 0, topic: spec.topic });
  const announcements = await channel('announcement', 'announcements', { ...inCategory, position: 1 });
  const stage = await channel('stage', 'town-hall', { ...inCategory, position: 2 });
  const support = await channel('support', 'help-desk', { ...inCategory, position: 3, slowmodeS: 30 });
  // Private: @everyone loses what it may do by default (viewing, among others); moderators and
  // admins get it back. The bits come from the role set: storage does not know their meaning.
  const everyone = roleOf('everyone');
  const overwrites = [
    ...(everyone
      ? [
          {
            targetType: 'role' as const,
            targetId: everyone._id.toHexString(),
            allow: 0,
            deny: everyone.permissions,
          },
        ]
      : []),
    ...(['moderator', 'admin'] as const).flatMap((key) => {
      const role = roleOf(key);
      return role && everyone
        ? [
            {
              targetType: 'role' as const,
              targetId: role._id.toHexString(),
              allow: everyone.permissions,
              deny: 0,
            },
          ]
        : [];
    }),
  ];
  const moderators = await channel('text', 'moderators', {
    ...inCategory,
    position: 4,
    private: true,
    overwrites,
  });

  const generalMessages = await seedLines(connection, general, cid, spec.general, now);
  await seedLines(connection, announcements, cid, spec.announcements, now);
  await seedLines(connection, support, cid, spec.support, now);
  await seedLines(connection, moderators, cid, spec.moderators, now);

  const starter = generalMessages[spec.thread.from];
  let threadId = starter?.threadId ?? null;
  if (starter && !threadId) {
    const thread = await createChannel(connection, {
      communityId: cid,
      kind: 'thread',
      name: spec.thread.name,
      parentId: general._id,
      messageId: starter._id,
      createdBy: starter.authorId,
    });
    threadId = thread._id;
  }
  const channels: Record<string, string> = {
    category: category._id.toHexString(),
    general: general._id.toHexString(),
    announcements: announcements._id.toHexString(),
    stage: stage._id.toHexString(),
    support: support._id.toHexString(),
    moderators: moderators._id.toHexString(),
  };
  if (threadId) {
    const thread = await channelModel(connection).findById(threadId).lean<ChannelDoc>();
    if (thread) await seedLines(connection, thread, cid, spec.thread.lines, now);
    channels['thread'] = threadId.toHexString();
  }
  // Dana has read general up to the middle, so the demo shows unread messages and a mention.
  await setLastRead(connection, 'demo-member', general._id, Math.floor(spec.general.length / 2));
  return { slug: spec.slug, id: cid.toHexString(), channels };
}

/** Inserts the lines at offsets 1..n, then their reactions, pins and edits, each only once. */
async function seedLines(
  connection: Connection,
  channel: ChannelDoc,
  communityId: Types.ObjectId | null,
  lines: readonly Line[],
  now: number,
): Promise<ChatMessageDoc[]> {
  const messages: ChatMessageDoc[] = [];
  for (const [i, line] of lines.entries()) {
    const replyTo = line.replyTo === undefined ? undefined : messages[line.replyTo];
    const { message } = await insertMessage(connection, {
      channelId: channel._id,
      communityId,
      offset: i + 1,
      authorId: line.by,
      authorName: nameOf(line.by),
      body: line.body,
      replyToId: replyTo?._id ?? null,
      ...(line.mentions ? { mentions: line.mentions } : {}),
      nonce: `seed-${i + 1}`,
      createdAt: new Date(now - line.ago * 60_000),
    });
    for (const [emoji, users] of line.reactions ?? []) {
      for (const u of users) await addReaction(connection, message._id, emoji, u);
    }
    if (line.pinnedBy && !message.pinnedAt) await pinMessage(connection, message._id, line.pinnedBy);
    if (line.editedTo && message.edits.length === 0 && message.deletedAt === null) {
      await editMessage(connection, message._id, { body: line.editedTo });
    }
    messages.push((await getMessage(connection, message._id)) ?? message);
  }
  return messages;
}
