import { describe, expect, it } from 'vitest';
import type { SupportConversationView, SupportMessageView } from '../../../protocol/index.js';
import { AGENT_TYPING_SHOWN_MS, SupportState } from './support-state.js';

const conversation = (id: string, updatedAt: string, status = 'open'): SupportConversationView => ({
  id,
  subject: `Subject ${id}`,
  status,
  priority: 'none',
  assigneeId: null,
  teamId: null,
  labels: [],
  communityId: null,
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt,
  firstResponseAt: null,
  resolvedAt: null,
  breaches: [],
  sla: { firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null },
});

const message = (id: string, at: string, direction: 'member' | 'agent' = 'agent'): SupportMessageView => ({
  id,
  direction,
  content: `text ${id}`,
  author: direction === 'agent' ? { id: 'agent:1', name: 'Ada' } : { id: 'ann', name: 'Ann' },
  createdAt: at,
  attachments: [],
});

describe('SupportState', () => {
  it('lists conversations by last update, and moves one up when a message arrives', () => {
    const state = new SupportState();
    state.setConversations([
      conversation('a', '2026-11-22T10:00:00.000Z'),
      conversation('b', '2026-11-22T11:00:00.000Z'),
    ]);
    expect(state.conversations.map((c) => c.id)).toEqual(['b', 'a']);
    const change = state.apply({
      kind: 'support.message',
      conversationId: 'a',
      message: message('m1', '2026-11-22T12:00:00.000Z'),
    });
    expect(change).toMatchObject({ kind: 'reply', conversationId: 'a', open: false });
    expect(state.conversations.map((c) => c.id)).toEqual(['a', 'b']);
    expect(state.unseen.has('a')).toBe(true);
  });

  it('holds each message of the open conversation once, in time order, whichever way it came', () => {
    const state = new SupportState();
    state.show(conversation('a', '2026-11-22T10:00:00.000Z'), [
      message('m1', '2026-11-22T10:00:00.000Z', 'member'),
    ]);
    // The live echo of the member's write arrives before the API's answer.
    const echo = message('m3', '2026-11-22T10:02:00.000Z', 'member');
    expect(state.apply({ kind: 'support.message', conversationId: 'a', message: echo }).kind).toBe('message');
    state.added('a', echo);
    // A reply stamped earlier arrives later.
    state.apply({
      kind: 'support.message',
      conversationId: 'a',
      message: message('m2', '2026-11-22T10:01:00.000Z'),
    });
    expect(state.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    // An edit replaces; it is not a new reply.
    const edited = { ...message('m2', '2026-11-22T10:01:00.000Z'), content: 'edited' };
    expect(state.apply({ kind: 'support.message_updated', conversationId: 'a', message: edited }).kind).toBe(
      'none',
    );
    expect(state.messages.find((m) => m.id === 'm2')?.content).toBe('edited');
    expect(state.unseen.size).toBe(0);
  });

  it('follows status changes of any conversation', () => {
    const state = new SupportState();
    state.show(conversation('a', '2026-11-22T10:00:00.000Z'), []);
    const change = state.apply({
      kind: 'support.conversation',
      conversation: conversation('a', '2026-11-22T10:05:00.000Z', 'resolved'),
    });
    expect(change).toMatchObject({ kind: 'conversation', previousStatus: 'open' });
    expect(state.open?.status).toBe('resolved');
  });

  it("shows an agent's typing until they stop, reply or it expires; never a member's", () => {
    const state = new SupportState();
    const now = 1_000_000;
    expect(state.agentTyping({ id: 'ann', name: 'Ann' }, now)).toBe(false);
    expect(state.agentTyping({ id: 'agent:1', name: 'Ada' }, now)).toBe(true);
    expect(state.agentTyping({ id: 'agent:1', name: 'Ada' }, now + 10)).toBe(false);
    expect(state.typingNames()).toEqual(['Ada']);
    state.agentTyping({ id: 'agent:1', name: 'Ada', stopped: true }, now + 20);
    expect(state.typingNames()).toEqual([]);

    state.agentTyping({ id: 'agent:1', name: 'Ada' }, now);
    state.show(conversation('a', '2026-11-22T10:00:00.000Z'), []);
    state.apply({
      kind: 'support.message',
      conversationId: 'a',
      message: message('m1', '2026-11-22T10:01:00.000Z'),
    });
    expect(state.typingNames()).toEqual([]);

    // Typing about another of the member's conversations is not shown in this one.
    expect(state.agentTyping({ id: 'agent:3', name: 'Lin', about: 'b' }, now)).toBe(false);
    expect(state.agentTyping({ id: 'agent:3', name: 'Lin', about: 'a' }, now)).toBe(true);
    expect(state.typingNames()).toEqual(['Lin']);
    state.agentTyping({ id: 'agent:3', name: 'Lin', stopped: true, about: 'a' }, now);

    state.agentTyping({ id: 'agent:2', name: 'Grace' }, now);
    expect(state.expireTyping(now + 1)).toBe(now + AGENT_TYPING_SHOWN_MS);
    expect(state.expireTyping(now + AGENT_TYPING_SHOWN_MS)).toBeUndefined();
    expect(state.typingNames()).toEqual([]);
  });
});
