// <hub-chat> in each of its states — a channel with unread and mention badges, the thread and
// member panels open, a failed and a held send, a draft over the limit, the channel drawer of
// narrow widths — light and dark, at a
// desktop width and at 390 px: axe-core finds no moderate, serious or critical violation.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs } from '../support/api.js';
import {
  axeViolations,
  BROWSER_TEST_MS,
  shotPath,
  WITH_MODERATE,
  widgetPage,
  widgetSuite,
  WIDGET_VIEWPORTS,
} from './support.js';

const box = (page: Page) => page.locator('hub-chat .main textarea[part="composer-input"]');

async function send(page: Page, text: string): Promise<void> {
  await box(page).fill(text);
  await box(page).press('Enter');
}

describe('<hub-chat> accessibility in every state', { timeout: BROWSER_TEST_MS }, () => {
  const world = widgetSuite();

  beforeAll(async () => {
    const c = world.community;
    // The community's owner (createTestCommunity's 'owner') is an administrator.
    const owner = await apiAs(world.hub.url, 'owner');
    const rules = [
      {
        name: 'scam',
        kind: 'keyword',
        keywords: ['free nitro'],
        actions: [{ type: 'block', reason: 'No scams.' }],
      },
      { name: 'review', kind: 'keyword', keywords: ['pipe dope'], actions: [{ type: 'hide' }] },
    ];
    expect((await owner('PUT', `/api/v1/communities/${c.id}/moderation/automod`, { rules })).status).toBe(
      200,
    );
    // Unread messages and a mention of bob in #slow, a message to open a thread on in #general,
    // written through the widget by ann.
    const slow = `<hub-chat community="${c.id}" channel="slow"></hub-chat>`;
    const ann = await widgetPage(world.browser, world.hub, 'ann', slow);
    for (const text of ['Is the slow channel alive? <@bob>', 'Who has a spare pipe cutter?']) {
      if (text.includes('cutter'))
        await ann.page.getByRole('button', { name: 'general', exact: true }).click();
      await send(ann.page, text);
      await ann.page.locator('hub-chat article.message.sent', { hasText: text.slice(0, 20) }).waitFor();
    }
    await ann.context.close();
  }, 120_000);

  for (const viewport of WIDGET_VIEWPORTS)
    for (const theme of ['light', 'dark'] as const) {
      it(`${viewport.name}, ${theme}`, async () => {
        const markup = `<hub-chat theme="${theme}" community="${world.community.id}" channel="general"></hub-chat>`;
        const { page, context } = await widgetPage(world.browser, world.hub, 'bob', markup, {
          theme,
          viewport: { width: viewport.width, height: viewport.height },
        });
        const check = async (state: string) => {
          await page
            .locator('hub-chat')
            .screenshot({ path: shotPath(`hub-chat-${state}-${viewport.name}-${theme}`) });
          expect(await axeViolations(page, WITH_MODERATE), state).toEqual([]);
        };
        try {
          const cutter = page.locator('hub-chat .main article.message', { hasText: 'spare pipe cutter' });
          await cutter.waitFor({ timeout: 10_000 });
          const narrow = viewport.width < 640;
          // On narrow widths the channel list is a drawer: open it to see the badges.
          if (narrow) await page.getByRole('button', { name: 'Channels', exact: true }).click();
          await page
            .getByRole('button', { name: 'slow (1 unread, 1 mention)', exact: true })
            .waitFor({ timeout: 10_000 });
          await check('badges');
          if (narrow) await page.keyboard.press('Escape');

          await send(page, `get free nitro ${viewport.width}`);
          await send(page, `my pipe dope ${viewport.width} ${theme}`);
          await send(page, 'x'.repeat(4_100));
          await page.locator('hub-chat [data-code="automod_blocked"]').waitFor({ timeout: 10_000 });
          await page.locator('hub-chat [data-code="held"]').waitFor({ timeout: 10_000 });
          await check('sends');

          await box(page).fill('');
          await cutter.hover();
          await cutter
            .getByRole('button', { name: /^(Start|Open) thread$/ })
            .first()
            .click();
          await page.locator('hub-chat [part="thread"]').waitFor();
          await check('thread');
          // On narrow widths the thread covers the channel's header: close it first.
          await page.getByRole('button', { name: 'Close thread' }).click();
          await page.locator('hub-chat .members-toggle').click();
          await page.locator('hub-chat [part="members"]').waitFor();
          await check('members');
          if (narrow) {
            await page.getByRole('button', { name: 'Hide members' }).click();
            await page.getByRole('button', { name: 'Channels', exact: true }).click();
            // Checked once the drawer has rendered open (Lit updates after the click).
            await page.locator('hub-chat .sidebar').waitFor({ state: 'visible' });
            await check('drawer');
          }
        } finally {
          await context.close();
        }
      });
    }
});
