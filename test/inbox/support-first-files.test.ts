// Files in the first message of a new support conversation (real hub, worker, Redis, FerretDB and
// the Chatwoot contract double): a member uploads before the conversation exists
// (POST /api/v1/support/attachments) and starts it with the file, text or none; the agent reads
// it, and Chatwoot gets it with the conversation's first message, the stored bytes once. Such an
// upload is its uploader's alone, for one conversation only: another member, another
// conversation, a later message or another community cannot claim it (a coded error, and nothing
// is stored by the refused start); bad files are refused as on the other upload routes. A
// member's support uploads count together against the pending cap, whatever community they name.
import { Types } from 'mongoose';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { apiAs, type ApiCall } from '../support/api.js';
import { SUPPORT_WAIT_MS as WAIT, useSupportStack } from '../support/support-inbox.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';

/** The deployment's cap on pending uploads here; no test's member keeps more pending otherwise. */
const MAX_PENDING = 3;
const stack = useSupportStack({ name: 'sff', config: { attachments: { maxPending: MAX_PENDING } } });
const waitFor = <T>(check: () => T | Promise<T>) => eventually(check, WAIT);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const OTHER_COMMUNITY = '6571b2f4c9e77a0012ab3c41';

type Body = Record<string, unknown>;
interface Linked {
  id: string;
  name: string;
  contentType: string;
  url: string;
}

/** Tries to upload a file for a conversation the user has not started yet. */
async function tryUploadForNew(userId: string, name: string, bytes: Uint8Array, query = '') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${stack.hub.url}/api/v1/support/attachments${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenFor(userId)}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Body };
}

/** Uploads a file for a conversation the user has not started yet. */
async function uploadForNew(userId: string, name: string, bytes: Uint8Array, query = ''): Promise<Linked> {
  const res = await tryUploadForNew(userId, name, bytes, query);
  expect(res.status).toBe(201);
  return res.body as unknown as Linked;
}

const bytesAt = async (url: string) =>
  Buffer.from(await (await fetch(`${stack.hub.url}${url}`)).arrayBuffer());

const conversationsOf = async (api: ApiCall) =>
  (await api('GET', '/api/v1/support/conversations?status=all')).body['items'] as unknown[];

const errorCode = (body: Body) => (body['error'] as { code?: string } | undefined)?.code;

const attachmentRow = (id: string) =>
  stack.db.connection.db?.collection('attachments').findOne({ _id: new Types.ObjectId(id) });

