// The Chatwoot client against the contract double: every call must conform to Chatwoot's
// published OpenAPI (the double refuses it otherwise), and transient failures are retried as
// documented, with typed errors for what remains.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChatwootDouble } from '../../test/support/chatwoot-double.js';
import { ChatwootProvider, identifierHash } from './inbox-provider.chatwoot.js';
import {
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderUnavailableError,
  ProviderValidationError,
} from './errors.js';
import { parseRetryAfter, retryDelayMs } from './retry.js';
import { inboxProviderContract } from './inbox-provider.contract.js';

const TOKEN = 'agent-api-token';
let double: ChatwootDouble;
const sleeps: number[] = [];

function client(
  overrides: Partial<ConstructorParameters<typeof ChatwootProvider>[0]> = {},
): ChatwootProvider {
  return new ChatwootProvider({
    baseUrl: double.url,
    apiAccessToken: TOKEN,
    accountId: 7,
    inboxId: 3,
    hmacToken: 'inbox-hmac-token',
    retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 5_000 },
    sleep: async (ms) => void sleeps.push(ms),
    ...overrides,
  });
}

beforeAll(async () => {
  double = await ChatwootDouble.start({
    apiAccessToken: TOKEN,
    accountId: 7,
    inboxId: 3,
    hmacToken: 'inbox-hmac-token',
    agents: [
      { id: 1, name: 'Ada' },
      { id: 2, name: 'Grace' },
    ],
    teams: [{ id: 5, name: 'Billing', members: [2] }],
  });
});
afterAll(() => double.close());
afterEach(() => {
  sleeps.length = 0;
  double.setOutage('none');
  expect(double.violations()).toEqual([]);
});

describe('ChatwootProvider against the contract double', () => {
  it('creates a contact once per marketplace user, with its identity hash', async () => {
    const cw = client();
    const first = await cw.upsertContact({ identifier: 'user-42', name: 'Mia' });
    const again = await cw.upsertContact({ identifier: 'user-42', name: 'Mia' });
    expect(again.id).toBe(first.id);
    const stored = double.contacts.filter((c) => c.identifier === 'user-42');
    expect(stored).toHaveLength(1);
    // The contact's source id in the API inbox: what conversations are created with.
    expect(first.sourceId).toBe(stored[0]?.sourceId);
    const create = double.requests.find((r) => r.operationId === 'contactCreate');
    expect((create?.body as Record<string, unknown>)['identifier_hash']).toBe(
      identifierHash('user-42', 'inbox-hmac-token'),
    );
    expect((await cw.getContact(first.id)).identifier).toBe('user-42');
  });

  it('refuses a contact whose identity hash was made with another token', async () => {
    await expect(
      client({ hmacToken: 'wrong-token' }).upsertContact({ identifier: 'user-43', name: 'Eve' }),
    ).rejects.toBeInstanceOf(ProviderAuthError);
  });

  it('runs a conversation: messages, status, snooze, priority, assignment, labels, attributes', async () => {
    const cw = client();
    const contact = await cw.upsertContact({ identifier: 'user-44', name: 'Noor' });
    const { id } = await cw.createConversation({
      contactId: contact.id,
      sourceId: contact.sourceId ?? '',
      customAttributes: { community: 'c1' },
    });
    const incoming = await cw.createMessage(id, { content: 'Help!', kind: 'incoming', sourceId: 'hub-m1' });
    expect(incoming).toMatchObject({ kind: 'incoming', sourceId: 'hub-m1', content: 'Help!' });
    await cw.createMessage(id, { content: 'internal', kind: 'note', sourceId: 'hub-m2' });
    const listed = await cw.listMessages(id);
    expect(listed.map((m) => [m.kind, m.sourceId])).toEqual([
      ['incoming', 'hub-m1'],
      ['note', 'hub-m2'],
    ]);

    await cw.setStatus(id, 'pending');
    const until = new Date(Date.now() + 3600_000);
    await cw.setStatus(id, 'snoozed', until);
    let conversation = await cw.getConversation(id);
    expect(conversation.status).toBe('snoozed');
    expect(conversation.snoozedUntil).toBe(Math.floor(until.getTime() / 1000));

    await cw.setPriority(id, 'high');
    await cw.assign(id, { agentId: 2 });
    await cw.assign(id, { teamId: 5 });
    expect(await cw.setLabels(id, ['billing', 'vip'])).toEqual(['billing', 'vip']);
    await cw.setCustomAttributes(id, { order: 'A-1' });
    conversation = await cw.getConversation(id);
    expect(conversation).toMatchObject({
      priority: 'high',
      assigneeId: 2,
      teamId: 5,
      labels: ['billing', 'vip'],
      customAttributes: { community: 'c1', order: 'A-1' },
    });

    const filtered = await cw.listConversations({ status: 'snoozed', labels: ['billing'], teamId: 5 });
    expect(filtered.map((c) => c.id)).toEqual([id]);
    expect(await cw.listConversations({ status: 'resolved' })).toEqual([]);
  });

  it('reads the directory: inboxes, agents, teams, members, canned responses', async () => {
    const cw = client();
    expect((await cw.listInboxes())[0]).toMatchObject({ id: 3, channelType: 'Channel::Api' });
    expect((await cw.listAgents()).map((a) => a.name)).toEqual(['Ada', 'Grace']);
    expect(await cw.listTeams()).toEqual([{ id: 5, name: 'Billing' }]);
    expect((await cw.listTeamMembers(5)).map((a) => a.id)).toEqual([2]);
    expect((await cw.listCannedResponses())[0]?.shortCode).toBe('hello');
  });
});

