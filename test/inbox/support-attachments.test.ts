// Files in support conversations, end to end on a hub node and its worker against real Redis and
// FerretDB and the Chatwoot contract double: the member and an agent upload to the conversation,
// a support message claims them, the member sees them live and in the history, signed links work
// for the conversation's member and agents only, bad input is refused with a code and nothing
// stored, and the member's erasure deletes the bytes of every file in their conversations.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { GRIDFS_BUCKET } from '../../storage/objects/object-store.gridfs.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { SUPPORT_WAIT_MS as WAIT, useSupportStack } from '../support/support-inbox.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';

const MAX_BYTES = 200_000;
const stack = useSupportStack({ name: 'satt', config: { attachments: { maxBytes: MAX_BYTES } } });

type Body = Record<string, unknown>;
const errorCode = (body: Body) => (body['error'] as { code?: string } | undefined)?.code;

async function start(api: ApiCall, subject: string): Promise<string> {
  const res = await api('POST', '/api/v1/support/conversations', { subject, message: `About ${subject}` });
  expect(res.status).toBe(201);
  return (res.body['conversation'] as { id: string }).id;
}

async function upload(
  userId: string,
  conversationId: string,
  name: string,
  bytes: Uint8Array,
  roles: string[] = [],
): Promise<{ status: number; body: Body }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${stack.hub.url}/api/v1/support/conversations/${conversationId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenFor(userId, { roles })}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#2a6' } })
    .png()
    .toBuffer();

/** Objects in the store and descriptions in the database. */
async function stored(): Promise<{ attachments: number; files: number }> {
  const db = stack.db.connection.db;
  return {
    attachments: (await db?.collection('attachments').countDocuments()) ?? 0,
    files: (await db?.collection(`${GRIDFS_BUCKET}.files`).countDocuments()) ?? 0,
  };
}

