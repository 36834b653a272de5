// The member's side of the support inbox, through the API and the member's socket, as <hub-chat>
// uses it: a member reads and writes only their own conversations (another member's is
// `404 not_found`, agent actions are `403 forbidden`), never sees private notes, reopens a
// resolved conversation, and sees an agent's typing start and stop. A hub node and a worker
// against real Redis and FerretDB, and the Chatwoot contract double.
import { supportConversations } from '../../inbox/store/models.js';
import { describe, expect, it } from 'vitest';
import { apiAs, type ApiCall } from '../support/api.js';
import { SUPPORT_WAIT_MS as WAIT, useSupportStack } from '../support/support-inbox.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient, type Frame } from '../support/ws-client.js';

const stack = useSupportStack({ name: 'msp' });

async function start(api: ApiCall, subject: string): Promise<string> {
  const res = await api('POST', '/api/v1/support/conversations', { subject, message: `About ${subject}` });
  expect(res.status).toBe(201);
  return (res.body['conversation'] as { id: string }).id;
}

const errorCode = (body: Record<string, unknown>) => (body['error'] as { code?: string } | undefined)?.code;

describe("a member's support conversations", { timeout: 120_000 }, () => {
  it("are the member's alone: another member gets not_found, agent actions are forbidden", async () => {
    const owner = await apiAs(stack.hub.url, 'sm1', { name: 'Sam Member' });
    const other = await apiAs(stack.hub.url, 'sm2', { name: 'Sue Member' });
    const id = await start(owner, 'Refund for order 77');

    for (const [method, path, body] of [
      ['GET', `/api/v1/support/conversations/${id}`, undefined],
      ['POST', `/api/v1/support/conversations/${id}/messages`, { content: 'let me in' }],
      ['POST', `/api/v1/support/conversations/${id}/reopen`, undefined],
    ] as const) {
      const res = await other(method, path, body);
      expect([res.status, errorCode(res.body)], `${method} ${path}`).toEqual([404, 'not_found']);
    }
    const listed = await other('GET', '/api/v1/support/conversations?status=all');
    expect(listed.body['items']).toEqual([]);
    // Even its owner cannot act as an agent.
    const status = await owner('POST', `/api/v1/support/conversations/${id}/status`, { status: 'resolved' });
    expect([status.status, errorCode(status.body)]).toEqual([403, 'forbidden']);
    const note = await owner('POST', `/api/v1/support/conversations/${id}/messages`, {
      content: 'secret',
      private: true,
    });
    expect([note.status, errorCode(note.body)]).toEqual([403, 'forbidden']);
    // An id that is not one is refused by its shape.
    expect((await owner('GET', '/api/v1/support/conversations/nope')).status).toBe(400);
  });

  it('never shows private notes to the member, and reopens a resolved conversation', async () => {
    const owner = await apiAs(stack.hub.url, 'sm3', { name: 'Sol Member' });
    const agent = await apiAs(stack.hub.url, 'ag1', { name: 'Ada Agent', roles: ['agent'] });
    const socket = await TestClient.connect(stack.hub.wsUrl, await tokenFor('sm3', { name: 'Sol Member' }));
    try {
      await socket.ok({ type: 'subscribe', channel: 'user:sm3' });
      const id = await start(owner, 'Invoice address');
      const path = `/api/v1/support/conversations/${id}`;
      expect(
        (await agent('POST', `${path}/messages`, { content: 'Known fraud pattern?', private: true })).status,
      ).toBe(201);
      expect((await agent('POST', `${path}/messages`, { content: 'Fixed it for you.' })).status).toBe(201);
      await socket.next((f) => JSON.stringify(f).includes('Fixed it for you.'), WAIT);
      const read = await owner('GET', path);
      const contents = (read.body['messages'] as { content: string; private: boolean }[]).map((m) => [
        m.content,
        m.private,
      ]);
      expect(contents).toEqual([
        ['About Invoice address', false],
        ['Fixed it for you.', false],
      ]);
      expect(socket.frames.some((f) => JSON.stringify(f).includes('fraud pattern'))).toBe(false);

      // Only a resolved conversation reopens.
      const early = await owner('POST', `${path}/reopen`);
      expect([early.status, errorCode(early.body)]).toEqual([409, 'conflict']);
      const resolved = await agent('POST', `${path}/status`, { status: 'resolved' });
      expect(resolved.status).toBe(200);
      const firstDue = (resolved.body['sla'] as { resolutionDueAt: string | null }).resolutionDueAt;
      const reopenedAt = Date.now();
      const reopened = await owner('POST', `${path}/reopen`);
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ id, status: 'open', resolvedAt: null });
      // The resolution clock runs again, from the reopening.
      const again = await eventually(async () => {
        const due = (
          (await owner('GET', path)).body['conversation'] as { sla: { resolutionDueAt: string | null } }
        ).sla.resolutionDueAt;
        return due && due !== firstDue ? due : undefined;
      }, WAIT);
      expect(Date.parse(again)).toBeGreaterThan(reopenedAt);
      await socket.next(
        (f) =>
          f.type === 'pub' &&
          (f['data'] as { kind?: string; conversation?: { id: string; status: string } }).conversation
            ?.status === 'open',
        WAIT,
      );
      // And Chatwoot is told.
      const cw = await eventually(() => stack.chatwootConversation(id), WAIT);
      await eventually(() => (cw.status === 'open' ? cw : undefined), WAIT);
    } finally {
      socket.close();
    }
  });

  it('reopens a resolved conversation its member writes in, here and in Chatwoot', async () => {
    const owner = await apiAs(stack.hub.url, 'sm5', { name: 'Sky Member' });
    const agent = await apiAs(stack.hub.url, 'ag2', { name: 'Ada Agent', roles: ['agent'] });
    const id = await start(owner, 'Parcel lost');
    const path = `/api/v1/support/conversations/${id}`;
    const cw = await eventually(() => stack.chatwootConversation(id), WAIT);
    expect((await agent('POST', `${path}/status`, { status: 'resolved' })).status).toBe(200);
    await eventually(() => (cw.status === 'resolved' ? cw : undefined), WAIT);
    // Chatwoot unreachable: the hub reopens the conversation by itself, at once.
    stack.double.setOutage('refuse');
    const wroteAt = Date.now();
    let view;
    try {
      expect((await owner('POST', `${path}/messages`, { content: 'It is still lost' })).status).toBe(201);
      view = (await owner('GET', path)).body['conversation'] as {
        status: string;
        resolvedAt: string | null;
        sla: { resolutionDueAt: string | null };
      };
    } finally {
      stack.double.setOutage('none');
    }
    expect(view).toMatchObject({ status: 'open', resolvedAt: null });
    // The resolution clock runs again, from the reopening.
    expect(Date.parse(view.sla.resolutionDueAt ?? '')).toBeGreaterThan(wroteAt);
    await eventually(
      () =>
        cw.status === 'open' &&
        stack.double.messages.some((m) => m.conversationId === cw.id && m.content === 'It is still lost'),
      WAIT,
    );
  });

  it("relays an agent's typing to the member, and its end", async () => {
    const owner = await apiAs(stack.hub.url, 'sm4', { name: 'Sid Member' });
    const socket = await TestClient.connect(stack.hub.wsUrl, await tokenFor('sm4', { name: 'Sid Member' }));
    try {
      await socket.ok({ type: 'subscribe', channel: 'user:sm4' });
      const id = await start(owner, 'Typing');
      const cw = await eventually(() => stack.chatwootConversation(id), WAIT);
      // The hub knows the Chatwoot id only once the worker recorded it, a moment after Chatwoot
      // has the conversation; typing about a conversation the hub cannot match is dropped.
      await eventually(
        async () =>
          (await supportConversations(stack.db.connection).findById(id).lean())?.chatwootConversationId,
        WAIT,
      );
      const typing = (f: Frame) => f.type === 'typing' && f['channel'] === 'user:sm4';
      stack.double.agentTyping(cw.id, true);
      const on = await socket.next(typing, WAIT);
      expect(on).toMatchObject({ user: { id: 'agent:1', name: 'Ada' }, about: id });
      expect(on['stopped']).toBeUndefined();
      stack.double.agentTyping(cw.id, false);
      const off = await socket.next((f) => typing(f) && f['stopped'] === true, WAIT);
      expect(off).toMatchObject({ user: { id: 'agent:1' }, about: id });
      // Chatwoot sends no delivery id: the agent typing again (the same body) is relayed again.
      stack.double.setDeliveryIds(false);
      try {
        for (let round = 0; round < 2; round++) {
          stack.double.agentTyping(cw.id, true);
          await socket.next((f) => typing(f) && f['stopped'] === undefined, WAIT);
        }
      } finally {
        stack.double.setDeliveryIds(true);
      }
    } finally {
      socket.close();
    }
  });
});
