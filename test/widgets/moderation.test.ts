// <hub-mod-queue> with <hub-chat> in real Chromium against a real hub: a member reports a
// message, the case reaches the moderator's queue live, the moderator removes the message with
// a reason, and it disappears from the members' screens; the case's audit trail shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import {
  BROWSER_TEST_MS,
  WIDGET_BROWSER_ARGS,
  widgetPage,
  widgetWorld,
  type WidgetWorld,
} from './support.js';

describe('<hub-mod-queue> in Chromium', { timeout: BROWSER_TEST_MS }, () => {
  let world: WidgetWorld;
  let browser: Browser;

  beforeAll(async () => {
    world = await widgetWorld();
    browser = await launchChromium(WIDGET_BROWSER_ARGS);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('a moderator removes a reported message and it disappears for the members', async () => {
    const chat = `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`;
    const ann = await widgetPage(browser, world.hub, 'ann', chat);
    const bob = await widgetPage(browser, world.hub, 'bob', chat);
    const mod = await widgetPage(
      browser,
      world.hub,
      'mod',
      `<hub-mod-queue community="${world.community.id}"></hub-mod-queue>`,
      { roles: ['member', 'moderator'] },
    );
    try {
      await mod.page.locator('hub-mod-queue [part="filters"]').waitFor();
      await expect
        .poll(() => mod.page.locator('hub-mod-queue [part="connection"]').count(), { timeout: 10_000 })
        .toBe(0);
      const box = ann.page.locator('hub-chat .main textarea[part="composer-input"]');
      await box.fill('You are all clueless, honestly');
      await box.press('Enter');
      const onBob = bob.page.locator('hub-chat article.message', { hasText: 'You are all clueless' });
      await onBob.waitFor({ timeout: 10_000 });

      // Bob reports it.
      await onBob.hover();
      await onBob.getByRole('button', { name: 'Report message' }).click();
      const dialog = bob.page.locator('hub-chat dialog');
      await dialog.getByRole('textbox').fill('Insulting the members');
      await dialog.getByRole('button', { name: 'Report message' }).click();
      await bob.page.locator('hub-chat .banner.info', { hasText: 'moderators will review' }).waitFor();

      // The case arrives live in the moderator's queue.
      const item = mod.page.locator('hub-mod-queue button[part="case-item"]', {
        hasText: 'Insulting the members',
      });
      await item.waitFor({ timeout: 10_000 });
      await item.click();
      const flagged = mod.page.locator('hub-mod-queue [part="flagged-message"]');
      await expect.poll(() => flagged.textContent()).toContain('You are all clueless');

      await mod.page.locator('hub-mod-queue textarea#reason').fill('Insults break rule 1');
      await mod.page.locator('hub-mod-queue').getByRole('button', { name: 'Remove', exact: true }).click();
      await mod.page
        .locator('hub-mod-queue [part="decision"]', { hasText: 'Insults break rule 1' })
        .waitFor();

      // Gone for both members.
      await expect
        .poll(
          () => ann.page.locator('hub-chat article.message', { hasText: 'You are all clueless' }).count(),
          {
            timeout: 10_000,
          },
        )
        .toBe(0);
      await expect.poll(() => onBob.count(), { timeout: 10_000 }).toBe(0);

      // The case's audit trail shows the report and the decision.
      await expect
        .poll(() => mod.page.locator('hub-mod-queue [part="audit"] li').allTextContents(), {
          timeout: 10_000,
        })
        .toEqual(expect.arrayContaining([expect.stringContaining('decide')]));
    } finally {
      await Promise.all([ann.context.close(), bob.context.close(), mod.context.close()]);
    }
  });
});