describe('files in the first message of a support conversation', { timeout: 120_000 }, () => {
  it('reaches the agent and Chatwoot with the conversation, the same bytes once', async () => {
    const member = await apiAs(stack.hub.url, 'sff-m1', { name: 'Member One' });
    const agent = await apiAs(stack.hub.url, 'sff-a', { name: 'Agent', roles: ['agent'] });
    const photo = await uploadForNew(
      'sff-m1',
      'leak.png',
      await sharp({ create: { width: 320, height: 240, channels: 3, background: '#2a6' } })
        .png()
        .toBuffer(),
    );
    const receipt = await uploadForNew('sff-m1', 'receipt.pdf', PDF);
    // The uploader reads a pending upload of theirs before it is sent.
    expect((await bytesAt(receipt.url)).equals(Buffer.from(PDF))).toBe(true);

    const started = await member('POST', '/api/v1/support/conversations', {
      subject: 'Leak under the sink',
      message: 'Here is the photo',
      attachments: [photo.id, receipt.id],
    });
    expect(started.status).toBe(201);
    const id = (started.body['conversation'] as { id: string }).id;
    const first = started.body['message'] as { id: string; attachments: { name: string }[] };
    expect(first.attachments.map((a) => a.name)).toEqual(['leak.png', 'receipt.pdf']);

    // The agent sees the files in the conversation and downloads them.
    const seen = await agent('GET', `/api/v1/support/conversations/${id}`);
    const messages = seen.body['messages'] as { id: string; attachments: { name: string }[] }[];
    expect(messages.map((m) => m.attachments.map((a) => a.name))).toEqual([['leak.png', 'receipt.pdf']]);
    const links = await agent('GET', `/api/v1/support/conversations/${id}/messages/${first.id}/attachments`);
    const agentFiles = links.body['items'] as Linked[];
    expect(agentFiles.map((f) => f.contentType)).toEqual(['image/png', 'application/pdf']);
    const stored = await Promise.all(agentFiles.map((f) => bytesAt(f.url)));
    expect(stored[1]?.equals(Buffer.from(PDF))).toBe(true);

    // Chatwoot gets them with the conversation's first message, as stored (the photo re-encoded).
    const cw = await waitFor(() => stack.chatwootConversation(id));
    const there = await waitFor(() =>
      stack.double.messages.find((m) => m.conversationId === cw.id && m.content === 'Here is the photo'),
    );
    expect(there.sourceId).toBe(`hub-${first.id}`);
    expect(there.attachments?.map((f) => [f.name, f.contentType])).toEqual([
      ['leak.png', 'image/png'],
      ['receipt.pdf', 'application/pdf'],
    ]);
    for (const [i, f] of (there.attachments ?? []).entries())
      expect(Buffer.from(f.base64, 'base64').equals(stored[i] as Buffer)).toBe(true);
    const creates = stack.double.requests.filter(
      (r) =>
        r.operationId === 'create-a-new-message-in-a-conversation' && r.path.endsWith(`/${cw.id}/messages`),
    );
    expect(creates.map((r) => (r.body as Body)['attachments[]'])).toEqual([['leak.png', 'receipt.pdf']]);
  });

  it('starts a conversation with files alone', async () => {
    const member = await apiAs(stack.hub.url, 'sff-m2', { name: 'Member Two' });
    const file = await uploadForNew('sff-m2', 'only.pdf', PDF);
    const started = await member('POST', '/api/v1/support/conversations', {
      subject: 'Just the file',
      attachments: [file.id],
    });
    expect(started.status).toBe(201);
    const id = (started.body['conversation'] as { id: string }).id;
    const cw = await waitFor(() => stack.chatwootConversation(id));
    const there = await waitFor(() => stack.double.messages.find((m) => m.conversationId === cw.id));
    expect([there.content, there.attachments?.map((f) => f.name)]).toEqual(['', ['only.pdf']]);
    // Neither text nor files: refused.
    const empty = await member('POST', '/api/v1/support/conversations', { subject: 'Nothing', message: ' ' });
    expect([empty.status, errorCode(empty.body)]).toEqual([400, 'validation_failed']);
  });

  it('refuses what the other upload routes refuse, with their codes, storing nothing', async () => {
    const form = new FormData();
    form.append('file', new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>']), 'logo.svg');
    const res = await fetch(`${stack.hub.url}/api/v1/support/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor('sff-m5')}` },
      body: form,
    });
    expect([res.status, errorCode((await res.json()) as Body)]).toEqual([415, 'unsupported_type']);
    const renamed = new FormData();
    renamed.append('file', new Blob([PDF]), 'photo.png');
    const mismatch = await fetch(`${stack.hub.url}/api/v1/support/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor('sff-m5')}` },
      body: renamed,
    });
    expect([mismatch.status, errorCode((await mismatch.json()) as Body)]).toEqual([422, 'file_mismatch']);
    expect(
      await stack.db.connection.db?.collection('attachments').countDocuments({ ownerId: 'sff-m5' }),
    ).toBe(0);
  });

  it("never attaches one member's upload for another member, conversation or community", async () => {
    const owner = await apiAs(stack.hub.url, 'sff-m3', { name: 'Owner' });
    const other = await apiAs(stack.hub.url, 'sff-m4', { name: 'Other' });
    const file = await uploadForNew('sff-m3', 'mine.pdf', PDF);

    // Another member: not found, and their conversation is not stored; the upload stays pending.
    const stolen = await other('POST', '/api/v1/support/conversations', {
      subject: 'Not mine',
      message: 'Look',
      attachments: [file.id],
    });
    expect([stolen.status, errorCode(stolen.body)]).toEqual([404, 'not_found']);
    expect(await conversationsOf(other)).toEqual([]);
    expect(await attachmentRow(file.id)).toMatchObject({ messageId: null, conversationId: null });
    // Nor can the other member download it.
    const otherLink = (await fetch(`${stack.hub.url}${file.url.replace('u=sff-m3', 'u=sff-m4')}`)).status;
    expect(otherLink).not.toBe(200);

    // The owner naming another community than the upload's: refused, nothing stored.
    const elsewhere = await owner('POST', '/api/v1/support/conversations', {
      subject: 'Elsewhere',
      message: 'Look',
      communityId: OTHER_COMMUNITY,
      attachments: [file.id],
    });
    expect([elsewhere.status, errorCode(elsewhere.body)]).toEqual([404, 'not_found']);
    expect(await conversationsOf(owner)).toEqual([]);

    // The owner's own conversation takes it, and then it is that conversation's alone.
    const started = await owner('POST', '/api/v1/support/conversations', {
      subject: 'Mine',
      message: 'Look',
      attachments: [file.id],
    });
    expect(started.status).toBe(201);
    const id = (started.body['conversation'] as { id: string }).id;
    expect(await attachmentRow(file.id)).toMatchObject({ conversationId: expect.anything() });
    const again = await owner('POST', '/api/v1/support/conversations', {
      subject: 'Twice',
      message: 'Again',
      attachments: [file.id],
    });
    expect([again.status, errorCode(again.body)]).toEqual([404, 'not_found']);

    // A new-conversation upload is not for a message of an existing conversation either.
    const later = await uploadForNew('sff-m3', 'later.pdf', PDF);
    const written = await owner('POST', `/api/v1/support/conversations/${id}/messages`, {
      content: 'More',
      attachments: [later.id],
    });
    expect([written.status, errorCode(written.body)]).toEqual([404, 'not_found']);
    expect(await conversationsOf(owner)).toHaveLength(1);
  });

  it("counts a member's support uploads together against the pending cap, whatever community they name", async () => {
    const member = await apiAs(stack.hub.url, 'sff-m6', { name: 'Member Six' });
    const first = await uploadForNew('sff-m6', 'a.pdf', PDF);
    await uploadForNew('sff-m6', 'b.pdf', PDF, `?communityId=${OTHER_COMMUNITY}`);
    await uploadForNew('sff-m6', 'c.pdf', PDF, `?communityId=${new Types.ObjectId().toHexString()}`);
    // Naming yet another community makes no room.
    const over = await tryUploadForNew(
      'sff-m6',
      'd.pdf',
      PDF,
      `?communityId=${new Types.ObjectId().toHexString()}`,
    );
    expect([over.status, errorCode(over.body)]).toEqual([429, 'pending_upload_limit']);
    expect(
      await stack.db.connection.db?.collection('attachments').countDocuments({ ownerId: 'sff-m6' }),
    ).toBe(MAX_PENDING);

    // A conversation started with one of them frees its place.
    const started = await member('POST', '/api/v1/support/conversations', {
      subject: 'Three receipts',
      attachments: [first.id],
    });
    expect(started.status).toBe(201);
    expect((await tryUploadForNew('sff-m6', 'd.pdf', PDF)).status).toBe(201);
  });
});
