// Provisioning from the command line: `hub community create|list|archive|delete`, over the same
// code as the service API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubCli } from '../support/cli.js';
import { testDatabase } from '../support/community.js';

describe('hub community', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: ReturnType<typeof hubCli>;
  beforeAll(async () => {
    db = await testDatabase();
    hub = hubCli(db.url);
  });
  afterAll(() => db.drop());

  it('creates, lists, archives and deletes a community', { timeout: 120_000 }, async () => {
    // Eight processes, each compiling the hub with tsx: slow on a busy machine.
    const created = await hub('community', 'create', 'cli-made', 'Made on the CLI', 'owner-7');
    expect(created.code).toBe(0);
    const community = JSON.parse(created.stdout) as { id: string };
    expect(community).toMatchObject({ slug: 'cli-made', ownerId: 'owner-7', archived: false });
    const channels = await db.connection.collection('channels').find({}).toArray();
    expect(channels.map((c) => c['name'])).toEqual(['general', 'announcements']);

    expect((await hub('community', 'create', 'cli-made', 'Again', 'owner-7')).stderr).toMatch(/conflict/);
    const listed = (await hub('community', 'list')).stdout.trim().split('\n');
    expect(listed.map((l) => (JSON.parse(l) as { slug: string }).slug)).toEqual(['cli-made']);

    const archived = await hub('community', 'archive', 'cli-made');
    expect(JSON.parse(archived.stdout)).toMatchObject({ id: community.id, archived: true });

    expect((await hub('community', 'delete', community.id)).code).toBe(2); // no --yes
    const deleted = await hub('community', 'delete', community.id, '--yes');
    expect(JSON.parse(deleted.stdout)).toMatchObject({ id: community.id, channels: 2, members: 1 });
    expect(await db.connection.collection('communities').countDocuments()).toBe(0);
    expect((await hub('community', 'list')).stdout).toBe('');
  });
});
