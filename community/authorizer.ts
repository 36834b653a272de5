// The gateway's Authorizer for community topics, from the cached directory: every decision on
// the hot path is made in memory once the community and the member are cached.
//   chan:<community>:<channel>  view: VIEW_CHANNEL; send: SEND_MESSAGES (SEND_IN_THREADS in a
//                               thread), MANAGE_MESSAGES in announcement channels; not while
//                               timed out; slowmode unless MANAGE_MESSAGES or MANAGE_CHANNELS
//   chan:dm:<channel>           the participants of a direct-message channel
//   timeline:<community>        every member reads; only the hub publishes
//   mods:<community>            members with MODERATE_MEMBERS or MANAGE_MESSAGES
//   user:<id>                   that user reads; only the hub publishes
//   support:agents              users with the marketplace role agent or admin read; only the
//                               hub publishes (the support inbox's live feed)
import { DM_COMMUNITY, type Topic } from '../protocol/index.js';
import type { AuthUser } from '../realtime/auth/token-verifier.js';
import type { Authorizer, PublishDecision } from '../realtime/gateway/authorizer.js';
import type { CommunityAccess } from './access.js';
import { has, Permission } from './permissions/permissions.js';

export { DM_COMMUNITY } from '../protocol/index.js';
const TEXT_KINDS = new Set(['text', 'announcement', 'support', 'thread', 'voice', 'stage', 'dm', 'group_dm']);
const DENY: PublishDecision = { allowed: false, code: 'forbidden' };

export class CommunityAuthorizer implements Authorizer {
  constructor(private readonly access: CommunityAccess) {}

  async canSubscribe(user: AuthUser, topic: Topic): Promise<boolean> {
    switch (topic.kind) {
      case 'user':
        return topic.userId === user.id;
      case 'support':
        return user.roles.includes('agent') || user.roles.includes('admin');
      case 'timeline':
        return (await this.access.standing(user.id, topic.community)) !== null;
      case 'mods': {
        const standing = await this.access.standing(user.id, topic.community);
        return (
          standing !== null &&
          (has(standing.base, Permission.MODERATE_MEMBERS) || has(standing.base, Permission.MANAGE_MESSAGES))
        );
      }
      case 'chan':
        if (topic.community === DM_COMMUNITY) {
          const dm = await this.access.directory.directChannel(topic.channel);
          return dm !== null && dm.participantIds.includes(user.id);
        }
        return (await this.access.inChannel(user.id, topic.community, topic.channel)) !== null;
    }
  }

  async canPublish(user: AuthUser, topic: Topic): Promise<PublishDecision> {
    if (topic.kind !== 'chan') return DENY;
    if (topic.community === DM_COMMUNITY) {
      const dm = await this.access.directory.directChannel(topic.channel);
      if (!dm?.participantIds.includes(user.id)) return DENY;
      return dm.archived
        ? { allowed: false, code: 'forbidden', message: 'this conversation is archived' }
        : { allowed: true };
    }
    const standing = await this.access.inChannel(user.id, topic.community, topic.channel);
    if (!standing) return DENY;
    const { channel, bits, member } = standing;
    if (!TEXT_KINDS.has(channel.kind))
      return { allowed: false, code: 'forbidden', message: 'no messages in this kind of channel' };
    if (standing.community.archived) {
      return { allowed: false, code: 'forbidden', message: 'this community is archived' };
    }
    if (channel.archived) return { allowed: false, code: 'forbidden', message: 'this channel is archived' };
    const send = channel.kind === 'thread' ? Permission.SEND_IN_THREADS : Permission.SEND_MESSAGES;
    if (!has(bits, send)) return DENY;
    if (channel.kind === 'announcement' && !has(bits, Permission.MANAGE_MESSAGES)) {
      return { allowed: false, code: 'forbidden', message: 'announcements are posted by moderators' };
    }
    if (member.timeoutUntil && member.timeoutUntil > Date.now()) {
      return { allowed: false, code: 'timed_out', retryAfterMs: member.timeoutUntil - Date.now() };
    }
    const bypass = has(bits, Permission.MANAGE_MESSAGES) || has(bits, Permission.MANAGE_CHANNELS);
    // The standing rides along the publish pipeline: chat and AutoMod read it, never look it up.
    return { allowed: true, slowmodeMs: bypass ? 0 : channel.slowmodeS * 1000, standing };
  }
}
