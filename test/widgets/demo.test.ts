// The demo page of `npm start` in real Chromium, on the seeded demo data: the persona switcher
// signs in through the development-only token endpoint, and every widget works, the support
// inbox included (against the Chatwoot contract double, with the seeded support conversation);
// the widgets sit where a marketplace would place them, filling their containers, each beside
// its HTML; the support launcher opens the member's support view; the developer panel waits
// behind its toggle.
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
import {
  DEMO_AGENT_USERS,
  DEMO_CHATWOOT_AGENTS,
  DEMO_SUPPORT,
  seedSupportDemo,
} from '../../scripts/support-demo.js';
import { ChatwootDouble } from '../support/chatwoot-double.js';
import { shotPath } from './support.js';

describe('the demo page', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let hub: HubNode;
  let browser: Browser;
  let double: ChatwootDouble;

  beforeAll(async () => {
    // The support inbox as `npm start` runs it: the Chatwoot contract double as Chatwoot.
    double = await ChatwootDouble.start({
      apiAccessToken: 'demo-test-chatwoot-token',
      accountId: 1,
      inboxId: 1,
      webhookSecret: 'demo-test-chatwoot-webhook-secret',
      agents: DEMO_CHATWOOT_AGENTS,
    });
    await buildWidgets();
    db = await testDatabase();
    const store = new MongoMessageStore(db.connection);
    await store.syncIndexes();
    await seedDemoCommunities(db.connection);
    hub = await startTestHub({
      mongodb: { url: db.url },
      redis: { keyPrefix: `demo${randomUUID().slice(0, 6)}` },
      chatwoot: {
        baseUrl: double.url,
        apiAccessToken: 'demo-test-chatwoot-token',
        webhookSecret: 'demo-test-chatwoot-webhook-secret',
      },
      inbox: { agentUsers: DEMO_AGENT_USERS },
    });
    double.setWebhookUrl(`${hub.url}/webhooks/chatwoot`);
    // The seed is idempotent: a second run finds the conversation.
    expect(await seedSupportDemo(hub.url)).toBe('created');
    expect(await seedSupportDemo(hub.url)).toBe('present');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.shutdown();
    await double?.close();
    await db?.drop();
  });

  it('signs in as a member, then as the moderator, against the seeded communities', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(`${hub.url}/demo/`);
      await page.locator('#persona-status', { hasText: 'Dana (member)' }).waitFor({ timeout: 15_000 });
      await page.locator('#chat article.message').first().waitFor({ timeout: 15_000 });
      await page.locator('hub-timeline [part="online"] li').first().waitFor();
      expect(await page.locator('hub-mod-queue').isHidden()).toBe(true);
      await page.locator('#provider').screenshot({ path: shotPath('demo-member') });

      await page.locator('#personas input[value="moderator"]').check();
      await page.locator('#persona-status', { hasText: 'Mona (moderator)' }).waitFor({ timeout: 15_000 });
      await page.locator('hub-mod-queue [part="filters"]').waitFor();
      await expect
        .poll(() => page.locator('hub-mod-queue [part="connection"]').count(), { timeout: 10_000 })
        .toBe(0);
      await page.screenshot({ path: shotPath('demo-moderator'), fullPage: true });

      // The support agent sees the inbox with the demo member's seeded conversation, and the
      // member's community context beside it.
      expect(await page.locator('hub-inbox').isHidden()).toBe(true);
      await page.locator('#personas input[value="agent"]').check();
      await page.locator('#persona-status', { hasText: 'Aziz (support agent)' }).waitFor({ timeout: 15_000 });
      const item = page.locator('hub-inbox button[part="conversation-item"]', {
        hasText: DEMO_SUPPORT.subject,
      });
      await item.waitFor({ timeout: 15_000 });
      await item.click();
      await page.locator('hub-inbox [part~="message"]', { hasText: 'order 4711' }).waitFor();
      await page
        .locator('hub-inbox [part="member-context"] [part="standing"]', { hasText: 'Plumbing Pros' })
        .waitFor({ timeout: 15_000 });
      expect(await page.locator('hub-mod-queue').isHidden()).toBe(true);
      await page.screenshot({ path: shotPath('demo-agent'), fullPage: true });
    } finally {
      await page.close();
    }
  }, 60_000);

  it('places the widgets as a marketplace would, each beside its HTML, with the developer panel behind a toggle', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(`${hub.url}/demo/`);
      await page.locator('#chat article.message').first().waitFor({ timeout: 15_000 });
      // Each widget fills the container the page gives it, not its default height.
      for (const id of ['chat', 'timeline', 'live']) {
        const [own, container] = await page.locator(`#${id}`).evaluate((el) => {
          const parent = el.parentElement as HTMLElement;
          const style = getComputedStyle(parent);
          const content =
            parent.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
          return [el.getBoundingClientRect().height, content];
        });
        expect(own, id).toBeGreaterThan(0);
        expect(Math.abs((own ?? 0) - (container ?? 0)), id).toBeLessThanOrEqual(2);
      }
      // Beside each place, the HTML its widgets need.
      for (const [place, tag] of [
        ['provider', 'hub-chat'],
        ['provider', 'hub-timeline'],
        ['live-page', 'hub-live-session'],
        ['agent-console', 'hub-inbox'],
        ['moderator-console', 'hub-mod-queue'],
      ] as const) {
        expect(await page.locator(`#${place} .snippet pre`).allTextContents(), tag).toEqual(
          expect.arrayContaining([expect.stringContaining(`<${tag} endpoint=`)]),
        );
      }

      // The support launcher opens the member's support view, outside the community chat.
      expect(await page.locator('#support-panel').isHidden()).toBe(true);
      await page.locator('#launcher').click();
      await page.locator('#support-chat [part="support-header"]').first().waitFor({ timeout: 15_000 });
      expect(await page.locator('#launcher').getAttribute('aria-expanded')).toBe('true');
      expect(await page.locator('#chat [part="support-header"]').count()).toBe(0);
      await page.locator('#provider').screenshot({ path: shotPath('demo-support-launcher') });

      // The developer panel: hidden until asked for; then events and the node's dependencies.
      expect(await page.locator('#dev-panel').isHidden()).toBe(true);
      await page.locator('#dev-toggle').click();
      await page.locator('#dev-panel').waitFor();
      expect(await page.locator('#dev-toggle').getAttribute('aria-expanded')).toBe('true');
      await expect.poll(() => page.locator('#events').textContent(), { timeout: 10_000 }).toContain('hub-');
      await expect.poll(() => page.locator('#checks tr').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await expect.poll(() => page.locator('#sizes tr').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  }, 60_000);
});
