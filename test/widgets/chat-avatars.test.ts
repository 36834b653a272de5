// <hub-chat>'s avatars in real Chromium against a real hub: each author's initials on a colour
// of their id, the same beside their messages and in the member list, for every member who
// sees them; axe-core finds nothing moderate or worse with the member list open, light and
// dark, at a desktop width and at 390 px.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { avatarColour } from '../../web-components/shared/avatar.js';
import {
  axeViolations,
  BROWSER_TEST_MS,
  shotPath,
  WITH_MODERATE,
  widgetPage,
  widgetSuite,
  WIDGET_VIEWPORTS,
} from './support.js';

/** #rrggbb as the rgb() Chromium computes. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const looks = (avatar: Locator) =>
  avatar.evaluate((el) => [el.textContent?.trim(), getComputedStyle(el).backgroundColor]);

describe('<hub-chat> avatars in Chromium', { timeout: BROWSER_TEST_MS }, () => {
  let markup: string;

  const world = widgetSuite();

  beforeAll(async () => {
    markup = `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`;
  }, 120_000);

  for (const viewport of WIDGET_VIEWPORTS)
    for (const theme of ['light', 'dark'] as const) {
      it(`${viewport.name}, ${theme}`, async () => {
        const options = { theme, viewport: { width: viewport.width, height: viewport.height } };
        const themed = markup.replace('<hub-chat', `<hub-chat theme="${theme}"`);
        const ann = await widgetPage(world.browser, world.hub, 'ann', themed, options);
        const bob = await widgetPage(world.browser, world.hub, 'bob', themed, options);
        try {
          const text = `Avatars at ${viewport.name} in ${theme}`;
          // Bob speaks first: ann's message then starts a group of its own and shows her avatar
          // (her message of the previous case would otherwise continue into this one).
          const bobBox = bob.page.locator('hub-chat .main textarea[part="composer-input"]');
          await bobBox.fill(`Bob first: ${viewport.name}, ${theme}`);
          await bobBox.press('Enter');
          await ann.page
            .locator('hub-chat .main article.message', { hasText: `Bob first: ${viewport.name}, ${theme}` })
            .waitFor({ timeout: 10_000 });
          const box = ann.page.locator('hub-chat .main textarea[part="composer-input"]');
          await box.fill(text);
          await box.press('Enter');
          const onBob = bob.page.locator('hub-chat .main article.message', { hasText: text });
          await onBob.waitFor({ timeout: 10_000 });
          expect(await looks(onBob.locator('[part="avatar"]'))).toEqual(['NA', rgb(avatarColour('ann'))]);
          expect(avatarColour('ann')).not.toBe(avatarColour('bob'));

          await bob.page.locator('hub-chat .members-toggle').click();
          const members = bob.page.locator('hub-chat [part="members"]');
          await members.waitFor();
          const row = (name: string) => members.locator('li', { hasText: name }).locator('[part="avatar"]');
          await row('Name ann').waitFor({ timeout: 10_000 });
          expect(await looks(row('Name ann'))).toEqual(['NA', rgb(avatarColour('ann'))]);
          expect(await looks(row('Name bob'))).toEqual(['NB', rgb(avatarColour('bob'))]);
          await bob.page
            .locator('hub-chat')
            .screenshot({ path: shotPath(`hub-chat-avatars-${viewport.name}-${theme}`) });
          expect(await axeViolations(bob.page, WITH_MODERATE)).toEqual([]);
        } finally {
          await Promise.all([ann.context.close(), bob.context.close()]);
        }
      });
    }
});
