// Support files synced both ways with the Chatwoot contract double, which checks the multipart
// create against Chatwoot's published spec and renders webhooks' `attachments` as the spec says:
// a member's files reach Chatwoot once as `attachments[]` (their echo fetches nothing); an
// agent's files from Chatwoot reach the member as the hub's own files, once however often the
// webhook comes; and files are fetched only from Chatwoot's origin, never another host, directly
// or through a redirect, and never past the size limit. Real Redis, FerretDB, hub and worker.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type ApiCall } from '../support/api.js';
import { SUPPORT_WAIT_MS as WAIT, useSupportStack } from '../support/support-inbox.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';

const MAX_BYTES = 200_000;
const stack = useSupportStack({ name: 'sfs', config: { attachments: { maxBytes: MAX_BYTES } } });
const waitFor = <T>(check: () => T | Promise<T>) => eventually(check, WAIT);

type Body = Record<string, unknown>;
interface Linked {
  name: string;
  contentType: string;
  url: string;
}

/** Another host on this machine, which must never be asked for anything. */
let elsewhere: Server;
let elsewhereUrl = '';
const elsewhereHits: string[] = [];
beforeAll(async () => {
  elsewhere = createServer((req, res) => {
    elsewhereHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/plain' }).end('not for you');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
});
afterAll(async () => {
  elsewhere.closeAllConnections();
  await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
});

async function member(id: string) {
  const api = await apiAs(stack.hub.url, id, { name: `Member ${id}` });
  const socket = await TestClient.connect(stack.hub.wsUrl, await tokenFor(id, { name: `Member ${id}` }));
  await socket.ok({ type: 'subscribe', channel: `user:${id}` });
  return { api, socket };
}

async function start(api: ApiCall, subject: string) {
  const res = await api('POST', '/api/v1/support/conversations', { subject, message: `About ${subject}` });
  expect(res.status).toBe(201);
  const id = (res.body['conversation'] as { id: string }).id;
  const cw = await waitFor(() => {
    const c = stack.chatwootConversation(id);
    return c && stack.double.messages.some((m) => m.conversationId === c.id) ? c : undefined;
  });
  return { id, cw };
}

async function upload(userId: string, conversationId: string, name: string, bytes: Uint8Array) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${stack.hub.url}/api/v1/support/conversations/${conversationId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenFor(userId)}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Body;
}

/** The member's links to the files of their conversation's message with this content. */
async function filesOf(api: ApiCall, id: string, content: string): Promise<Linked[]> {
  const history = await api('GET', `/api/v1/support/conversations/${id}`);
  const message = (history.body['messages'] as { id: string; content: string }[]).find(
    (m) => m.content === content,
  );
  if (!message) return [];
  const links = await api('GET', `/api/v1/support/conversations/${id}/messages/${message.id}/attachments`);
  return links.body['items'] as Linked[];
}

const bytesAt = async (url: string) =>
  Buffer.from(await (await fetch(`${stack.hub.url}${url}`)).arrayBuffer());

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('support files between members and Chatwoot', { timeout: 120_000 }, () => {
  it("sends a member's files to Chatwoot once, as multipart attachments[]; the echo fetches nothing", async () => {
    const { api, socket } = await member('sf1');
    try {
      const { id, cw } = await start(api, 'Broken hinge');
      const photo = await upload(
        'sf1',
        id,
        'hinge.png',
        await sharp({ create: { width: 300, height: 200, channels: 3, background: '#a52' } })
          .png()
          .toBuffer(),
      );
      const note = await upload('sf1', id, 'order.pdf', PDF);
      const blobsBefore = stack.double.blobRequests.length;
      const sent = await api('POST', `/api/v1/support/conversations/${id}/messages`, {
        content: 'Photo and order',
        attachments: [photo['id'], note['id']],
      });
      expect(sent.status).toBe(201);
      const there = await waitFor(() =>
        stack.double.messages.find((m) => m.conversationId === cw.id && m.content === 'Photo and order'),
      );
      expect(there.sourceId).toBe(`hub-${String(sent.body['id'])}`);
      expect(there.messageType).toBe(0);
      // The bytes in Chatwoot are the hub's stored ones (the photo as re-encoded).
      const mine = await filesOf(api, id, 'Photo and order');
      expect(there.attachments?.map((f) => [f.name, f.contentType])).toEqual([
        ['hinge.png', 'image/png'],
        ['order.pdf', 'application/pdf'],
      ]);
      for (const [i, f] of (there.attachments ?? []).entries())
        expect(Buffer.from(f.base64, 'base64')).toEqual(await bytesAt((mine[i] as Linked).url));
      const creates = stack.double.requests.filter(
        (r) =>
          r.operationId === 'create-a-new-message-in-a-conversation' && r.path.endsWith(`/${cw.id}/messages`),
      );
      expect(creates.map((r) => (r.body as Body)['attachments[]'] ?? null)).toEqual([
        null,
        ['hinge.png', 'order.pdf'],
      ]);
      // Its echo only marks it delivered: nothing fetched, no second copy for the member.
      await waitFor(async () => {
        await stack.double.flushWebhooks();
        const history = await api('GET', `/api/v1/support/conversations/${id}`);
        return (history.body['messages'] as unknown[]).length === 2;
      });
      expect(stack.double.blobRequests.length).toBe(blobsBefore);
    } finally {
      socket.close();
    }
  });

  it("gives the member an agent's files from Chatwoot as the hub's own, once however often the webhook comes", async () => {
    const { api, socket } = await member('sf2');
    try {
      const { id, cw } = await start(api, 'Leak under the sink');
      const png = await sharp({ create: { width: 500, height: 400, channels: 3, background: '#36c' } })
        .png()
        .toBuffer();
      const reply = stack.double.agentReplyWithFiles(cw.id, 'See the manual', [
        { name: 'manual.pdf', contentType: 'application/pdf', bytes: PDF },
        { name: 'valve.png', contentType: 'image/png', bytes: png },
      ]);
      const live = await socket.next((f) => JSON.stringify(f).includes('See the manual'), WAIT);
      const event = live['data'] as { message: { attachments: { name: string }[] } };
      expect(event.message.attachments.map((a) => a.name)).toEqual(['manual.pdf', 'valve.png']);
      const files = await filesOf(api, id, 'See the manual');
      expect(files.map((f) => [f.name, f.contentType])).toEqual([
        ['manual.pdf', 'application/pdf'],
        ['valve.png', 'image/png'],
      ]);
      expect(await bytesAt((files[0] as Linked).url)).toEqual(Buffer.from(PDF));
      const meta = await sharp(await bytesAt((files[1] as Linked).url)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 500, 400]);
      // Fetched from Chatwoot's blob links, through their redirect on the same host.
      const fetched = stack.double.blobRequests.length;
      expect(fetched).toBeGreaterThanOrEqual(4);

      // The same event again (a new delivery id): nothing fetched, stored or shown twice.
      const delivery = stack.double.deliveries.find(
        (d) => d.body.includes('"message_created"') && d.body.includes(`"id":${reply.id},`),
      );
      expect(delivery).toBeDefined();
      const body = (delivery as { body: string }).body;
      expect(await stack.double.deliver(body, stack.double.sign(body, undefined, randomUUID()))).toBe(202);
      // A later event of the conversation applies after it (each conversation's in order).
      stack.double.agentReply(cw.id, 'Anything else?');
      await socket.next((f) => JSON.stringify(f).includes('Anything else?'), WAIT);
      expect((await filesOf(api, id, 'See the manual')).length).toBe(2);
      const history = await api('GET', `/api/v1/support/conversations/${id}`);
      expect((history.body['messages'] as { content: string }[]).map((m) => m.content)).toEqual([
        'About Leak under the sink',
        'See the manual',
        'Anything else?',
      ]);
      expect(stack.double.blobRequests.length).toBe(fetched);
      expect(await stack.db.connection.db?.collection('attachments').countDocuments({ ownerId: 'sf2' })).toBe(
        2,
      );
    } finally {
      socket.close();
    }
  });

  it("fetches files only from Chatwoot's origin and within the size limit; the message arrives without the others", async () => {
    const { api, socket } = await member('sf3');
    try {
      const { id, cw } = await start(api, 'Suspicious files');
      stack.double.agentReplyWithFiles(cw.id, 'Three files', [
        { name: 'direct.txt', contentType: 'text/plain', bytes: PDF, dataUrl: `${elsewhereUrl}/direct.txt` },
        { name: 'moved.txt', contentType: 'text/plain', bytes: PDF, redirectTo: `${elsewhereUrl}/moved.txt` },
        { name: 'huge.txt', contentType: 'text/plain', bytes: new Uint8Array(MAX_BYTES + 1).fill(97) },
        { name: 'fine.txt', contentType: 'text/plain', bytes: new TextEncoder().encode('all good') },
      ]);
      const live = await socket.next((f) => JSON.stringify(f).includes('Three files'), WAIT);
      const event = live['data'] as { message: { attachments: { name: string }[] } };
      expect(event.message.attachments.map((a) => a.name)).toEqual(['fine.txt']);
      expect(elsewhereHits).toEqual([]);
      const files = await filesOf(api, id, 'Three files');
      expect((await bytesAt((files[0] as Linked).url)).toString()).toBe('all good');
    } finally {
      socket.close();
    }
  });
});
