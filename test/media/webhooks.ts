// LiveKit webhooks for tests, signed the way LiveKit signs them: the JSON body, and an
// `Authorization` JWT from the API key and secret whose sha256 claim is the body's hash.
import { createHash, randomUUID } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';

export interface TestWebhook {
  event: string;
  room: string;
  identity?: string;
  trackSource?: 'MICROPHONE' | 'CAMERA';
  createdAtS?: number;
}

export async function signedWebhook(
  hook: TestWebhook,
  credentials: { apiKey: string; apiSecret: string },
): Promise<{ body: string; authorization: string }> {
  const body = JSON.stringify({
    event: hook.event,
    id: `EV_${randomUUID()}`,
    createdAt: String(hook.createdAtS ?? Math.floor(Date.now() / 1000)),
    room: { sid: `RM_${hook.room}`, name: hook.room },
    ...(hook.identity ? { participant: { sid: `PA_${hook.identity}`, identity: hook.identity } } : {}),
    ...(hook.trackSource ? { track: { sid: `TR_${randomUUID()}`, source: hook.trackSource } } : {}),
  });
  const token = new AccessToken(credentials.apiKey, credentials.apiSecret);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return { body, authorization: await token.toJwt() };
}

export async function deliver(
  hubUrl: string,
  hook: { body: string; authorization: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${hubUrl}/webhooks/livekit`, {
    method: 'POST',
    headers: { authorization: hook.authorization, 'content-type': 'application/webhook+json' },
    body: hook.body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
