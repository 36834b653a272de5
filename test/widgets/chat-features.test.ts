// <hub-chat>'s other features in real Chromium against a real hub: live unread and mention
// badges, threads in the side panel, mention autocomplete, the typing indicator, keyboard
// navigation of the list, and a second locale.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TEST_MS, renderedAll, shotPath, widgetPage, widgetSuite } from './support.js';

const composer = (page: Page, panel = '.main') =>
  page.locator(`hub-chat ${panel} textarea[part="composer-input"]`);
/** The sidebar's button whose accessible name is exactly `name` (its badges' words included). */
const named = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const message = (page: Page, text: string) => page.locator('hub-chat article.message', { hasText: text });

/** Sends from the composer; waits until the hub stored it (`shown`: the text as displayed). */
async function send(page: Page, text: string, panel = '.main', shown = text): Promise<void> {
  await composer(page, panel).fill(text);
  await composer(page, panel).press('Enter');
  await page
    .locator(`hub-chat ${panel} article.message.sent`, { hasText: shown })
    .waitFor({ timeout: 10_000 });
}

describe('<hub-chat> features in Chromium', { timeout: BROWSER_TEST_MS }, () => {
  let markup: string;

  const world = widgetSuite();

  beforeAll(async () => {
    markup = `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`;
  }, 120_000);

  it('badges another channel the moment someone writes there, and counts a mention', async () => {
    const bob = await widgetPage(world.browser, world.hub, 'bob', markup);
    const ann = await widgetPage(
      world.browser,
      world.hub,
      'ann',
      markup.replace('channel="general"', 'channel="slow"'),
    );
    try {
      const totals = bob.page.evaluate(
        () =>
          new Promise<{ unread: number; mentions: number }>((resolve) =>
            document.addEventListener('hub-unread-changed', (e) => {
              const detail = (e as CustomEvent<{ unread: number; mentions: number }>).detail;
              if (detail.mentions > 0) resolve(detail);
            }),
          ),
      );
      await expect
        .poll(() => bob.page.locator('hub-chat [part="connection"]').count(), { timeout: 10_000 })
        .toBe(0);
      await send(ann.page, '<@bob> the slow channel needs you', '.main', 'the slow channel needs you');
      const slow = bob.page.locator(`hub-chat button[data-channel="${world.community.channels.slow}"]`);
      await expect
        .poll(() => named(bob.page, 'slow (1 unread, 1 mention)').getAttribute('data-channel'), {
          timeout: 5_000,
        })
        .toBe(world.community.channels.slow);
      expect(await totals).toMatchObject({ unread: 1, mentions: 1 });
      // Opening it clears the badge.
      await slow.click();
      await message(bob.page, 'the slow channel needs you').waitFor();
      await expect
        .poll(() => named(bob.page, 'slow').getAttribute('data-channel'))
        .toBe(world.community.channels.slow);
    } finally {
      await Promise.all([ann.context.close(), bob.context.close()]);
    }
  });

  it('threads open in a side panel, live for both members', async () => {
    const ann = await widgetPage(world.browser, world.hub, 'ann', markup);
    const bob = await widgetPage(world.browser, world.hub, 'bob', markup);
    try {
      await send(ann.page, 'Who has a spare pipe cutter?');
      const onAnn = message(ann.page, 'spare pipe cutter');
      await onAnn.hover();
      await onAnn.getByRole('button', { name: 'Start thread' }).click();
      await ann.page.locator('hub-chat [part="thread"]').waitFor();
      await send(ann.page, 'Asking for the Friday job', '.thread');

      const link = message(bob.page, 'spare pipe cutter').locator('[part="thread-link"]');
      await expect
        .poll(() => link.textContent(), { timeout: 10_000 })
        .toContain('Thread: Who has a spare pipe cutter?');
      await link.click();
      await bob.page
        .locator('hub-chat [part="thread"] article.message', { hasText: 'Asking for the Friday job' })
        .waitFor();
      await send(bob.page, 'I do, come by', '.thread');
      await ann.page
        .locator('hub-chat [part="thread"] article.message', { hasText: 'I do, come by' })
        .waitFor({ timeout: 10_000 });
      await ann.page.locator('hub-chat').screenshot({ path: shotPath('hub-chat-thread') });
    } finally {
      await Promise.all([ann.context.close(), bob.context.close()]);
    }
  });

  it('suggests people to mention, shows who is typing, and moves through messages by keyboard', async () => {
    const ann = await widgetPage(world.browser, world.hub, 'ann', markup);
    const bob = await widgetPage(world.browser, world.hub, 'bob', markup);
    try {
      await expect
        .poll(() => ann.page.locator('hub-chat [part="connection"]').count(), { timeout: 10_000 })
        .toBe(0);
      await send(ann.page, 'First of two');
      await send(ann.page, 'Second of two');
      await message(bob.page, 'Second of two').waitFor();

      // Bob types "@Name a": ann (present) is suggested; Enter inserts her mention.
      await composer(bob.page).pressSequentially('thanks @Name a', { delay: 20 });
      const option = bob.page.locator('hub-chat [role="option"]', { hasText: '@Name ann' });
      await option.waitFor();
      await expect.poll(() => option.getAttribute('aria-selected')).toBe('true');
      await composer(bob.page).press('Enter');
      // The box shows her name; the hub gets `<@ann>` (her copy is marked as mentioning her).
      await expect.poll(() => composer(bob.page).inputValue()).toBe('thanks @Name ann ');
      // Ann sees Bob typing.
      await ann.page
        .locator('hub-chat [part="typing"]', { hasText: 'Name bob is typing…' })
        .waitFor({ timeout: 5_000 });
      await composer(bob.page).press('Enter');
      await message(ann.page, 'thanks @Name ann').waitFor();
      expect(await message(ann.page, 'thanks @Name ann').locator('.mention.me').count()).toBe(1);

      // Keyboard: one tab stop in the list, arrows move between messages.
      const last = ann.page.locator('hub-chat .main article.message').last();
      await last.focus();
      await ann.page.keyboard.press('ArrowUp');
      await expect
        .poll(() =>
          ann.page.evaluate(
            () => document.querySelector('hub-chat')?.shadowRoot?.activeElement?.textContent ?? '',
          ),
        )
        .toContain('Second of two');
      await ann.page.keyboard.press('Home');
      // Still one tab stop, read once the widget has rendered the key.
      await renderedAll(ann.page.locator('hub-chat'));
      expect(await ann.page.locator('hub-chat .main article.message[tabindex="0"]').count()).toBe(1);
    } finally {
      await Promise.all([ann.context.close(), bob.context.close()]);
    }
  });

  it('speaks French with locale="fr"', async () => {
    const ann = await widgetPage(
      world.browser,
      world.hub,
      'ann',
      markup.replace('<hub-chat ', '<hub-chat locale="fr" '),
    );
    try {
      await expect
        .poll(() => composer(ann.page).getAttribute('placeholder'), { timeout: 10_000 })
        .toBe('Écrire dans #general');
      await ann.page.locator('hub-chat nav[aria-label="Salons"]').waitFor();
    } finally {
      await ann.context.close();
    }
  });
});
