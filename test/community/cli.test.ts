// The privacy operations from the command line: `hub user export|erase`.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMessage } from '../../storage/repositories/messages.js';
import { buildCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { testConfig } from '../support/config.js';

const run = promisify(execFile);

describe('hub user export|erase', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let c: TestCommunity;
  const env = () => ({
    PATH: process.env['PATH'],
    HUB_ENV: 'test',
    HUB_LOG_LEVEL: 'silent',
    HUB_MONGODB_URL: db.url,
    HUB_REDIS_URL: testConfig().redis.url,
    HUB_REDIS_KEY_PREFIX: `cli${randomUUID().slice(0, 6)}`,
  });
  beforeAll(async () => {
    db = await testDatabase();
    c = await buildCommunity(db.connection);
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
    const exported = await run(process.execPath, ['bin/hub.mjs', 'user', 'export', 'ann'], { env: env() });
    expect(JSON.parse(exported.stdout)).toMatchObject({
      userId: 'ann',
      messages: [expect.objectContaining({ body: 'my words' })],
    });

    const refused = await run(process.execPath, ['bin/hub.mjs', 'user', 'erase', 'ann'], {
      env: env(),
    }).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('--yes') });

    const erased = await run(process.execPath, ['bin/hub.mjs', 'user', 'erase', 'ann', '--yes'], {
      env: env(),
    });
    expect(JSON.parse(erased.stdout)).toMatchObject({
      messages: 1,
      pseudonym: expect.stringMatching(/^erased-/),
    });
    const again = await run(process.execPath, ['bin/hub.mjs', 'user', 'export', 'ann'], { env: env() });
    expect(JSON.parse(again.stdout)).toMatchObject({ messages: [], memberships: [] });
  });
});
