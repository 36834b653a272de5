// <hub-chat>'s composer in Chromium against a real hub: a send empties the box, also on a page
// where no file was ever attached (the upload chips' chunk not loaded: their element has no
// methods yet, and a send once failed on it, leaving the text in the box to be sent twice).
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

describe("<hub-chat>'s composer in Chromium", { timeout: BROWSER_TEST_MS }, () => {
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

  it('empties the box after a send of text alone, with no page error', async () => {
    const ann = await widgetPage(
      browser,
      world.hub,
      'ann',
      `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`,
    );
    const errors: string[] = [];
    ann.page.on('pageerror', (e) => errors.push(String(e)));
    try {
      const box = ann.page.locator('hub-chat .main hub-chat-composer textarea[part="composer-input"]');
      await box.waitFor();
      await box.fill('hello there');
      await box.press('Enter');
      await ann.page.locator('hub-chat [part="message"]', { hasText: 'hello there' }).waitFor();
      await expect.poll(() => box.inputValue()).toBe('');
      expect(errors).toEqual([]);
      expect(await ann.page.evaluate(() => customElements.get('hub-chat-uploads'))).toBeUndefined();
    } finally {
      await ann.context.close();
    }
  });
});
