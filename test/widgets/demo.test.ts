// The demo page of `npm start` in real Chromium, on the seeded demo data: the persona switcher
// signs in through the development-only token endpoint, and every widget works.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seedDemoCommunities } from '../../community/seed.js';
import type { HubNode } from '../../hub/node.js';
import { MongoMessageStore } from '../../storage/messages/message-store.mongo.js';
import { launchChromium } from '../support/browser.js';
import { testDatabase } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { buildWidgets } from '../../web-components/build.js';
import { shotPath } from './support.js';

describe('the demo page', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: HubNode;
  let browser: Browser;

  beforeAll(async () => {
    await buildWidgets();
    db = await testDatabase();
    const store = new MongoMessageStore(db.connection);
    await store.syncIndexes();
    await seedDemoCommunities(db.connection, store);
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `demo${randomUUID().slice(0, 6)}` },
    });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.shutdown();
    await db?.drop();
  });

  it('signs in as a member, then as the moderator, against the seeded communities', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(`${hub.url}/demo/`);
      await page.locator('#persona-status', { hasText: 'Dana (member)' }).waitFor({ timeout: 15_000 });
      await page.locator('hub-chat article.message').first().waitFor({ timeout: 15_000 });
      await page.locator('hub-timeline [part="online"] li').first().waitFor();
      expect(await page.locator('hub-mod-queue').isHidden()).toBe(true);
      await page.locator('hub-chat').screenshot({ path: shotPath('demo-member') });

      await page.locator('#personas input[value="moderator"]').check();
      await page.locator('#persona-status', { hasText: 'Mona (moderator)' }).waitFor({ timeout: 15_000 });
      await page.locator('hub-mod-queue [part="filters"]').waitFor();
      await expect
        .poll(() => page.locator('hub-mod-queue [part="connection"]').count(), { timeout: 10_000 })
        .toBe(0);
      await page.screenshot({ path: shotPath('demo-moderator'), fullPage: true });
    } finally {
      await page.close();
    }
  }, 60_000);
});
