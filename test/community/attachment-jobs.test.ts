// The worker's scheduled jobs for files, through the processors a worker process really runs
// (hub/processors.ts): pending uploads past HUB_ATTACHMENTS_PENDING_TTL_S are swept, so are files
// claimed that long ago by a message never stored, and the daily retention deletes the files of the messages it deletes. Both jobs run once as the
// worker starts (a job scheduler's first run), then on their intervals.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processors } from '../../hub/processors.js';
import { startWorker, type WorkerProcess } from '../../hub/worker.js';
import { attachmentModel } from '../../storage/models/attachment.model.js';
import { GridFsObjectStore } from '../../storage/objects/object-store.gridfs.js';
import { seedAttachment, type SeededAttachment } from '../support/attachments.js';
import { provisionTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { testConfig } from '../support/config.js';
import { eventually } from '../support/wait.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('attachment jobs in a worker', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let store: GridFsObjectStore;
  let worker: WorkerProcess | undefined;
  let c: TestCommunity;

  beforeAll(async () => {
    db = await testDatabase();
    store = new GridFsObjectStore(db.connection);
    c = await provisionTestCommunity(db.url, { settings: { retentionDays: 7, retentionMode: 'delete' } });
  });
  afterAll(async () => {
    await worker?.shutdown();
    await db.drop();
  });

  const seed = (sentAtMs: number | null, uploadedAtMs: number) =>
    seedAttachment(db.connection, store, {
      ownerId: 'ann',
      communityId: c.id,
      channelId: c.channels.general,
      sentAtMs,
      uploadedAtMs,
    });
  const gone = async (a: SeededAttachment) =>
    (await store.head(a.key)) === null &&
    (await attachmentModel(db.connection).exists({ _id: a.id })) === null;

  it('sweeps expired pending uploads and the files of messages past retention, and keeps the rest', async () => {
    const now = Date.now();
    const stalePending = await seed(null, now - 2 * HOUR);
    const freshPending = await seed(null, now - 60_000);
    const pastRetention = await seed(now - 10 * DAY, now - 10 * DAY);
    const recent = await seed(now - DAY, now - DAY);
    // Claimed by a message that was never stored (its node died before the write): long ago, or
    // a minute ago (its message may still come).
    const claimed = async (claimedAtMs: number) => {
      const file = await seed(claimedAtMs, claimedAtMs);
      await attachmentModel(db.connection).updateOne(
        { _id: file.id },
        { $set: { claimedAt: new Date(claimedAtMs) } },
      );
      return file;
    };
    const orphaned = await claimed(now - 2 * HOUR);
    const justClaimed = await claimed(now - 60_000);

    const config = testConfig({
      mongodb: { url: db.url },
      redis: { keyPrefix: `attjobs${randomUUID().slice(0, 6)}` },
      attachments: { pendingTtlS: 3600 },
    });
    worker = await startWorker(config, (resources) => processors(config, resources));

    await eventually(
      async () => (await gone(stalePending)) && (await gone(pastRetention)) && (await gone(orphaned)),
      60_000,
    );
    expect(await gone(freshPending)).toBe(false);
    expect(await gone(recent)).toBe(false);
    expect(await gone(justClaimed)).toBe(false);
    // The run is in the community's audit log, files counted (written once the run is done).
    const audit = await eventually(() =>
      db.connection.db
        ?.collection('audit_entries')
        .findOne({ action: 'retention.apply', communityId: new Types.ObjectId(c.id) }),
    );
    expect(JSON.parse(String(audit['details']))).toMatchObject({ mode: 'delete', files: 1 });
  }, 90_000);
});
