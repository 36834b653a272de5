// A permissive authorizer for gateway tests, standing in for the community domain: channels
// are open to every authenticated user, except a few names that exercise the refusals.
//   chan:<c>:secret     nobody may view it
//   chan:<c>:readonly   viewable, nobody may publish
//   chan:<c>:slow       5 s slowmode
import type { Authorizer } from '../../realtime/gateway/authorizer.js';

export const openChannels: Authorizer = {
  canSubscribe: (user, topic) => {
    if (topic.kind === 'user') return topic.userId === user.id;
    if (topic.kind === 'mods') return user.roles.includes('moderator');
    return !(topic.kind === 'chan' && topic.channel === 'secret');
  },
  canPublish: (_user, topic) => {
    if (topic.kind !== 'chan' || topic.channel === 'secret') return { allowed: false, code: 'forbidden' };
    if (topic.channel === 'readonly')
      return { allowed: false, code: 'forbidden', message: 'this channel is read-only' };
    return topic.channel === 'slow' ? { allowed: true, slowmodeMs: 5_000 } : { allowed: true };
  },
};
