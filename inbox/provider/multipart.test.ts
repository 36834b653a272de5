// Multipart messages against the Chatwoot contract double: the client's streamed form (with its
// Content-Length) is what Chatwoot's spec documents for a message with files, and the double
// refuses forms that break that spec, so a drift in either is caught here.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatwootDouble } from '../../test/support/chatwoot-double.js';
import { ChatwootProvider } from './inbox-provider.chatwoot.js';
import { multipartBody } from './multipart.js';

const TOKEN = 'multipart-token';
let double: ChatwootDouble;
let conversationId: number;

beforeAll(async () => {
  double = await ChatwootDouble.start({ apiAccessToken: TOKEN, accountId: 7, inboxId: 3 });
  const cw = new ChatwootProvider({ baseUrl: double.url, apiAccessToken: TOKEN, accountId: 7, inboxId: 3 });
  const contact = await cw.upsertContact({ identifier: 'mp-1', name: 'Mo' });
  conversationId = (await cw.createConversation({ contactId: contact.id, sourceId: contact.sourceId ?? '' }))
    .id;
});
afterAll(() => double.close());

const file = (name: string, contentType: string, text: string) => {
  const bytes = Buffer.from(text);
  return { name, contentType, size: bytes.length, open: () => Promise.resolve(Readable.from([bytes])) };
};

describe('multipart messages', () => {
  it('sends a message with files as the spec documents it, streamed with an exact length', async () => {
    const cw = new ChatwootProvider({ baseUrl: double.url, apiAccessToken: TOKEN, accountId: 7, inboxId: 3 });
    const sent = await cw.createMessage(conversationId, {
      content: 'two files, "quoted" name',
      kind: 'incoming',
      sourceId: 'hub-mp-1',
      attachments: [file('a "b".txt', 'text/plain', 'first'), file('ünï.pdf', 'application/pdf', '%PDF-1.4')],
    });
    expect(sent.sourceId).toBe('hub-mp-1');
    const stored = double.messages.find((m) => m.id === sent.id);
    expect(stored?.attachments?.map((f) => [f.name, Buffer.from(f.base64, 'base64').toString()])).toEqual([
      ['a %22b%22.txt', 'first'],
      ['ünï.pdf', '%PDF-1.4'],
    ]);
    expect(double.violations()).toEqual([]);
  });

  it('computes the length the stream has', async () => {
    const form = multipartBody(
      [['content', 'x']],
      [{ field: 'attachments[]', ...file('f.txt', 'text/plain', 'abc') }],
    );
    let length = 0;
    for await (const chunk of form.stream) length += (chunk as Buffer).length;
    expect(length).toBe(form.length);
  });

  it('is refused by the double when it breaks the spec: a typed field mistyped, a file where none is documented', async () => {
    const path = `${double.url}/api/v1/accounts/7/conversations/${conversationId}/messages`;
    const post = (form: FormData) =>
      fetch(path, { method: 'POST', headers: { api_access_token: TOKEN }, body: form });
    const mistyped = new FormData();
    mistyped.append('content', 'hi');
    mistyped.append('private', 'maybe');
    expect((await post(mistyped)).status).toBe(422);
    const misplaced = new FormData();
    misplaced.append('content', new Blob(['bytes']), 'x.txt');
    expect((await post(misplaced)).status).toBe(422);
    const undocumented = new FormData();
    undocumented.append('content', 'hi');
    undocumented.append('attachments', new Blob(['bytes']), 'x.txt');
    expect((await post(undocumented)).status).toBe(422);
    expect(double.violations().map((v) => v.violation)).toEqual([
      expect.stringContaining('private=maybe is not a boolean'),
      expect.stringContaining('form part content is not documented as a file'),
      expect.stringContaining('form part attachments is not documented as a file'),
    ]);
  });
});