describe('retries and typed errors', () => {
  it('retries 5xx with backoff until it succeeds', async () => {
    double.failNext({ status: 503 }, { status: 502 });
    expect(await client().listTeams()).toHaveLength(1);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
  });

  it('honours Retry-After on 429', async () => {
    double.failNext({ status: 429, retryAfter: '2' });
    await client().listTeams();
    expect(sleeps).toEqual([2_000]);
  });

  it('gives up after its retries with a typed, retryable error', async () => {
    double.failNext({ status: 429 }, { status: 429 }, { status: 429 }, { status: 429 });
    const err = await client()
      .listTeams()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderRateLimitError);
    expect((err as ProviderRateLimitError).retryable).toBe(true);
    expect(sleeps).toHaveLength(3);
  });

  it('reports an unreachable Chatwoot as unavailable', async () => {
    double.setOutage('refuse');
    await expect(client().listAgents()).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('never retries a message create itself (the sync job checks before retrying)', async () => {
    const cw = client();
    const contact = await cw.upsertContact({ identifier: 'user-45', name: 'Ola' });
    const { id } = await cw.createConversation({ contactId: contact.id, sourceId: contact.sourceId ?? '' });
    double.failNext({ status: 503 });
    await expect(
      cw.createMessage(id, { content: 'x', kind: 'incoming', sourceId: 's1' }),
    ).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(sleeps).toEqual([]);
  });

  it('does not retry client errors: auth, not found', async () => {
    await expect(client({ apiAccessToken: 'wrong' }).listAgents()).rejects.toBeInstanceOf(ProviderAuthError);
    await expect(client().getConversation(999_999)).rejects.toBeInstanceOf(ProviderNotFoundError);
    expect(sleeps).toEqual([]);
  });
});

describe('the double enforces the published contract', () => {
  it('answers 4xx to a request that drifts from the spec, and records it', async () => {
    const res = await fetch(`${double.url}/api/v1/accounts/7/conversations/1/toggle_status`, {
      method: 'POST',
      headers: { api_access_token: TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'closed' }),
    });
    expect(res.status).toBe(422);
    const undocumented = await fetch(`${double.url}/api/v1/accounts/7/conversations?sort=fast`, {
      headers: { api_access_token: TOKEN },
    });
    expect(undocumented.status).toBe(422);
    const wrongPath = await fetch(`${double.url}/api/v1/accounts/7/tickets`, {
      headers: { api_access_token: TOKEN },
    });
    expect(wrongPath.status).toBe(404);
    expect(double.violations()).toHaveLength(3);
    double.requests.length = 0; // these were on purpose
  });

  it('turns a drifting client call into a validation error', async () => {
    const cw = client();
    const contact = await cw.upsertContact({ identifier: 'user-46', name: 'Ivo' });
    const { id } = await cw.createConversation({ contactId: contact.id, sourceId: contact.sourceId ?? '' });
    // A status Chatwoot does not know: the double refuses it against the spec.
    await expect(cw.setStatus(id, 'closed' as 'open')).rejects.toBeInstanceOf(ProviderValidationError);
    double.requests.length = 0;
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter(new Date(Date.now() + 5_000).toUTCString())).toBeGreaterThan(3_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('caps the delay and grows it exponentially', () => {
    const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(retryDelayMs(policy, 1, undefined, () => 1)).toBe(100);
    expect(retryDelayMs(policy, 3, undefined, () => 1)).toBe(400);
    expect(retryDelayMs(policy, 9, undefined, () => 1)).toBe(1_000);
    expect(retryDelayMs(policy, 1, '60')).toBe(1_000);
  });
});

inboxProviderContract('Chatwoot, against the contract double', async () => {
  const own = await ChatwootDouble.start({
    apiAccessToken: TOKEN,
    accountId: 2,
    inboxId: 8,
    agents: [
      { id: 11, name: 'Lin' },
      { id: 12, name: 'Sam' },
    ],
    teams: [{ id: 30, name: 'Ops', members: [12] }],
  });
  return {
    provider: new ChatwootProvider({ baseUrl: own.url, apiAccessToken: TOKEN, accountId: 2, inboxId: 8 }),
    agentIds: [11, 12],
    teamId: 30,
    close: async () => {
      expect(own.violations()).toEqual([]);
      await own.close();
    },
  };
});
