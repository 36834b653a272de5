// A support message may be files alone, from either side (real hub, worker, Redis, FerretDB and
// the Chatwoot contract double): a member's and an agent's written in the hub with empty text,
// and an agent's reply from Chatwoot carrying only a file, are stored and reach the member.
import { expect, it } from 'vitest';
import { apiAs, type ApiCall } from '../support/api.js';
import { SUPPORT_WAIT_MS as WAIT, useSupportStack } from '../support/support-inbox.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';

const stack = useSupportStack({ name: 'sfo' });
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function upload(
  userId: string,
  roles: string[],
  conversationId: string,
  name: string,
): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([PDF]), name);
  const res = await fetch(`${stack.hub.url}/api/v1/support/conversations/${conversationId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenFor(userId, { roles })}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const filesOf = async (api: ApiCall, id: string) =>
  (
    (await api('GET', `/api/v1/support/conversations/${id}`)).body['messages'] as {
      content: string;
      attachments: { name: string }[];
    }[]
  ).map((m) => [m.content, m.attachments.map((a) => a.name)]);

it('stores messages of files alone from the member, an agent and Chatwoot', { timeout: 90_000 }, async () => {
  const member = await apiAs(stack.hub.url, 'sfo-m', { name: 'Member' });
  const agent = await apiAs(stack.hub.url, 'sfo-a', { name: 'Agent', roles: ['agent'] });
  const started = await member('POST', '/api/v1/support/conversations', { subject: 'Files', message: 'Hi' });
  const id = (started.body['conversation'] as { id: string }).id;

  const mine = await upload('sfo-m', ['member'], id, 'mine.pdf');
  const sent = await member('POST', `/api/v1/support/conversations/${id}/messages`, {
    content: '',
    attachments: [mine],
  });
  expect(sent.status).toBe(201);
  const theirs = await upload('sfo-a', ['agent'], id, 'theirs.pdf');
  const reply = await agent('POST', `/api/v1/support/conversations/${id}/messages`, {
    content: '',
    attachments: [theirs],
  });
  expect(reply.status).toBe(201);

  const cw = await eventually(() => stack.chatwootConversation(id), WAIT);
  stack.double.agentReplyWithFiles(cw.id, '', [
    { name: 'cw.pdf', contentType: 'application/pdf', bytes: PDF },
  ]);
  await eventually(async () => (await filesOf(member, id)).length === 4, WAIT);
  expect(await filesOf(member, id)).toEqual([
    ['Hi', []],
    ['', ['mine.pdf']],
    ['', ['theirs.pdf']],
    ['', ['cw.pdf']],
  ]);
});
