import { describe, expect, it } from 'vitest';
import type { ApiMessage } from './api.js';
import { MessageStore } from './message-store.js';

const stored = (id: string, offset: number, extra: Partial<ApiMessage> = {}): ApiMessage => ({
  id,
  channelId: 'c',
  offset,
  author: { id: 'ann', name: 'Ann' },
  body: `body ${id}`,
  replyToId: null,
  threadId: null,
  mentions: { userIds: [], roleIds: [], everyone: false },
  reactions: [],
  pinned: false,
  editedAt: null,
  deleted: false,
  createdAt: 1_000 * offset,
  ...extra,
});

const pub = (offset: number, data: Record<string, unknown>, author = { id: 'ann', name: 'Ann' }) => ({
  offset,
  data,
  info: author,
  ts: 5_000 + offset,
});

describe('MessageStore', () => {
  it('lists a history page by offset, then live messages, once each', () => {
    const store = new MessageStore(() => 'bob');
    store.loadPage([stored('b', 2), stored('a', 1)], null);
    expect(store.apply(pub(3, { kind: 'message', id: 'c', body: 'hi', replyToId: null })).kind).toBe('added');
    expect(store.apply(pub(3, { kind: 'message', id: 'c', body: 'hi', replyToId: null })).kind).toBe('none');
    expect(store.list().map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(store.lastOffset).toBe(3);
  });

  it('applies edits, reactions (own and others), pins, and removes deleted and hidden messages', () => {
    const store = new MessageStore(() => 'bob');
    store.loadPage([stored('a', 1), stored('b', 2)], 0);
    store.apply(pub(3, { kind: 'message.edited', id: 'a', body: 'new text', editedAt: 42 }));
    store.apply(pub(4, { kind: 'reaction', id: 'a', emoji: '👍', userId: 'ann', added: true, count: 1 }));
    store.apply(pub(5, { kind: 'reaction', id: 'a', emoji: '👍', userId: 'bob', added: true, count: 2 }));
    store.apply(pub(6, { kind: 'pin', id: 'a', pinned: true, by: 'mod' }));
    const a = store.get('a');
    expect(a).toMatchObject({
      body: 'new text',
      editedAt: 42,
      pinned: true,
      reactions: [{ emoji: '👍', count: 2, me: true }],
    });
    store.apply(pub(7, { kind: 'reaction', id: 'a', emoji: '👍', userId: 'bob', added: false, count: 1 }));
    expect(store.get('a')?.reactions).toEqual([{ emoji: '👍', count: 1, me: false }]);
    expect(store.apply(pub(8, { kind: 'message.hidden', id: 'b' }))).toEqual({ kind: 'removed', id: 'b' });
    expect(store.apply(pub(9, { kind: 'message.deleted', id: 'a', deletedBy: 'mod' })).kind).toBe('removed');
    expect(store.list()).toEqual([]);
  });

  it('restores a hidden message in its place', () => {
    const store = new MessageStore(() => 'bob');
    store.loadPage([stored('a', 1), stored('b', 2)], null);
    store.apply(pub(3, { kind: 'message.hidden', id: 'a' }));
    store.apply(
      pub(4, {
        kind: 'message.restored',
        message: { kind: 'message', id: 'a', body: 'back', replyToId: null },
      }),
    );
    expect(store.list().map((m) => [m.id, m.body])).toEqual([
      ['a', 'back'],
      ['b', 'body b'],
    ]);
  });

  it('leaves held messages out of history, and shows one restored by its author, offset and time', () => {
    const store = new MessageStore(() => 'bob');
    store.loadPage([stored('a', 1), stored('h', 2, { hidden: true, body: '' }), stored('b', 3)], null);
    expect(store.list().map((m) => m.id)).toEqual(['a', 'b']);
    // Held by AutoMod before anyone saw it; the moderator's approval publishes it.
    const change = store.apply(
      pub(
        9,
        {
          kind: 'message.restored',
          message: { kind: 'message', id: 'n', body: 'approved text', replyToId: null },
          author: { id: 'ann', name: 'Ann' },
          offset: 4,
          createdAt: 4_000,
        },
        { id: 'mod', name: 'Mod' },
      ),
    );
    expect(change).toMatchObject({ kind: 'added', message: { id: 'n', author: { id: 'ann' } } });
    expect(store.get('n')).toMatchObject({ offset: 4, createdAt: 4_000, body: 'approved text' });
    expect(store.list().map((m) => m.id)).toEqual(['a', 'b', 'n']);
  });

  it('shows an own send at once, and replaces it with the stored message whichever arrives first', () => {
    const store = new MessageStore(() => 'bob');
    const bob = { id: 'bob', name: 'Bob' };
    store.addPending('n1', 'first', null, bob);
    store.addPending('n2', 'second', null, bob);
    expect(store.list().map((m) => [m.body, m.status])).toEqual([
      ['first', 'pending'],
      ['second', 'pending'],
    ]);
    // n1: the reply first, then the publication.
    store.confirm('n1', 10);
    expect(store.list().map((m) => m.status)).toEqual(['sent', 'pending']);
    store.apply(pub(10, { kind: 'message', id: 'm10', body: 'first', replyToId: null }, bob));
    // n2: the publication first (the pending entry goes at once), then the reply.
    store.apply(pub(11, { kind: 'message', id: 'm11', body: 'second', replyToId: null }, bob));
    expect(store.list().map((m) => m.id)).toEqual(['m10', 'm11']);
    store.confirm('n2', 11);
    expect(store.list().map((m) => [m.id, m.status])).toEqual([
      ['m10', 'sent'],
      ['m11', 'sent'],
    ]);
  });

  it('keeps a failed send with its reason until retried (same nonce) or discarded', () => {
    const store = new MessageStore(() => 'bob');
    store.addPending('n1', 'buy now', null, { id: 'bob', name: 'Bob' });
    store.fail('n1', { code: 'automod_blocked', message: 'Links are not allowed here.' });
    expect(store.list()[0]).toMatchObject({ status: 'failed', error: { code: 'automod_blocked' } });
    expect(store.retry('n1')).toMatchObject({ status: 'pending', nonce: 'n1' });
    expect(store.list()[0]?.error).toBeUndefined();
    store.discard('n1');
    expect(store.list()).toEqual([]);
  });

  it('records threads started from a message', () => {
    const store = new MessageStore(() => 'bob');
    store.loadPage([stored('a', 1)], null);
    store.apply(pub(2, { kind: 'thread', id: 'a', threadId: 't1', name: 'Pipes' }));
    expect(store.get('a')?.threadId).toBe('t1');
    expect(store.threadNames.get('t1')).toBe('Pipes');
  });

  it('keeps live messages newer than a page that was read before them', () => {
    const store = new MessageStore(() => 'bob');
    store.apply(pub(3, { kind: 'message', id: 'c', body: 'live', replyToId: null }));
    store.replaceWith([stored('a', 1), stored('b', 2)], null);
    expect(store.list().map((m) => m.id)).toEqual(['a', 'b', 'c']);
    store.replaceWith([stored('a', 1), stored('b', 2), stored('c', 3)], null);
    expect(store.list().map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it("marks the member's send held when the ack says so, in its place, until it is restored", () => {
    const store = new MessageStore(() => 'bob');
    store.loadPage([stored('a', 1)], null);
    store.addPending('n1', 'held text', null, { id: 'bob', name: 'Bob' });
    store.confirm('n1', 2);
    store.hold('n1', 2, 'm2');
    store.apply(pub(3, { kind: 'message', id: 'c', body: 'later', replyToId: null }));
    expect(store.list().map((m) => [m.id, m.status])).toEqual([
      ['a', 'sent'],
      ['m2', 'held'],
      ['c', 'sent'],
    ]);
    const message = { kind: 'message', id: 'm2', body: 'held text', replyToId: null };
    store.apply(
      pub(4, {
        kind: 'message.restored',
        message,
        author: { id: 'bob', name: 'Bob' },
        offset: 2,
        createdAt: 9,
      }),
    );
    expect(store.list().map((m) => [m.id, m.status])).toEqual([
      ['a', 'sent'],
      ['m2', 'sent'],
      ['c', 'sent'],
    ]);
  });

  it("shows the member's held send as removed, in its place, with the moderator's reason", () => {
    const store = new MessageStore(() => 'bob');
    store.loadPage([stored('a', 1)], null);
    store.addPending('n1', 'held text', null, { id: 'bob', name: 'Bob' });
    store.confirm('n1', 2);
    store.hold('n1', 2, 'm2');
    store.apply(pub(3, { kind: 'message', id: 'c', body: 'later', replyToId: null }));
    const decision = { kind: 'message.reviewed', messageId: 'm2', reason: 'No invites' };
    // An approval changes nothing here (the channel's message.restored does); another id neither.
    expect(store.reviewed({ ...decision, decision: 'approved' })).toBe(false);
    expect(store.reviewed({ ...decision, messageId: 'a', decision: 'removed' })).toBe(false);
    expect(store.reviewed({ ...decision, decision: 'removed' })).toBe(true);
    // The channel's tombstone for a message it never showed changes nothing either.
    store.apply(pub(4, { kind: 'message.deleted', id: 'm2', deletedBy: 'mod' }));
    expect(store.list().map((m) => [m.id, m.status, m.error?.message])).toEqual([
      ['a', 'sent', undefined],
      ['m2', 'held', 'No invites'],
      ['c', 'sent', undefined],
    ]);
  });

  it('knows a send is held from the hidden placeholder at its offset, before or after the ack', () => {
    const after = new MessageStore(() => 'bob');
    after.addPending('n1', 'held text', null, { id: 'bob', name: 'Bob' });
    after.confirm('n1', 5);
    after.apply(pub(5, { kind: 'message.hidden', id: 'm5', by: 'automod' }));
    expect(after.list().map((m) => m.status)).toEqual(['held']);

    const before = new MessageStore(() => 'bob');
    before.addPending('n1', 'held text', null, { id: 'bob', name: 'Bob' });
    before.apply(pub(5, { kind: 'message.hidden', id: 'm5', by: 'automod' }));
    expect(before.list().map((m) => m.status)).toEqual(['pending']);
    before.confirm('n1', 5);
    expect(before.list().map((m) => m.status)).toEqual(['held']);

    // Someone else's held message at another offset is not ours.
    const other = new MessageStore(() => 'bob');
    other.addPending('n1', 'fine', null, { id: 'bob', name: 'Bob' });
    other.apply(pub(4, { kind: 'message.hidden', id: 'm4', by: 'automod' }));
    other.confirm('n1', 5);
    expect(other.list().map((m) => m.status)).toEqual(['sent']);
  });
});
