// <hub-chat>'s emoji picker in real Chromium against a real hub, at a desktop width and at
// 390 px, light and dark: it loads on first use as a chunk of its own, searches by name, lists
// Unicode's groups, is driven by the keyboard alone (ArrowDown into the grid, the arrows,
// Enter, Escape back to its button), keeps the member's skin tone on this browser under their
// id, fits the viewport, and axe-core finds nothing moderate or worse while it is open.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EMOJI_GROUPS } from '../../web-components/hub-chat/emoji/emoji-data.js';
import { readGroups, SKIN_TONES, toneOf } from '../../web-components/hub-chat/emoji/emoji-search.js';
import {
  axeViolations,
  BROWSER_TEST_MS,
  shotPath,
  WITH_MODERATE,
  widgetPage,
  widgetSuite,
  WIDGET_VIEWPORTS,
} from './support.js';

const groups = readGroups(EMOJI_GROUPS);
const nth = (group: string, i: number) => groups.find((g) => g.key === group)?.emoji[i];

const composer = (page: Page) => page.locator('hub-chat .main textarea[part="composer-input"]');
const emojiButton = (page: Page) => page.locator('hub-chat .main hub-chat-composer button.emoji');
const picker = (page: Page) => page.locator('hub-chat .main hub-emoji-picker');
/** The element that has focus, through the shadow roots: its tag and accessible label. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return `${el?.tagName.toLowerCase()} ${el?.getAttribute('aria-label') ?? ''}`.trim();
  });

describe('<hub-chat> emoji picker in Chromium', { timeout: BROWSER_TEST_MS }, () => {
  let markup: string;

  const world = widgetSuite();

  beforeAll(async () => {
    markup = `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`;
  }, 120_000);

  for (const viewport of WIDGET_VIEWPORTS)
    for (const theme of ['light', 'dark'] as const) {
      it(`${viewport.name}, ${theme}: search, groups, keyboard, skin tone`, async () => {
        // Each case is a new browser context: ann starts with no tone kept.
        const user = 'ann';
        const { page, context } = await widgetPage(
          world.browser,
          world.hub,
          user,
          markup.replace('<hub-chat', `<hub-chat theme="${theme}"`),
          { theme, viewport: { width: viewport.width, height: viewport.height } },
        );
        try {
          await composer(page).waitFor();
          // The picker is a chunk of its own, fetched when the member first opens it.
          const chunks: string[] = [];
          page.on('request', (r) => chunks.push(r.url()));
          expect(await page.evaluate(() => Boolean(customElements.get('hub-emoji-picker')))).toBe(false);
          await emojiButton(page).click();
          await picker(page).locator('input[type="search"]').waitFor();
          expect(chunks.some((url) => /\/widgets\/chunks\/emoji-picker-[\w-]+\.js$/.test(url))).toBe(true);
          await expect.poll(() => focused(page)).toBe('input Search emoji');
          const box = await picker(page).locator('[part="emoji-picker"]').boundingBox();
          expect(box && box.x >= 0 && box.x + box.width <= viewport.width).toBe(true);
          await page
            .locator('hub-chat')
            .screenshot({ path: shotPath(`hub-chat-emoji-${viewport.name}-${theme}`) });
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);

          // Search by name; Enter picks the first match, the picker closes, focus is in the box.
          await page.keyboard.type('thumbs up');
          await picker(page).getByRole('option', { name: 'thumbs up', exact: true }).waitFor();
          await page.keyboard.press('Enter');
          await expect.poll(() => composer(page).inputValue()).toBe('👍');
          await expect.poll(() => picker(page).count()).toBe(0);
          await expect.poll(() => focused(page)).toContain('textarea');

          // A group by the keyboard alone: its third emoji, two steps right of the first.
          await emojiButton(page).click();
          await picker(page).getByRole('button', { name: 'Flags' }).click();
          const flag = nth('flags', 2);
          await picker(page).getByRole('option', { name: flag?.name, exact: true }).waitFor();
          await picker(page).getByRole('listbox').focus();
          await page.keyboard.press('ArrowRight');
          await page.keyboard.press('ArrowRight');
          await expect
            .poll(() => picker(page).locator('[aria-selected="true"]').getAttribute('aria-label'))
            .toBe(flag?.name);
          await page.keyboard.press('Enter');
          await expect.poll(() => composer(page).inputValue()).toBe(`👍${flag?.char}`);

          // Escape closes it and gives focus back to its button.
          await emojiButton(page).click();
          await picker(page).locator('input[type="search"]').waitFor();
          await page.keyboard.press('Escape');
          await expect.poll(() => picker(page).count()).toBe(0);
          await expect.poll(() => focused(page)).toBe('button Insert emoji');

          // A skin tone: the hand takes it, and it stays, for this member, when the picker opens again.
          const medium = SKIN_TONES[3];
          await emojiButton(page).click();
          await picker(page).getByRole('button', { name: 'Skin tone: Default' }).click();
          await picker(page).getByRole('button', { name: 'Medium', exact: true }).click();
          await picker(page).getByRole('button', { name: 'Skin tone: Medium' }).waitFor();
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
          await picker(page).locator('input[type="search"]').fill('waving hand');
          await picker(page).locator('input[type="search"]').press('Enter');
          const waving = `${toneOf('👋', medium)}`;
          await expect.poll(() => composer(page).inputValue()).toBe(`👍${flag?.char}${waving}`);
          expect(await page.evaluate((u) => localStorage.getItem(`hub-emoji-tone:${u}`), user)).toBe('3');
          await emojiButton(page).click();
          await picker(page).getByRole('button', { name: 'Skin tone: Medium' }).waitFor();
          // An emoji that takes no tone is inserted as it is.
          await picker(page).locator('input[type="search"]').fill('red heart');
          await picker(page).locator('input[type="search"]').press('Enter');
          await expect.poll(() => composer(page).inputValue()).toBe(`👍${flag?.char}${waving}❤️`);

          // It is sent as text and shown in the list as written.
          const sent = `${waving}❤️ at ${viewport.name} in ${theme}`;
          await composer(page).press('End');
          await composer(page).pressSequentially(sent.slice(waving.length + 2));
          await composer(page).press('Enter');
          await page
            .locator('hub-chat .main article.message.sent', { hasText: sent })
            .waitFor({ timeout: 10_000 });
        } finally {
          await context.close();
        }
      });
    }

  it('keeps the skin tone per member: another member on the same browser starts with none', async () => {
    const { page, context } = await widgetPage(world.browser, world.hub, 'bob', markup);
    try {
      await page.evaluate(() => localStorage.setItem('hub-emoji-tone:ann', '5'));
      await emojiButton(page).click();
      await picker(page).getByRole('button', { name: 'Skin tone: Default' }).waitFor();
      await picker(page).locator('input[type="search"]').fill('thumbs up');
      await picker(page).locator('input[type="search"]').press('Enter');
      await expect.poll(() => composer(page).inputValue()).toBe('👍');
    } finally {
      await context.close();
    }
  });

  it("reacts with any emoji: the picker opens from a message's reaction control, by keyboard", async () => {
    const { page, context } = await widgetPage(world.browser, world.hub, 'bob', markup);
    try {
      await composer(page).fill('Reaction picker target');
      await composer(page).press('Enter');
      const row = page.locator('hub-chat .main article.message.sent', { hasText: 'Reaction picker target' });
      await row.waitFor({ timeout: 10_000 });
      await row.hover();
      await row.getByRole('button', { name: 'Add reaction' }).click();
      // The quick reactions' last button opens the full picker, anchored to this message.
      await row.getByRole('button', { name: 'More emoji' }).focus();
      await page.keyboard.press('Enter');
      const search = row.locator('hub-emoji-picker input[type="search"]');
      await search.waitFor();
      await expect.poll(() => focused(page)).toBe('input Search emoji');
      await page.keyboard.type('rocket');
      await row.locator('hub-emoji-picker').getByRole('option', { name: 'rocket', exact: true }).waitFor();
      await page.keyboard.press('Enter');
      await row
        .locator('button[part="reaction"][aria-pressed="true"]', { hasText: '🚀' })
        .filter({ hasText: '1' })
        .waitFor({ timeout: 10_000 });
      await expect.poll(() => row.locator('hub-emoji-picker').count()).toBe(0);

      // Escape closes it without reacting, and focus goes back to the message.
      await row.hover();
      await row.getByRole('button', { name: 'Add reaction' }).click();
      await row.getByRole('button', { name: 'More emoji' }).click();
      await search.waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => row.locator('hub-emoji-picker').count()).toBe(0);
      expect(await row.locator('button[part="reaction"]').count()).toBe(1);
      expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
