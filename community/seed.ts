// The demo data of `npm start`: the storage seed (communities, channels, members of every role,
// history), plus the event log of that history, so the gateway continues each channel's offsets
// after the seeded ones and clients can recover and page through them like any other.
import type { Connection } from 'mongoose';
import type { MessageStore } from '../storage/messages/message-store.js';
import { chatMessageModel } from '../storage/models/chat-message.model.js';
import { seedDemo, type DemoSeed } from '../storage/seed.js';
import { DM_COMMUNITY } from './authorizer.js';
import type { ChannelEvent } from './chat/message-data.js';
import { DEFAULT_ROLES } from './permissions/default-roles.js';

export const SEED_EPOCH = 'seed';

export async function seedDemoCommunities(connection: Connection, store: MessageStore): Promise<DemoSeed> {
  const seed = await seedDemo(connection, DEFAULT_ROLES);
  const messages = await chatMessageModel(connection).find({}).sort({ channelId: 1, offset: 1 }).lean();
  await store.insert(
    messages.map((m) => {
      const topic = `chan:${m.communityId?.toHexString() ?? DM_COMMUNITY}:${m.channelId.toHexString()}`;
      const event: ChannelEvent = {
        kind: 'message',
        id: m._id.toHexString(),
        body: m.body ?? '',
        replyToId: m.replyToId?.toHexString() ?? null,
        mentions: {
          userIds: [...m.mentions.userIds],
          roleIds: [...m.mentions.roleIds],
          everyone: Boolean(m.mentions.everyone),
        },
      };
      return {
        channel: topic,
        offset: m.offset,
        epoch: SEED_EPOCH,
        data: JSON.stringify(event),
        userId: m.authorId,
        userName: m.authorName,
        nonce: `seed-${m._id.toHexString()}`,
        ts: m.createdAt.getTime(),
      };
    }),
  );
  return seed;
}
