// The demo's support inbox, shared by `npm start` (scripts/chatwoot-dev.ts) and the demo page's
// browser test: the demo's Chatwoot agents, and the seeded support conversation, opened through the hub's own API as the demo member would, so it
// takes the real path (hub → outbound queue → Chatwoot → signed webhooks). Idempotent.

/**
 * The demo's Chatwoot agents (the double's, in development). Agent 1 is the demo page's
 * support-agent persona: the hub maps it to the user demo-agent (HUB_INBOX_AGENT_USERS).
 */
export const DEMO_CHATWOOT_AGENTS = [
  { id: 1, name: 'Aziz (support agent)', email: 'aziz@demo.hubbub.test' },
  { id: 2, name: 'Grace (support agent)', email: 'grace@demo.hubbub.test' },
];
export const DEMO_AGENT_USERS = '1=demo-agent';

export const DEMO_SUPPORT = {
  persona: 'member',
  community: 'plumbers',
  subject: 'My payout for order 4711 has not arrived',
  message:
    'I finished the bathroom job for order 4711 last Tuesday, but the payout is still not in my account.',
} as const;

async function call<T>(
  hubUrl: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${hubUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok)
    throw new Error(`support demo: ${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** Opens the demo member's support conversation unless it exists; says which it did. */
export async function seedSupportDemo(hubUrl: string): Promise<'created' | 'present'> {
  const { token } = await call<{ token: string }>(hubUrl, 'POST', '/demo/token', undefined, {
    persona: DEMO_SUPPORT.persona,
  });
  const { items } = await call<{ items: { subject: string }[] }>(
    hubUrl,
    'GET',
    '/api/v1/support/conversations?status=all',
    token,
  );
  if (items.some((c) => c.subject === DEMO_SUPPORT.subject)) return 'present';
  const community = await call<{ id: string }>(
    hubUrl,
    'GET',
    `/api/v1/communities/by-slug/${DEMO_SUPPORT.community}`,
    token,
  );
  await call(hubUrl, 'POST', '/api/v1/support/conversations', token, {
    subject: DEMO_SUPPORT.subject,
    message: DEMO_SUPPORT.message,
    communityId: community.id,
    language: 'en',
  });
  return 'created';
}
