// <hub-chat>'s attachments in real Chromium against a real hub (GridFS store): a pasted image
// reaches the other member inline and opens in the lightbox (Escape closes it, focus back on
// the thumbnail); an attached PDF is a card with its name and size whose link serves the file;
// a refused type shows the hub's reason and sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium } from '../support/browser.js';
import {
  BROWSER_TEST_MS,
  WIDGET_BROWSER_ARGS,
  widgetPage,
  widgetWorld,
  type WidgetWorld,
  pastePng,
  attachThroughPicker,
  renderedAll,
} from './support.js';

const chat = (page: Page) => page.locator('hub-chat');
const composer = (page: Page) => chat(page).locator('.main hub-chat-composer');
const box = (page: Page) => composer(page).locator('textarea[part="composer-input"]');
/** Picks a file through the attach button, as a member does. */
const attach = (page: Page, file: { name: string; mimeType: string; buffer: Buffer }) =>
  attachThroughPicker(composer(page), file);

describe('<hub-chat> attachments in Chromium', { timeout: BROWSER_TEST_MS }, () => {
  let world: WidgetWorld;
  let browser: Browser;
  let markup: string;

  beforeAll(async () => {
    world = await widgetWorld();
    browser = await launchChromium(WIDGET_BROWSER_ARGS);
    markup = `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('a pasted image reaches the other member inline and opens in the lightbox', async () => {
    const png = await sharp({ create: { width: 600, height: 300, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer();
    const ann = await widgetPage(browser, world.hub, 'ann', markup);
    const bob = await widgetPage(browser, world.hub, 'bob', markup);
    try {
      await box(ann.page).waitFor();
      await box(bob.page).waitFor();
      await pastePng(box(ann.page), png);
      await composer(ann.page).locator('[part="upload-chip"][data-state="done"]').waitFor();
      await box(ann.page).fill('the leak');
      await box(ann.page).press('Enter');

      const image = chat(bob.page)
        .locator('[part="message"]', { hasText: 'the leak' })
        .locator('[part="attachment-image"]');
      await image.locator('img').waitFor();
      expect(await image.locator('img').getAttribute('alt')).toBe('leak.png');
      // The thumbnail's size is reserved: 600×300 shown at 320×160.
      const size = await image.boundingBox();
      expect(Math.round(size?.width ?? 0)).toBe(320);
      await image.click();
      const dialog = chat(bob.page).locator('hub-chat-lightbox dialog');
      await dialog.waitFor();
      expect(await dialog.locator('img').getAttribute('alt')).toBe('leak.png');
      const full = await dialog.locator('img').evaluate(async (img: HTMLImageElement) => {
        await img.decode();
        return img.naturalWidth;
      });
      expect(full).toBe(600);
      await bob.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => image.evaluate((el) => el.matches(':focus'))).toBe(true);
    } finally {
      await ann.context.close();
      await bob.context.close();
    }
  });

  it('an attached PDF is a card with its name and size, and its link serves the file', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const ann = await widgetPage(browser, world.hub, 'ann', markup);
    try {
      await box(ann.page).waitFor();
      await attach(ann.page, {
        name: 'quote.pdf',
        mimeType: 'application/pdf',
        buffer: pdf,
      });
      await composer(ann.page).locator('[part="upload-chip"][data-state="done"]').waitFor();
      // A message may be files alone.
      await composer(ann.page).locator('[part="send-button"]').click();
      const card = chat(ann.page).locator('[part="attachment-file"]', { hasText: 'quote.pdf' });
      await card.waitFor();
      expect(await card.textContent()).toContain(`${pdf.length} byte`);
      await expect
        .poll(() => card.getAttribute('href'), { timeout: 15_000 })
        .toMatch(/\/api\/v1\/attachments\//);
      const href = (await card.getAttribute('href')) ?? '';
      const served = await ann.page.evaluate(async (url) => {
        const r = await fetch(url);
        return { status: r.status, body: await r.text(), disposition: r.headers.get('content-disposition') };
      }, href);
      expect(served.status).toBe(200);
      expect(served.body).toBe(pdf.toString());
      expect(served.disposition).toMatch(/^attachment/);
    } finally {
      await ann.context.close();
    }
  });

  it('a refused type shows the reason and sends nothing', async () => {
    const ann = await widgetPage(browser, world.hub, 'ann', markup);
    try {
      await box(ann.page).waitFor();
      await attach(ann.page, {
        name: 'logo.svg',
        mimeType: 'image/svg+xml',
        buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      });
      const error = composer(ann.page).locator('[part="upload-error"]');
      await error.waitFor();
      expect(await error.textContent()).toContain('Not allowed: this type of file cannot be shared here.');
      const before = await chat(ann.page).locator('[part="message"]').count();
      await composer(ann.page).locator('[part="send-button"]').click();
      // Nothing to send: no pending row appears (a send shows one at once), read once the
      // widget has rendered the click.
      await renderedAll(chat(ann.page));
      expect(await chat(ann.page).locator('[part="send-status"]').count()).toBe(0);
      expect(await chat(ann.page).locator('[part="message"]').count()).toBe(before);
      // Removing the chip: gone, focus back in the box.
      await composer(ann.page).getByRole('button', { name: 'Remove logo.svg' }).click();
      await expect.poll(() => composer(ann.page).locator('[part="upload-chip"]').count()).toBe(0);
      await expect.poll(() => box(ann.page).evaluate((area) => area.matches(':focus'))).toBe(true);
    } finally {
      await ann.context.close();
    }
  });
});
