// The member's context beside a support conversation, for agents (`GET
// /api/v1/support/conversations/{id}/context`, shown by `<hub-inbox>`): who the member is in the
// marketplace's communities, their standing in the conversation's community, and what they last
// wrote in public community channels. Never direct messages or private channels.

export interface SupportMemberCommunity {
  id: string;
  slug: string;
  name: string;
  joinedAt: string;
  /** When they left, were removed or banned; null while a member. */
  leftAt: string | null;
}

/** The member's standing in the community the conversation was opened from. */
export interface SupportMemberStanding extends SupportMemberCommunity {
  member: boolean;
  roles: { id: string; name: string }[];
  /** Until when they may not speak, when a timeout runs now. */
  timeoutUntil: string | null;
  ban: { at: string; reason: string } | null;
  /** Moderation cases about their messages still open or claimed. */
  openCases: number;
}

export interface SupportMemberActivity {
  id: string;
  communityId: string;
  communityName: string;
  channelId: string;
  channelName: string;
  /** Null when moderation holds the message back (its text is not shown to agents either). */
  content: string | null;
  hidden: boolean;
  createdAt: string;
}

export interface SupportMemberContext {
  member: { id: string; name: string };
  /** Null when the conversation names no community (or one the member never joined). */
  community: SupportMemberStanding | null;
  communities: SupportMemberCommunity[];
  /** Newest first, at most ten. */
  recentMessages: SupportMemberActivity[];
}
