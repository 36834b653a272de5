// Topic names, built in one place beside their parser (parseTopic in frames.ts): every part of
// the hub that publishes on or names a topic calls these, so the grammar lives here only.
//   chan:<community>:<channel>   a community channel; `dm` as community for direct messages
//   user:<userId> · timeline:<community> · mods:<community> · support:agents

/** The community part of a direct-message channel's topic. */
export const DM_COMMUNITY = 'dm';

export const chanTopic = (communityId: string | null, channelId: string): string =>
  `chan:${communityId ?? DM_COMMUNITY}:${channelId}`;
/** The start every channel topic of a community shares (a store's `expire`, a `drop`'s prefixes). */
export const chanTopicPrefix = (communityId: string): string => `chan:${communityId}:`;
export const userTopic = (userId: string): string => `user:${userId}`;
export const timelineTopic = (communityId: string): string => `timeline:${communityId}`;
export const modsTopic = (communityId: string): string => `mods:${communityId}`;
export const SUPPORT_AGENTS_TOPIC = 'support:agents';
