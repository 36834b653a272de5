// The member's context beside a support conversation (GET …/context), against a real hub node:
// an agent sees the member's communities, their standing in the conversation's community and
// their latest public messages (hidden ones without text; deleted ones, direct messages and
// private channels never); a member gets 403 `forbidden`, even for their own conversation.
import { beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateDm } from '../../storage/repositories/channels.js';
import { flagMessage } from '../../storage/repositories/cases.js';
import { setMemberTimeout } from '../../storage/repositories/members.js';
import { deleteMessage, insertMessage } from '../../storage/repositories/messages.js';
import { apiAs } from '../support/api.js';
import { createTestCommunity, type TestCommunity } from '../support/community.js';
import { useSupportStack } from '../support/support-inbox.js';

describe('the member context of a support conversation', () => {
  // The hub's routes alone: no worker consumes the inbox's queues.
  const stack = useSupportStack({
    name: 'mctx',
    worker: false,
    inbox: { routing: 'none', agentCapacity: 10 },
  });
  let community: TestCommunity;

  beforeAll(async () => {
    community = await createTestCommunity(stack.hub.url);
  });

  it("shows agents the member's communities, standing and recent public messages; members get 403", async () => {
    const { connection } = stack.db;
    let offset = 0;
    const write = async (channelId: string, body: string, minutesAgo: number, extra = {}) =>
      (
        await insertMessage(connection, {
          channelId,
          communityId: community.id,
          offset: ++offset,
          authorId: 'ann',
          authorName: 'Ann',
          body,
          createdAt: new Date(Date.now() - minutesAgo * 60_000),
          ...extra,
        })
      ).message._id.toHexString();
    await write(community.channels.general, 'hello plumbers', 30);
    const flagged = await write(community.channels.general, 'buy cheap pipes here', 20);
    await write(community.channels.general, 'held back by automod', 10, { hiddenBy: 'automod' });
    const gone = await write(community.channels.news, 'a message she deleted', 5);
    await deleteMessage(connection, gone, 'ann');
    await write(community.channels.secret, 'private channel words', 3);
    for (let i = 0; i < 12; i++) await write(community.channels.slow, `slow ${i}`, 60 + i);
    const dm = (await findOrCreateDm(connection, 'ann', 'bob')).channel;
    await insertMessage(connection, {
      channelId: dm._id.toHexString(),
      communityId: null,
      offset: 1,
      authorId: 'ann',
      authorName: 'Ann',
      body: 'direct message words',
    });
    const until = new Date(Date.now() + 3_600_000);
    await setMemberTimeout(connection, community.id, 'ann', until);
    await flagMessage(connection, {
      communityId: community.id,
      channelId: community.channels.general,
      messageId: flagged,
      authorId: 'ann',
      source: 'report',
      by: 'bob',
      reason: 'spam',
    });

    const ann = await apiAs(stack.hub.url, 'ann', { name: 'Ann' });
    const started = await ann('POST', '/api/v1/support/conversations', {
      subject: 'Why am I timed out?',
      message: 'I cannot write anymore.',
      communityId: community.id,
    });
    expect(started.status).toBe(201);
    const id = (started.body['conversation'] as { id: string }).id;

    const agent = await apiAs(stack.hub.url, 'aziz', { roles: ['agent'], name: 'Aziz' });
    const res = await agent('GET', `/api/v1/support/conversations/${id}/context`);
    expect(res.status).toBe(200);
    const body = res.body as unknown as {
      member: { id: string };
      community: {
        id: string;
        member: boolean;
        roles: { name: string }[];
        timeoutUntil: string | null;
        ban: unknown;
        openCases: number;
      };
      communities: { id: string; name: string }[];
      recentMessages: {
        content: string | null;
        hidden: boolean;
        channelName: string;
        communityName: string;
      }[];
    };
    expect(body.member).toEqual({ id: 'ann', name: 'Ann' });
    expect(body.communities.map((c) => c.id)).toEqual([community.id]);
    expect(body.community).toMatchObject({
      id: community.id,
      member: true,
      timeoutUntil: until.toISOString(),
      ban: null,
      openCases: 1,
    });
    expect(body.community.roles.map((r) => r.name)).toContain('Member');
    const texts = body.recentMessages.map((m) => m.content);
    expect(body.recentMessages).toHaveLength(10);
    expect(texts.slice(0, 3)).toEqual([null, 'buy cheap pipes here', 'hello plumbers']);
    expect(body.recentMessages[0]).toMatchObject({
      hidden: true,
      channelName: 'general',
      communityName: 'Test community',
    });
    expect(texts.slice(3)).toEqual(['slow 0', 'slow 1', 'slow 2', 'slow 3', 'slow 4', 'slow 5', 'slow 6']);
    const all = JSON.stringify(body);
    for (const secret of [
      'held back by automod',
      'a message she deleted',
      'private channel words',
      'direct message words',
    ])
      expect(all).not.toContain(secret);

    // Members, even about their own conversation, are refused with a stable code.
    const refused = await ann('GET', `/api/v1/support/conversations/${id}/context`);
    expect(refused.status).toBe(403);
    expect((refused.body['error'] as { code: string }).code).toBe('forbidden');
    // Bad and unknown ids.
    expect((await agent('GET', '/api/v1/support/conversations/nope/context')).status).toBe(400);
    expect((await agent('GET', `/api/v1/support/conversations/${'0'.repeat(24)}/context`)).status).toBe(404);
  }, 60_000);
});
