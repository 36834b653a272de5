// Files in moderation: a member reports one file of a message (only one of that message's), the
// case records which, and the moderator's case view lists the message's files with signed links
// made for the moderator, which download; AutoMod's file-type rules refuse an upload of a listed
// type with the rule's reason, nothing stored.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRIDFS_BUCKET } from '../../storage/objects/object-store.gridfs.js';
import { apiAs, type ApiCall } from '../support/api.js';
import { createTestCommunity, TEST_OWNER, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';
import { caseOf, hubOverrides, socketOf, type Hub } from './review-support.js';

interface LinkedFile {
  id: string;
  name: string;
  url: string;
  thumbnailUrl: string | null;
}

describe('attachments in moderation', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Hub;
  let c: TestCommunity;
  let mod: ApiCall;
  let bob: ApiCall;

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub(hubOverrides(db.url, 'modfiles'));
    c = await createTestCommunity(hub.url);
    mod = await apiAs(hub.url, 'mod');
    bob = await apiAs(hub.url, 'bob');
  });
  afterAll(async () => {
    await hub.shutdown();
    await db.drop();
  });

  const tryUpload = async (user: string, name: string, text: string) => {
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'text/plain' }), name);
    const res = await fetch(`${hub.url}/api/v1/channels/${c.channels.general}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(user)}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const upload = async (user: string, name: string, text: string) => {
    const res = await tryUpload(user, name, text);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body['id'] as string;
  };
  /** A message of the user carrying these uploads; returns its id. */
  const send = async (user: string, body: string, attachments: string[]) => {
    const client = await socketOf(hub, user);
    try {
      const ack = await client.ok({
        type: 'publish',
        channel: c.topic('general'),
        data: { body, attachments },
        nonce: randomUUID(),
      });
      return ack['messageId'] as string;
    } finally {
      client.close();
    }
  };
  const reportPath = (messageId: string) =>
    `/api/v1/channels/${c.channels.general}/messages/${messageId}/report`;

  it('records the reported file and shows the moderator the files with links that download', async () => {
    const notes = await upload('ann', 'notes.txt', 'meeting notes');
    const offer = await upload('ann', 'offer.txt', 'send money to this account');
    const messageId = await send('ann', 'two files', [notes, offer]);
    const elsewhere = await send('ann', 'another', [await upload('ann', 'other.txt', 'other')]);

    // A file of another message, or no file at all, is not this message's.
    const foreign = await bob('POST', reportPath(messageId), { reason: 'scam', attachmentId: elsewhere });
    expect(foreign.status).toBe(404);
    const missing = await bob('POST', reportPath(messageId), {
      reason: 'scam',
      attachmentId: new Types.ObjectId().toHexString(),
    });
    expect(missing.status).toBe(404);
    const reported = await bob('POST', reportPath(messageId), { reason: 'scam', attachmentId: offer });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);

    const found = await caseOf(mod, c, messageId);
    expect(found.flags).toEqual([
      expect.objectContaining({ by: 'bob', reason: 'scam', attachmentId: offer }),
    ]);
    const detail = await mod('GET', `/api/v1/cases/${found.id}`);
    expect(detail.status).toBe(200);
    const files = detail.body['attachments'] as LinkedFile[];
    expect(files.map((f) => [f.id, f.name])).toEqual([
      [notes, 'notes.txt'],
      [offer, 'offer.txt'],
    ]);
    // The links are the moderator's own and download the file.
    const link = files[1] as LinkedFile;
    expect(new URL(link.url, hub.url).searchParams.get('u')).toBe('mod');
    const download = await fetch(new URL(link.url, hub.url));
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('send money to this account');
    // A report of the message as a whole keeps no file.
    const whole = await apiAs(hub.url, 'insider');
    expect((await whole('POST', reportPath(messageId), { reason: 'spam' })).status).toBe(200);
    const again = await caseOf(mod, c, messageId);
    expect(again.flags).toContainEqual(expect.objectContaining({ by: 'insider', attachmentId: null }));
  });

  it("AutoMod's file-type rules refuse an upload of a listed type with the rule's reason, nothing stored", async () => {
    const owner = await apiAs(hub.url, TEST_OWNER); // an admin of createTestCommunity's community
    const reason = 'No documents or videos here.';
    const set = await owner('PUT', `/api/v1/communities/${c.id}/moderation/automod`, {
      rules: [
        {
          name: 'no documents',
          kind: 'file_types',
          types: ['application/pdf', 'video/*'],
          actions: [{ type: 'block', reason }],
        },
      ],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    // A file-type rule cannot hold an upload back.
    const hiding = await owner('PUT', `/api/v1/communities/${c.id}/moderation/automod`, {
      rules: [
        { name: 'hold files', kind: 'file_types', types: ['application/pdf'], actions: [{ type: 'hide' }] },
      ],
    });
    expect(hiding.status).toBe(400);

    const count = async () => ({
      attachments: await db.connection.db?.collection('attachments').countDocuments(),
      files: await db.connection.db?.collection(`${GRIDFS_BUCKET}.files`).countDocuments(),
    });
    const before = await count();
    // The rule sees the type sniffed from the bytes (here a PDF), after the name agreed with it.
    const refused = await tryUpload('ann', 'invoice.pdf', '%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
    expect(refused.status).toBe(422);
    expect(refused.body['error']).toMatchObject({ code: 'automod_blocked', message: reason });
    expect(await count()).toEqual(before);
    // Other types pass.
    expect((await tryUpload('ann', 'notes.txt', 'just text')).status).toBe(201);
  });
});
