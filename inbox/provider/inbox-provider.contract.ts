// The InboxProvider contract: what every implementation must do, observed only through the seam
// itself. Run by each implementation's test with a factory (inbox-provider.chatwoot.test.ts
// runs it against Chatwoot's contract double).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION_STATUSES, PRIORITIES, type InboxProvider } from './inbox-provider.js';

export interface ProviderFixture {
  provider: InboxProvider;
  /** Two agents and a team the provider knows. */
  agentIds: [number, number];
  teamId: number;
  close?: () => Promise<void>;
}

export function inboxProviderContract(name: string, make: () => Promise<ProviderFixture>): void {
  describe(`InboxProvider contract: ${name}`, () => {
    let f: ProviderFixture;
    const unique = () => `u-${Math.random().toString(36).slice(2, 10)}`;
    beforeAll(async () => {
      f = await make();
    });
    afterAll(async () => {
      await f.close?.();
    });

    async function conversation(): Promise<number> {
      const contact = await f.provider.upsertContact({ identifier: unique(), name: 'Contract' });
      return (
        await f.provider.createConversation({ contactId: contact.id, sourceId: contact.sourceId ?? '' })
      ).id;
    }

    it('has one contact per identifier, found by search and by id', async () => {
      const identifier = unique();
      const a = await f.provider.upsertContact({ identifier, name: 'Kim' });
      const b = await f.provider.upsertContact({ identifier, name: 'Kim' });
      expect(b.id).toBe(a.id);
      expect(a.sourceId).toBeTruthy();
      expect((await f.provider.searchContacts(identifier)).map((c) => c.id)).toContain(a.id);
      expect((await f.provider.getContact(a.id)).identifier).toBe(identifier);
    });

    it('deletes a contact with its conversations (erasure), and a second delete is fine', async () => {
      const identifier = unique();
      const contact = await f.provider.upsertContact({ identifier, name: 'Gone Soon' });
      const { id } = await f.provider.createConversation({
        contactId: contact.id,
        sourceId: contact.sourceId ?? '',
      });
      await f.provider.createMessage(id, { content: 'remember me', kind: 'incoming', sourceId: unique() });
      await f.provider.deleteContact(contact.id);
      expect((await f.provider.searchContacts(identifier)).map((c) => c.identifier)).not.toContain(
        identifier,
      );
      await expect(f.provider.getContact(contact.id)).rejects.toThrow();
      await expect(f.provider.getConversation(id)).rejects.toThrow();
      await f.provider.deleteContact(contact.id);
    });

    it('keeps messages in order with the source ids they were written with', async () => {
      const id = await conversation();
      await f.provider.createMessage(id, { content: 'one', kind: 'incoming', sourceId: 's-1' });
      await f.provider.createMessage(id, { content: 'two', kind: 'note', sourceId: 's-2' });
      await f.provider.createMessage(id, { content: 'three', kind: 'outgoing', sourceId: 's-3' });
      const listed = await f.provider.listMessages(id);
      expect(listed.map((m) => [m.content, m.kind, m.sourceId])).toEqual([
        ['one', 'incoming', 's-1'],
        ['two', 'note', 's-2'],
        ['three', 'outgoing', 's-3'],
      ]);
    });

    it('sets every status and priority, read back as set', async () => {
      const id = await conversation();
      for (const status of CONVERSATION_STATUSES) {
        await f.provider.setStatus(
          id,
          status,
          status === 'snoozed' ? new Date(Date.now() + 60_000) : undefined,
        );
        expect((await f.provider.getConversation(id)).status).toBe(status);
      }
      for (const priority of PRIORITIES) {
        await f.provider.setPriority(id, priority);
        expect((await f.provider.getConversation(id)).priority).toBe(priority);
      }
    });

    it('assigns to an agent and to a team; replaces labels; merges custom attributes', async () => {
      const id = await conversation();
      await f.provider.assign(id, { agentId: f.agentIds[1] });
      await f.provider.assign(id, { teamId: f.teamId });
      await f.provider.setLabels(id, ['a', 'b']);
      await f.provider.setLabels(id, ['b', 'c']);
      await f.provider.setCustomAttributes(id, { x: 1 });
      await f.provider.setCustomAttributes(id, { y: 2 });
      expect(await f.provider.getConversation(id)).toMatchObject({
        assigneeId: f.agentIds[1],
        teamId: f.teamId,
        labels: ['b', 'c'],
        customAttributes: { x: 1, y: 2 },
      });
    });

    it('lists conversations by status', async () => {
      const id = await conversation();
      await f.provider.setStatus(id, 'pending');
      expect((await f.provider.listConversations({ status: 'pending' })).map((c) => c.id)).toContain(id);
      expect((await f.provider.listConversations({ status: 'resolved' })).map((c) => c.id)).not.toContain(id);
    });

    it('lists its directory: inboxes, agents, teams and their members, canned responses', async () => {
      expect((await f.provider.listInboxes()).length).toBeGreaterThan(0);
      expect((await f.provider.listAgents()).map((a) => a.id)).toEqual(expect.arrayContaining(f.agentIds));
      expect((await f.provider.listTeams()).map((t) => t.id)).toContain(f.teamId);
      expect(Array.isArray(await f.provider.listTeamMembers(f.teamId))).toBe(true);
      expect(Array.isArray(await f.provider.listCannedResponses())).toBe(true);
    });
  });
}
