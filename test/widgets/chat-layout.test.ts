// <hub-chat>'s layout at the widths it is embedded at, in real Chromium against a real hub: the
// channel column keeps a readable width with the thread and member panels open (they become
// overlays as the widget narrows), and at 390 px the channel list is a drawer (a "Channels"
// button; choosing a channel or Support closes it; Escape too) with the messages given the
// height; axe-core finds no moderate or worse violation with the drawer open. Messages of one
// author a few minutes apart share one header and avatar (their initials).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import {
  axeViolations,
  BROWSER_TEST_MS,
  shotPath,
  WITH_MODERATE,
  widgetPage,
  widgetSuite,
} from './support.js';

const width = async (page: Page, selector: string) =>
  (await page.locator(selector).boundingBox())?.width ?? 0;

let checks = 0;

async function openThread(page: Page): Promise<void> {
  // A text of its own each time: the community's AutoMod holds repeated messages.
  const text = `Layout check ${++checks}`;
  const box = page.locator('hub-chat .main textarea[part="composer-input"]');
  await box.fill(text);
  await box.press('Enter');
  const row = page.locator('hub-chat .main article.message.sent', { hasText: text }).last();
  await row.waitFor({ timeout: 10_000 });
  // The row's actions show on hover; the row may render again as its own publication arrives,
  // which drops the hover, so hover and click again until the thread opens.
  const button = row.getByRole('button', { name: /^(Start|Open) thread$/ }).first();
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await row.hover({ timeout: 2_000 });
      await button.click({ timeout: 2_000 });
      break;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
  }
  await page.locator('hub-chat [part="thread"]').waitFor();
}

async function openMembers(page: Page): Promise<void> {
  await page.locator('hub-chat .members-toggle').click();
  await page.locator('hub-chat [part="members"]').waitFor();
}

