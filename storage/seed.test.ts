import { describe, expect, it } from 'vitest';
import type { MongoConnection } from './mongo.js';
import { chatMessageModel } from './models/chat-message.model.js';
import { listChannels } from './repositories/channels.js';
import type { RoleSeed } from './repositories/communities.js';
import { listMemberRoles } from './repositories/members.js';
import { listMessages, listPins } from './repositories/messages.js';
import { unreadCounts } from './repositories/read-states.js';
import { DEMO_USERS, seedDemo } from './seed.js';
import { useTestDatabase } from '../test/support/database.js';

// The shape of community/permissions' DEFAULT_ROLES; the bits are arbitrary here.
const ROLES: RoleSeed[] = [
  { key: 'everyone', name: '@everyone', permissions: 0b1, position: 0 },
  { key: 'member', name: 'Member', permissions: 0b11111, position: 1 },
  { key: 'host', name: 'Host', permissions: 0b1111111, position: 2 },
  { key: 'agent', name: 'Support agent', permissions: 0b11111111, position: 3 },
  { key: 'moderator', name: 'Moderator', permissions: 0b111111111, position: 4 },
  { key: 'admin', name: 'Admin', permissions: 1 << 14, position: 5 },
];

const COLLECTIONS = ['communities', 'members', 'roles', 'channels', 'publications', 'read_states', 'bans'];

let connection: MongoConnection;

useTestDatabase((c) => (connection = c));

const snapshot = async () =>
  Object.fromEntries(
    await Promise.all(
      COLLECTIONS.map(
        async (c) => [c, await connection.collection(c).find().sort({ _id: 1 }).toArray()] as const,
      ),
    ),
  );

describe('seedDemo', () => {
  it('seeds two communities with every channel kind, members, a DM and history, idempotently', async () => {
    const first = await seedDemo(connection, ROLES);
    const before = await snapshot();
    const second = await seedDemo(connection, ROLES);
    expect(second).toEqual(first);
    expect(await snapshot()).toEqual(before);

    expect(first.communities.map((c) => c.slug)).toEqual(['plumbers', 'designers']);
    expect(before['communities']?.map((c) => c['name'])).toEqual(['Plumbing Pros', 'Design Guild']);
    for (const c of first.communities) {
      const channels = await listChannels(connection, c.id);
      expect(channels.map((ch) => [ch.kind, ch.name])).toEqual([
        ['category', 'Community'],
        ['text', 'general'],
        ['announcement', 'announcements'],
        ['stage', 'town-hall'],
        ['support', 'help-desk'],
        ['text', 'moderators'],
      ]);
      const privateChannel = channels.find((ch) => ch.name === 'moderators');
      expect(privateChannel?.private).toBe(true);
      expect(privateChannel?.overwrites.length).toBeGreaterThan(0);

      for (const user of DEMO_USERS) {
        const keys = (await listMemberRoles(connection, c.id, user.userId)).map((r) => r.key);
        expect(keys, user.userId).toEqual([user.role, 'everyone']);
      }

      const general = c.channels['general'] ?? '';
      const history = await listMessages(connection, general, { limit: 100 });
      expect(history.map((m) => m.offset)).toEqual(history.map((_, i) => i + 1));
      expect(history.some((m) => m.replyToId)).toBe(true);
      expect(history.some((m) => m.edits.length > 0 && m.editedAt)).toBe(true);
      expect(history.some((m) => m.reactions.length > 0)).toBe(true);
      expect(history.filter((m) => m.threadId?.toHexString() === c.channels['thread'])).toHaveLength(1);
      expect(await listPins(connection, general)).toHaveLength(1);
      const thread = await listMessages(connection, c.channels['thread'] ?? '', { limit: 100 });
      expect(thread.length).toBeGreaterThan(1);
      const counts = await unreadCounts(connection, { userId: 'demo-member', channelIds: [general] });
      expect(counts[general]?.unread).toBeGreaterThan(0);
      // About twenty messages each.
      expect(await chatMessageModel(connection).countDocuments({ communityId: c.id })).toBeGreaterThanOrEqual(
        18,
      );
    }

    const dm = await listMessages(connection, first.dmChannelId, { limit: 100 });
    expect(new Set(dm.map((m) => m.authorId))).toEqual(new Set(['demo-member', 'demo-member-2']));
    expect(before['channels']?.filter((c) => c['kind'] === 'dm')).toHaveLength(1);
  });
});