describe('files in support conversations', { timeout: 120_000 }, () => {
  it('go with a support message to the member, live and in history, with links for the member and agents only', async () => {
    const member = await apiAs(stack.hub.url, 'sa1', { name: 'Sal Member' });
    const agent = await apiAs(stack.hub.url, 'sa-agent', { name: 'Ada Agent', roles: ['agent'] });
    const other = await apiAs(stack.hub.url, 'sa2', { name: 'Sue Other' });
    const socket = await TestClient.connect(stack.hub.wsUrl, await tokenFor('sa1', { name: 'Sal Member' }));
    try {
      await socket.ok({ type: 'subscribe', channel: 'user:sa1' });
      const id = await start(member, 'Leaking tap');
      const path = `/api/v1/support/conversations/${id}`;

      // Another member can neither upload to it nor read its files.
      const refused = await upload('sa2', id, 'x.png', await png(10, 10));
      expect([refused.status, errorCode(refused.body)]).toEqual([404, 'not_found']);

      const photo = await upload('sa1', id, 'leak.png', await png(640, 480));
      expect(photo.status).toBe(201);
      expect(photo.body).toMatchObject({
        name: 'leak.png',
        contentType: 'image/png',
        width: 640,
        thumbnail: true,
      });
      const sent = await member('POST', `${path}/messages`, {
        content: 'Here it is',
        attachments: [photo.body['id']],
      });
      expect(sent.status).toBe(201);
      const descriptor = {
        id: photo.body['id'],
        name: 'leak.png',
        contentType: 'image/png',
        thumbnail: true,
      };
      expect(sent.body['attachments']).toEqual([expect.objectContaining(descriptor)]);
      // The same upload cannot be sent twice.
      const again = await member('POST', `${path}/messages`, {
        content: '',
        attachments: [photo.body['id']],
      });
      expect([again.status, errorCode(again.body)]).toEqual([404, 'not_found']);

      // An agent answers with a file of their own; the member sees it live and in the history.
      const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      const agentFile = await upload('sa-agent', id, 'steps.pdf', pdf, ['agent']);
      expect(agentFile.status).toBe(201);
      const reply = await agent('POST', `${path}/messages`, {
        content: 'Follow these steps',
        attachments: [agentFile.body['id']],
      });
      expect(reply.status).toBe(201);
      await socket.next(
        (f) => JSON.stringify(f).includes('steps.pdf') && JSON.stringify(f).includes('support.message'),
        WAIT,
      );
      const history = await member('GET', path);
      const files = (history.body['messages'] as { attachments: { name: string }[] }[]).map((m) =>
        m.attachments.map((a) => a.name),
      );
      expect(files).toEqual([[], ['leak.png'], ['steps.pdf']]);

      // Links: the member's and an agent's work; another member's request is not found.
      const replyId = String(reply.body['id']);
      const mine = await member('GET', `${path}/messages/${replyId}/attachments`);
      expect(mine.status).toBe(200);
      const item = (mine.body['items'] as Body[])[0] as Body;
      const download = await fetch(`${stack.hub.url}${String(item['url'])}`);
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from(pdf));
      const theirs = await agent('GET', `${path}/messages/${String(sent.body['id'])}/attachments`);
      const agentItem = (theirs.body['items'] as Body[])[0] as Body;
      expect(String(agentItem['url'])).toContain('as=agent');
      expect((await fetch(`${stack.hub.url}${String(agentItem['url'])}`)).status).toBe(200);
      expect((await other('GET', `${path}/messages/${replyId}/attachments`)).status).toBe(404);

      // A member's link made into an agent's, or handed to another member, is refused.
      const forged = new URL(String(item['url']), stack.hub.url);
      forged.searchParams.set('as', 'agent');
      expect((await fetch(forged)).status).toBe(403);
      forged.searchParams.delete('as');
      forged.searchParams.set('u', 'sa2');
      expect((await fetch(forged)).status).toBe(403);
    } finally {
      socket.close();
    }
  });

  it('refuses bad files with a code and stores nothing', async () => {
    const member = await apiAs(stack.hub.url, 'sa3', { name: 'Sam Member' });
    const id = await start(member, 'Bad files');
    const before = await stored();
    const cases: [string, Uint8Array, number, string][] = [
      [
        'page.html',
        new TextEncoder().encode('<html><script>alert(1)</script></html>'),
        415,
        'unsupported_type',
      ],
      ['photo.png', new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), 422, 'file_mismatch'],
      // Past the limit, within the request's room for the multipart framing.
      ['big.txt', new Uint8Array(MAX_BYTES + 1_000).fill(97), 413, 'payload_too_large'],
    ];
    for (const [name, bytes, status, code] of cases) {
      const res = await upload('sa3', id, name, bytes);
      expect([res.status, errorCode(res.body)], name).toEqual([status, code]);
    }
    expect(await stored()).toEqual(before);
    // A path in the name is never kept: the file is stored under its base name.
    const pathed = await upload('sa3', id, '../../etc/passwd.txt', new TextEncoder().encode('root'));
    expect([pathed.status, pathed.body['name']]).toEqual([201, 'passwd.txt']);
    // Another member's pending upload cannot be claimed.
    const owner = await apiAs(stack.hub.url, 'sa4', { name: 'Sid Member' });
    const theirs = await start(owner, 'Their own');
    const up = await upload('sa4', theirs, 'n.txt', new TextEncoder().encode('note'));
    expect(up.status).toBe(201);
    const claim = await member('POST', `/api/v1/support/conversations/${id}/messages`, {
      content: 'mine now',
      attachments: [up.body['id']],
    });
    expect([claim.status, errorCode(claim.body)]).toEqual([404, 'not_found']);
  });

  it("deletes every file of the member's conversations with their erasure", async () => {
    const member = await apiAs(stack.hub.url, 'sa5', { name: 'Sky Member' });
    const agent = await apiAs(stack.hub.url, 'sa-agent2', { name: 'Bo Agent', roles: ['agent'] });
    const id = await start(member, 'Erase me');
    const path = `/api/v1/support/conversations/${id}`;
    const own = await upload('sa5', id, 'mine.txt', new TextEncoder().encode('mine'));
    const agents = await upload('sa-agent2', id, 'theirs.txt', new TextEncoder().encode('theirs'), ['agent']);
    expect(
      (await member('POST', `${path}/messages`, { content: 'a', attachments: [own.body['id']] })).status,
    ).toBe(201);
    expect(
      (await agent('POST', `${path}/messages`, { content: 'b', attachments: [agents.body['id']] })).status,
    ).toBe(201);
    const ids = [String(own.body['id']), String(agents.body['id'])];
    const objects = () =>
      stack.db.connection.db
        ?.collection(`${GRIDFS_BUCKET}.files`)
        .countDocuments({ filename: { $regex: ids.join('|') } });
    expect(await objects()).toBe(2);
    expect((await member('DELETE', '/api/v1/users/sa5')).status).toBe(200);
    expect(await objects()).toBe(0);
    expect((await fetch(`${stack.hub.url}${String(agents.body['url'])}`)).status).toBe(404);
  });
});