describe('<hub-chat> layout', { timeout: BROWSER_TEST_MS }, () => {
  let markup: string;

  const world = widgetSuite();

  beforeAll(async () => {
    markup = `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`;
  }, 120_000);

  // The page's body has 16 px of padding on each side.
  it('1200 px: thread and members are columns beside a readable channel', async () => {
    const { page, context } = await widgetPage(world.browser, world.hub, 'ann', markup, {
      viewport: { width: 1200, height: 800 },
    });
    try {
      await openThread(page);
      await openMembers(page);
      await page.locator('hub-chat').screenshot({ path: shotPath('hub-chat-layout-1200') });
      expect(await width(page, 'hub-chat .main')).toBeGreaterThanOrEqual(400);
      expect(await page.locator('hub-chat .drawer-toggle').isVisible()).toBe(false);
      await page.getByRole('button', { name: 'Hide members' }).click();
      await expect.poll(() => page.locator('hub-chat [part="members"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  for (const viewport of [900, 700]) {
    it(`${viewport} px: a side panel slides over the channel, which keeps its width`, async () => {
      const { page, context } = await widgetPage(world.browser, world.hub, 'ann', markup, {
        viewport: { width: viewport, height: 800 },
      });
      try {
        const before = await width(page, 'hub-chat .main');
        await openThread(page);
        await page.locator('hub-chat').screenshot({ path: shotPath(`hub-chat-layout-${viewport}`) });
        expect(await width(page, 'hub-chat .main')).toBe(before);
        expect(before).toBeGreaterThanOrEqual(400);
        expect(await page.locator('hub-chat .sidebar').isVisible()).toBe(true);
        await page.getByRole('button', { name: 'Close thread' }).click();
        await openMembers(page);
        expect(await width(page, 'hub-chat .main')).toBe(before);
        await page.getByRole('button', { name: 'Hide members' }).click();
        await expect.poll(() => page.locator('hub-chat [part="members"]').count()).toBe(0);
      } finally {
        await context.close();
      }
    });
  }

  it("groups an author's messages a few minutes apart under one header, with their initials", async () => {
    const { page, context } = await widgetPage(world.browser, world.hub, 'bob', markup);
    try {
      const box = page.locator('hub-chat .main textarea[part="composer-input"]');
      for (const text of ['Grouped one', 'Grouped two']) {
        await box.fill(text);
        await box.press('Enter');
        await page.locator('hub-chat article.message.sent', { hasText: text }).waitFor({ timeout: 10_000 });
      }
      const first = page.locator('hub-chat article.message', { hasText: 'Grouped one' });
      const second = page.locator('hub-chat article.message', { hasText: 'Grouped two' });
      expect(await first.locator('[part="avatar"]').textContent()).toBe('NB');
      expect(await first.locator('header').isVisible()).toBe(true);
      expect(await second.getAttribute('class')).toContain('grouped');
      expect(await second.locator('[part="avatar"]').count()).toBe(0);
      // Its header is not shown, but it still names the message for assistive technology.
      expect(
        await second
          .locator('header')
          .boundingBox()
          .then((b) => b?.height ?? 0),
      ).toBeLessThanOrEqual(1);
      expect(await page.getByRole('article', { name: 'Name bob' }).count()).toBeGreaterThanOrEqual(2);
      expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('390 px: the channel list is a drawer, the messages get the height, panels cover the channel', async () => {
    const { page, context } = await widgetPage(world.browser, world.hub, 'ann', markup, {
      viewport: { width: 390, height: 844 },
    });
    try {
      const toggle = page.getByRole('button', { name: 'Channels', exact: true });
      await toggle.waitFor();
      // The first channel has opened: the state this test starts from.
      await page.locator('hub-chat .main textarea[part="composer-input"]:not([disabled])').waitFor();
      expect(await page.locator('hub-chat .sidebar').isVisible()).toBe(false);
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      // The messages, not the sidebar, have the widget's height (32rem by default).
      expect((await page.locator('hub-chat .main .scroller').boundingBox())?.height ?? 0).toBeGreaterThan(
        250,
      );

      // Each click's effect is read once the widget has rendered it (Lit updates after the event).
      const sidebarShown = () => page.locator('hub-chat .sidebar').isVisible();
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
      await page.locator('hub-chat .sidebar').waitFor({ state: 'visible' });
      await page.locator('hub-chat').screenshot({ path: shotPath('hub-chat-drawer-390') });
      expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
      await page.getByRole('button', { name: 'slow', exact: true }).click();
      await expect.poll(() => page.locator('hub-chat .main h2').textContent()).toContain('slow');
      await expect.poll(sidebarShown).toBe(false);

      // Escape closes the drawer and gives focus back to its button.
      await toggle.click();
      await page.keyboard.press('Escape');
      await expect.poll(sidebarShown).toBe(false);
      await expect
        .poll(() =>
          page.evaluate(() => document.querySelector('hub-chat')?.shadowRoot?.activeElement?.className),
        )
        .toContain('drawer-toggle');

      // Support is in the drawer too, and its view has the whole width.
      await toggle.click();
      await page.getByRole('button', { name: 'Support', exact: true }).click();
      await expect.poll(sidebarShown).toBe(false);
      await toggle.click();
      // Its name carries its unread count once another channel was open ("general (2 unread)").
      await page.getByRole('button', { name: /^general\b/ }).click();

      // A side panel covers the channel; closing it brings the channel back.
      await openMembers(page);
      expect(await width(page, 'hub-chat [part="members"]')).toBeGreaterThan(340);
      await page.getByRole('button', { name: 'Hide members' }).click();
      await openThread(page);
      expect(await width(page, 'hub-chat [part="thread"]')).toBeGreaterThan(340);
      await page.locator('hub-chat').screenshot({ path: shotPath('hub-chat-thread-390') });
      expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
      await page.getByRole('button', { name: 'Close thread' }).click();
      await expect.poll(() => page.locator('hub-chat [part="thread"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('390 px: a drawer opened while the chat loads stays open when the first channel opens', async () => {
    // The channel list is held until the member has opened the drawer.
    const held: Route[] = [];
    const { page, context } = await widgetPage(world.browser, world.hub, 'ann', markup, {
      viewport: { width: 390, height: 844 },
      beforeLoad: (c) => c.route('**/api/v1/communities/*/channels', (route) => void held.push(route)),
    });
    try {
      const toggle = page.getByRole('button', { name: 'Channels', exact: true });
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
      await expect.poll(() => held.length).toBe(1);
      await context.unroute('**/api/v1/communities/*/channels');
      for (const route of held) await route.continue();
      // The first channel opened behind the drawer, which the member still has open.
      await page.locator('hub-chat .main textarea[part="composer-input"]:not([disabled])').waitFor();
      await page.getByRole('button', { name: /^general\b/ }).waitFor();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      // Choosing a channel there closes it.
      await page.getByRole('button', { name: 'slow', exact: true }).click();
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    } finally {
      await context.close();
    }
  });
});
