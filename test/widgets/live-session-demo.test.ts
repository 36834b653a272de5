// <hub-live-session> on the demo page of `npm start`, on the seeded demo data: the host persona
// starts the seeded session from the widget, and a member persona joins it and receives the
// host's camera (Chromium's fake devices, the real LiveKit dev server).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seedDemoCommunities } from '../../community/seed.js';
import type { HubNode } from '../../hub/node.js';
import { seedLiveSessions } from '../../media/sessions/seed.js';
import { MongoMessageStore } from '../../storage/messages/message-store.mongo.js';
import { buildWidgets } from '../../web-components/build.js';
import { launchChromium } from '../support/browser.js';
import { testDatabase } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { MEDIA_BROWSER_ARGS } from './live-support.js';
import { BROWSER_TEST_MS, shotPath } from './support.js';

const WAIT = 30_000;

describe('the demo page’s live session', { timeout: BROWSER_TEST_MS * 2 }, () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: HubNode;
  let browser: Browser;
  let seeded: { slug: string; sessionId: string }[];

  beforeAll(async () => {
    await buildWidgets();
    db = await testDatabase();
    const store = new MongoMessageStore(db.connection);
    await store.syncIndexes();
    const seed = await seedDemoCommunities(db.connection);
    seeded = await seedLiveSessions(db.connection, seed.communities);
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `demolive${randomUUID().slice(0, 6)}` },
    });
    browser = await launchChromium(MEDIA_BROWSER_ARGS);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.shutdown();
    await db?.drop();
  });

  it('seeds one upcoming session per demo community, once', async () => {
    expect(seeded.map((s) => s.slug)).toEqual(['plumbers', 'designers']);
    const again = await seedLiveSessions(
      db.connection,
      (await seedDemoCommunities(db.connection)).communities,
    );
    expect(again).toEqual(seeded);
  });

  it('the host persona goes live; a member persona joins and sees the host', async () => {
    const hostPage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const memberPage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await hostPage.goto(`${hub.url}/demo/?persona=host`);
      const goLive = hostPage.locator('hub-live-session button[part="join"]', { hasText: 'Go live now' });
      await goLive.waitFor({ timeout: WAIT });
      await hostPage.locator('hub-live-session', { hasText: 'winter-proofing your pipes' }).waitFor();
      await goLive.click();
      await hostPage
        .locator('hub-live-session li.tile[data-identity="demo-host"]')
        .waitFor({ timeout: WAIT });

      await memberPage.goto(`${hub.url}/demo/?persona=member`);
      const join = memberPage.locator('hub-live-session button[part="join"]', {
        hasText: 'Join the session',
      });
      await join.waitFor({ timeout: WAIT });
      await join.click();
      const hostTile = memberPage.locator('hub-live-session li.tile[data-identity="demo-host"]');
      await hostTile.locator('video').waitFor({ timeout: WAIT });
      await memberPage.locator('hub-live-session').screenshot({ path: shotPath('demo-live-session-member') });
      await hostPage
        .locator('hub-live-session li[part="audience-member"]', { hasText: 'Dana (member)' })
        .waitFor({ timeout: WAIT });
    } finally {
      await memberPage.close();
      await hostPage.close();
    }
  });
});
