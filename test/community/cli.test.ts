// The privacy operations from the command line: `hub user export|erase`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMessage } from '../../storage/repositories/messages.js';
import { provisionTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { hubCli } from '../support/cli.js';

describe('hub user export|erase', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let c: TestCommunity;
  let hub: ReturnType<typeof hubCli>;
  beforeAll(async () => {
    db = await testDatabase();
    hub = hubCli(db.url);
    c = await provisionTestCommunity(db.url);
    await insertMessage(db.connection, {
      channelId: c.channels.general,
      communityId: c.id,
      offset: 1,
      authorId: 'ann',
      authorName: 'Ann',
      body: 'my words',
    });
  });
  afterAll(() => db.drop());

  it('prints the export as JSON, refuses to erase without --yes, and erases with it', async () => {
    const exported = await hub('user', 'export', 'ann');
    expect(JSON.parse(exported.stdout)).toMatchObject({
      userId: 'ann',
      messages: [expect.objectContaining({ body: 'my words' })],
    });

    const refused = await hub('user', 'erase', 'ann');
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('--yes') });

    const erased = await hub('user', 'erase', 'ann', '--yes');
    expect(JSON.parse(erased.stdout)).toMatchObject({
      messages: 1,
      pseudonym: expect.stringMatching(/^erased-/),
    });
    const again = await hub('user', 'export', 'ann');
    expect(JSON.parse(again.stdout)).toMatchObject({ messages: [], memberships: [] });
  }, 60_000); // four processes, each compiling the hub with tsx
});
