// <hub-chat>'s markdown in real Chromium against a real hub: a message written with bold,
// italics, strike, code, a code block, a quote and links reaches another member formatted,
// live; a javascript: link and raw HTML stay text (nothing runs); safe links open in a new tab
// without opener or referrer; its author edits the raw text; axe-core finds nothing moderate or
// worse, light and dark, at a desktop width and at 390 px.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  BROWSER_TEST_MS,
  shotPath,
  WITH_MODERATE,
  widgetPage,
  widgetSuite,
  WIDGET_VIEWPORTS,
} from './support.js';

const RAW = [
  'Pipes: **bold words** and _slanted ones_, ~~struck~~, `npm run fix`.',
  'Read [the guide](https://example.com/guide) or [this](javascript:window.__xss=1) or https://example.org/a.',
  '<img src=x onerror="window.__xss=1"> stays text',
  '```',
  'const cutter = "**not bold**";',
  '```',
  '> a quoted *line*',
].join('\n');

const box = (page: Page) => page.locator('hub-chat .main textarea[part="composer-input"]');
const formatted = (page: Page) =>
  page.locator('hub-chat .main article.message', { hasText: 'Pipes:' }).locator('[part="body"]');

/** What the formatted message holds, as the member sees it. */
async function expectFormatted(page: Page): Promise<void> {
  const body = formatted(page);
  await body.locator('strong', { hasText: 'bold words' }).waitFor({ timeout: 10_000 });
  expect(await body.locator('em').first().textContent()).toBe('slanted ones');
  expect(await body.locator('s').textContent()).toBe('struck');
  expect(await body.locator('p code').textContent()).toBe('npm run fix');
  expect(await body.locator('pre code').textContent()).toBe('const cutter = "**not bold**";');
  expect(await body.locator('blockquote').textContent()).toBe('a quoted line');
  const links = await body
    .locator('a')
    .evaluateAll((as) =>
      as.map((a) => [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel'), a.textContent]),
    );
  expect(links).toEqual([
    ['https://example.com/guide', '_blank', 'noopener noreferrer nofollow', 'the guide'],
    ['https://example.org/a', '_blank', 'noopener noreferrer nofollow', 'https://example.org/a'],
  ]);
  // The unsafe link and the HTML are shown as written, and nothing of them runs.
  const text = (await body.textContent()) ?? '';
  expect(text).toContain('[this](javascript:window.__xss=1)');
  expect(text).toContain('<img src=x onerror="window.__xss=1"> stays text');
  expect(await body.locator('img').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
}

describe('<hub-chat> markdown in Chromium', { timeout: BROWSER_TEST_MS }, () => {
  let markup: string;

  const world = widgetSuite();

  beforeAll(async () => {
    markup = `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`;
  }, 120_000);

  it('formats a message live for another member, and its author edits the raw text', async () => {
    const ann = await widgetPage(world.browser, world.hub, 'ann', markup);
    const bob = await widgetPage(world.browser, world.hub, 'bob', markup);
    try {
      await expect
        .poll(() => bob.page.locator('hub-chat [part="connection"]').count(), { timeout: 10_000 })
        .toBe(0);
      await box(ann.page).fill(RAW);
      await box(ann.page).press('Enter');
      await expectFormatted(bob.page);
      await expectFormatted(ann.page);

      const mine = ann.page.locator('hub-chat .main article.message.sent', { hasText: 'Pipes:' });
      await mine.hover();
      await mine.getByRole('button', { name: 'Edit', exact: true }).click();
      const editor = ann.page.getByRole('textbox', { name: 'Edit message' });
      await expect.poll(() => editor.inputValue()).toBe(RAW);
    } finally {
      await Promise.all([ann.context.close(), bob.context.close()]);
    }
  });

  for (const viewport of WIDGET_VIEWPORTS)
    for (const theme of ['light', 'dark'] as const) {
      it(`reads well and passes axe: ${viewport.name}, ${theme}`, async () => {
        const { page, context } = await widgetPage(
          world.browser,
          world.hub,
          'bob',
          markup.replace('<hub-chat', `<hub-chat theme="${theme}"`),
          { theme, viewport: { width: viewport.width, height: viewport.height } },
        );
        try {
          await expectFormatted(page);
          await formatted(page).scrollIntoViewIfNeeded();
          await page
            .locator('hub-chat')
            .screenshot({ path: shotPath(`hub-chat-markdown-${viewport.name}-${theme}`) });
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
});
