// What the review-queue tests share: hubs with room for many requests, moderators, members on
// sockets, posting a message and finding its case.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { apiAs, serviceApi, type ApiCall } from '../support/api.js';
import type { TestCommunity } from '../support/community.js';
import type { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient, type Frame } from '../support/ws-client.js';
import { eventually } from '../support/wait.js';

export type Hub = Awaited<ReturnType<typeof startTestHub>>;

/** Hub settings for a test file: its database, its own Redis keys, limits that tests do not hit. */
export function hubOverrides(databaseUrl: string, prefix: string): Record<string, unknown> {
  return {
    mongodb: { url: databaseUrl },
    redis: { keyPrefix: `${prefix}${randomUUID().slice(0, 6)}` },
    api: { ipBurst: 5_000, ipRatePerS: 1_000, userBurst: 5_000, userRatePerS: 1_000 },
    gateway: { publishBurst: 200, publishRatePerS: 100 },
  };
}

/** Makes the user a member of the community with the moderator role, as the marketplace does. */
export async function addModerator(hubUrl: string, c: TestCommunity, userId: string): Promise<void> {
  const service = await serviceApi(hubUrl);
  await service.upsertMember({
    path: { communityId: c.id, userId },
    body: { roles: ['member', 'moderator'], name: `Name ${userId}` },
  });
}

/** A socket of the user, subscribed to the topics. */
export async function socketOf(hub: Hub, user: string, topics: string[] = []): Promise<TestClient> {
  const client = await TestClient.connect(hub.wsUrl, await tokenFor(user, { name: `Name ${user}` }));
  for (const channel of topics) await client.ok({ type: 'subscribe', channel });
  return client;
}

/** The next publication on the client whose data has this kind. */
export function event(client: TestClient, kind: string, timeoutMs?: number): Promise<Frame> {
  return client.next((f) => f.type === 'pub' && (f['data'] as { kind?: string }).kind === kind, timeoutMs);
}

export function dataOf<T = Record<string, unknown>>(frame: Frame): T {
  return frame['data'] as T;
}

export interface CaseJson {
  id: string;
  messageId: string;
  authorId: string;
  status: string;
  claimedBy: string | null;
  flags: { by: string; reason: string }[];
  decision: { action: string; by: string; durationS: number | null } | null;
  appeal: { status: string; effect: string } | null;
  [key: string]: unknown;
}

/** Posts a message in a channel through the gateway and returns its id. */
export async function post(
  hub: Hub,
  c: TestCommunity,
  user: string,
  body: string,
  channel: keyof TestCommunity['channels'] = 'general',
): Promise<string> {
  const client = await socketOf(hub, user);
  try {
    const ack = await client.ok({
      type: 'publish',
      channel: c.topic(channel),
      data: { body },
      nonce: randomUUID(),
    });
    const api = await apiAs(hub.url, user);
    const page = await api('GET', `/api/v1/channels/${c.channels[channel]}/messages`);
    const items = page.body['items'] as { id: string; offset: number }[];
    const message = items.find((m) => m.offset === ack['offset']);
    expect(message, `message at offset ${String(ack['offset'])}`).toBeDefined();
    return message?.id ?? '';
  } finally {
    client.close();
  }
}

/**
 * The case of a message, as the moderator's review list shows it. A held message's case is opened
 * after the message is stored and announced, so it may appear a moment after the placeholder.
 */
export async function caseOf(moderator: ApiCall, c: TestCommunity, messageId: string): Promise<CaseJson> {
  return eventually(async () => {
    const list = await moderator('GET', `/api/v1/communities/${c.id}/cases?limit=100`);
    expect(list.status).toBe(200);
    const found = (list.body['items'] as CaseJson[]).find((x) => x.messageId === messageId);
    expect(found, `a case for ${messageId}`).toBeDefined();
    return found as CaseJson;
  });
}

/** Reports the message as the user; expects it accepted. */
export async function report(
  api: ApiCall,
  c: TestCommunity,
  messageId: string,
  reason = 'spam',
): Promise<void> {
  const res = await api('POST', `/api/v1/channels/${c.channels.general}/messages/${messageId}/report`, {
    reason,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
