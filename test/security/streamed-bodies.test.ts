// Upload bodies that break the rules, sent raw: none may stall or crash the node. A declared
// length past the route's bound is refused at once; a body that grows past it, or a client that
// goes away half-way, while the handler is still checking the caller (before it reads the body),
// ends in a coded answer or a closed socket, and the node keeps serving.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';

const MAX_BYTES = 100_000;
/** The upload route's bound: the file limit and the multipart framing allowance. */
const BOUND = MAX_BYTES + 64 * 1024;

describe('streamed request bodies', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let c: TestCommunity;
  let path: string;
  let token: string;

  beforeAll(async () => {
    db = await testDatabase();
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `sb${randomUUID().slice(0, 6)}` },
      attachments: { maxBytes: MAX_BYTES },
    });
    c = await createTestCommunity(hub.url);
    path = `/api/v1/channels/${c.channels.general}/attachments`;
    token = await tokenFor('ann');
  });
  afterAll(async () => {
    await hub.shutdown();
    await db.drop();
  });

  /** Sends the request head and then `body` (in pieces), resolves with what came back. */
  const raw = (head: string[], body: Buffer[], opts: { hangUpAfterBody?: boolean } = {}) =>
    new Promise<{ status: number; text: string; closed: boolean }>((resolve, reject) => {
      const { port } = new URL(hub.url);
      const socket = connect(Number(port), '127.0.0.1');
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
      socket.on('error', () => undefined); // a reset after the refusal is an answer too
      socket.on('close', () =>
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text, closed: true }),
      );
      socket.setTimeout(15_000, () => {
        socket.destroy();
        reject(new Error(`no answer within 15 s; got: ${text.slice(0, 200)}`));
      });
      socket.on('connect', () => {
        socket.write(
          `${[`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${token}`, ...head].join('\r\n')}\r\n\r\n`,
        );
        for (const piece of body) socket.write(piece);
        if (opts.hangUpAfterBody) socket.destroy();
        else if (text.includes('\r\n\r\n')) socket.end();
        else socket.once('data', () => setImmediate(() => socket.end()));
      });
    });
  const multipartHead = (extra: string[]) => [
    'Content-Type: multipart/form-data; boundary=x',
    'Connection: close',
    ...extra,
  ];
  const alive = async () => expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);

  it('refuses a declared length past the bound before reading the body', async () => {
    const res = await raw(multipartHead([`Content-Length: ${BOUND + 1}`]), []);
    expect(res.status).toBe(413);
    expect(res.text).toContain('payload_too_large');
    await alive();
  });

  it('refuses a chunked body that grows past the bound while the caller is being checked', async () => {
    const piece = Buffer.alloc(32 * 1024, 'a');
    const chunks = Array.from({ length: Math.ceil((BOUND * 2) / piece.length) }, () =>
      Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]),
    );
    const res = await raw(multipartHead(['Transfer-Encoding: chunked']), [
      ...chunks,
      Buffer.from('0\r\n\r\n'),
    ]);
    expect(res.status).toBe(413);
    expect(res.text).toContain('payload_too_large');
    await alive();
  });

  it('survives a client that goes away half-way through its body', async () => {
    for (let i = 0; i < 5; i++)
      await raw(multipartHead([`Content-Length: ${MAX_BYTES}`]), [Buffer.alloc(MAX_BYTES / 2, 'b')], {
        hangUpAfterBody: true,
      });
    await alive();
    expect(await db.connection.db?.collection('attachments').countDocuments()).toBe(0);
  });
});
