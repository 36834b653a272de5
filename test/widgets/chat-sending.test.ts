// <hub-chat>'s sends that do not go through, in real Chromium against a real hub, at a desktop
// width and at 390 px: the length guard (a counter near the limit, no send over it, the draft
// kept), a slowmode's and a timeout's refusal said in words with the wait (no Retry while it
// cannot succeed, the composer explaining why it waits), an AutoMod block ("Blocked: …", its
// text back to the composer on Edit) and a message AutoMod holds ("Held for review — only you
// can see this", never shown to others); axe-core in each of these states.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs, type ApiCall } from '../support/api.js';
import { upsertTestMember } from '../support/community.js';
import {
  attachThroughPicker,
  axeViolations,
  BROWSER_TEST_MS,
  renderedAll,
  widgetPage,
  widgetSuite,
} from './support.js';

const VIEWPORTS = [
  { name: 'desktop', width: 1200, height: 800 },
  { name: '390 px', width: 390, height: 844 },
] as const;

const box = (page: Page) => page.locator('hub-chat .main textarea[part="composer-input"]');
const sendButton = (page: Page) => page.locator('hub-chat .main [part="send-button"]');
const notice = (page: Page) => page.locator('hub-chat .main [part="composer-notice"]');
const row = (page: Page, text: string) => page.locator('hub-chat .main article.message', { hasText: text });

async function send(page: Page, text: string): Promise<void> {
  await box(page).fill(text);
  await box(page).press('Enter');
}

async function connected(page: Page): Promise<void> {
  await expect.poll(() => page.locator('hub-chat [part="connection"]').count(), { timeout: 10_000 }).toBe(0);
}

describe('<hub-chat> sends that do not go through', { timeout: BROWSER_TEST_MS }, () => {
  let owner: ApiCall;
  let moderator: ApiCall;
  const markup = (channel: string) =>
    `<hub-chat community="${world.community.id}" channel="${channel}"></hub-chat>`;

  const world = widgetSuite();

  beforeAll(async () => {
    const c = world.community;
    // The community's owner (createTestCommunity's 'owner') is an administrator.
    owner = await apiAs(world.hub.url, 'owner');
    // A channel with a slowmode short enough to wait out, created by the owner.
    const brisk = await owner('POST', `/api/v1/communities/${c.id}/channels`, {
      kind: 'text',
      name: 'brisk',
      slowmodeS: 3,
    });
    expect(brisk.status, JSON.stringify(brisk.body)).toBe(201);
    moderator = await apiAs(world.hub.url, 'mod');
    const rules = [
      {
        name: 'scam',
        kind: 'keyword',
        keywords: ['free nitro'],
        actions: [{ type: 'block', reason: 'No scams here.' }],
      },
      { name: 'review', kind: 'keyword', keywords: ['pipe dope'], actions: [{ type: 'hide' }] },
    ];
    expect((await owner('PUT', `/api/v1/communities/${c.id}/moderation/automod`, { rules })).status).toBe(
      200,
    );
  }, 120_000);

  for (const viewport of VIEWPORTS) {
    const size = { width: viewport.width, height: viewport.height };
    /** A member of its own per width, so one width's timeout or slowmode does not hold the other. */
    const writer = async (tag: string) => {
      const userId = `${tag}-${viewport.width}`;
      await upsertTestMember(world.hub.url, world.community.id, { userId, roles: ['member'] });
      return userId;
    };

    it(`${viewport.name}: counts characters near the limit and keeps a draft over it`, async () => {
      const { page, context } = await widgetPage(
        world.browser,
        world.hub,
        await writer('long'),
        markup('general'),
        {
          viewport: size,
        },
      );
      try {
        await connected(page);
        await box(page).fill('a'.repeat(3_700));
        await expect
          .poll(() => page.locator('hub-chat [part="composer-count"]').textContent())
          .toContain('3,700 / 4,000');
        const over = 'b'.repeat(4_010);
        await box(page).fill(over);
        const alert = page.locator('hub-chat [part="composer-count"][role="alert"]');
        await expect.poll(() => alert.textContent()).toContain('10 characters over the limit of 4,000.');
        expect(await sendButton(page).isDisabled()).toBe(true);
        expect(await box(page).getAttribute('aria-invalid')).toBe('true');
        expect(await axeViolations(page)).toEqual([]);
        await box(page).press('Enter');
        // Nothing was sent, nothing failed, and the draft is all there: read once the widget
        // has rendered the key.
        await renderedAll(page.locator('hub-chat'));
        expect(await box(page).inputValue()).toBe(over);
        expect(
          await page.locator('hub-chat article.message.pending, hub-chat article.message.failed').count(),
        ).toBe(0);
        await box(page).fill(`Short enough ${viewport.width}`);
        await box(page).press('Enter');
        await page
          .locator('hub-chat article.message.sent', { hasText: `Short enough ${viewport.width}` })
          .waitFor({ timeout: 10_000 });
        expect(await page.locator('hub-chat [part="composer-count"]').count()).toBe(0);
      } finally {
        await context.close();
      }
    });

    it(`${viewport.name}: a slowmode's refusal says how long to wait; the composer waits too`, async () => {
      const { page, context } = await widgetPage(
        world.browser,
        world.hub,
        await writer('slow'),
        markup('slow'),
        {
          viewport: size,
        },
      );
      try {
        await connected(page);
        await send(page, `First in the slow lane ${viewport.width}`);
        await page
          .locator('hub-chat article.message.sent', { hasText: `First in the slow lane ${viewport.width}` })
          .waitFor({ timeout: 10_000 });
        await send(page, `Second too soon ${viewport.width}`);
        const status = row(page, `Second too soon ${viewport.width}`).locator(
          '[part="send-status"][role="alert"]',
        );
        await expect
          .poll(() => status.textContent(), { timeout: 10_000 })
          .toMatch(/Not sent: this channel is in slowmode\. You can retry in (2\d|30) seconds\./);
        // Retry cannot succeed before the wait is over: not offered.
        expect(await status.getByRole('button', { name: 'Retry' }).count()).toBe(0);
        expect(await status.getByRole('button', { name: 'Discard' }).count()).toBe(1);
        await expect
          .poll(() => notice(page).textContent())
          .toMatch(/Slowmode: you can send again in \d+ seconds\./);
        expect(await sendButton(page).isDisabled()).toBe(true);
        expect(await box(page).isDisabled()).toBe(false); // the member may write meanwhile
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(`${viewport.name}: Retry comes once the slowmode's wait is over, and then goes through`, async () => {
      const { page, context } = await widgetPage(
        world.browser,
        world.hub,
        await writer('brisk'),
        markup('brisk'),
        {
          viewport: size,
        },
      );
      try {
        await connected(page);
        await send(page, `Brisk one ${viewport.width}`);
        await page
          .locator('hub-chat article.message.sent', { hasText: `Brisk one ${viewport.width}` })
          .waitFor({ timeout: 10_000 });
        await send(page, `Brisk two ${viewport.width}`);
        const status = row(page, `Brisk two ${viewport.width}`).locator('[part="send-status"]');
        await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain('You can retry in');
        const retry = status.getByRole('button', { name: 'Retry' });
        await retry.waitFor({ timeout: 10_000 });
        await expect.poll(() => notice(page).count()).toBe(0);
        await expect.poll(() => sendButton(page).isDisabled()).toBe(false);
        await retry.click();
        await page
          .locator('hub-chat article.message.sent', { hasText: `Brisk two ${viewport.width}` })
          .waitFor({ timeout: 10_000 });
      } finally {
        await context.close();
      }
    });

    it(`${viewport.name}: a timed-out member is told for how long, and cannot send until then`, async () => {
      const userId = await writer('timed');
      const { page, context } = await widgetPage(world.browser, world.hub, userId, markup('general'), {
        viewport: size,
      });
      try {
        await connected(page);
        const res = await moderator(
          'POST',
          `/api/v1/communities/${world.community.id}/members/${userId}/timeout`,
          {
            durationS: 300,
            reason: 'cool down',
          },
        );
        expect(res.status).toBe(200);
        await send(page, `Can I still talk? ${viewport.width}`);
        const status = row(page, `Can I still talk? ${viewport.width}`).locator(
          '[part="send-status"][role="alert"]',
        );
        await expect
          .poll(() => status.textContent(), { timeout: 10_000 })
          .toContain('Not sent: you are timed out in this community. You can retry in 5 minutes.');
        expect(await status.getByRole('button', { name: 'Retry' }).count()).toBe(0);
        await expect
          .poll(() => notice(page).textContent())
          .toContain('You are timed out in this community: you can send again in 5 minutes.');
        expect(await sendButton(page).isDisabled()).toBe(true);
        await box(page).fill('A draft for later');
        await box(page).press('Enter');
        await renderedAll(page.locator('hub-chat'));
        expect(await box(page).inputValue()).toBe('A draft for later');
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(`${viewport.name}: AutoMod's block says why and gives the text back; a held message is marked`, async () => {
      const author = await writer('automod');
      const { page, context } = await widgetPage(world.browser, world.hub, author, markup('general'), {
        viewport: size,
      });
      const other = await widgetPage(world.browser, world.hub, 'bob', markup('general'), { viewport: size });
      try {
        await Promise.all([connected(page), connected(other.page)]);
        await send(page, 'get free nitro here');
        const blocked = row(page, 'get free nitro here').locator('[part="send-status"][role="alert"]');
        await expect
          .poll(() => blocked.textContent(), { timeout: 10_000 })
          .toContain('Blocked: No scams here.');
        expect(await blocked.getByRole('button', { name: 'Retry' }).count()).toBe(0);
        await blocked.getByRole('button', { name: 'Edit' }).click();
        await expect.poll(() => box(page).inputValue()).toBe('get free nitro here');
        await expect.poll(() => row(page, 'get free nitro here').count()).toBe(0);

        await send(page, `the pipe dope trick ${viewport.width}`);
        const held = row(page, `the pipe dope trick ${viewport.width}`).locator('[part="send-status"]');
        await expect
          .poll(() => held.textContent(), { timeout: 10_000 })
          .toContain('Held for review — only you can see this.');
        expect(await axeViolations(page)).toEqual([]);
        // The others get the next message, never the held one.
        await send(page, `after the held one ${viewport.width}`);
        await row(other.page, `after the held one ${viewport.width}`).waitFor({ timeout: 10_000 });
        expect(await row(other.page, 'pipe dope').count()).toBe(0);
        // The held message stays in its place, above the later one.
        const texts = await page.locator('hub-chat .main article.message .text').allTextContents();
        expect(texts.indexOf(`the pipe dope trick ${viewport.width}`)).toBeLessThan(
          texts.indexOf(`after the held one ${viewport.width}`),
        );
      } finally {
        await Promise.all([context.close(), other.context.close()]);
      }
    });
  }

  it("AutoMod's block gives the files back with the text: the revised message goes with them", async () => {
    const author = `files-${Date.now().toString(36)}`;
    await upsertTestMember(world.hub.url, world.community.id, { userId: author, roles: ['member'] });
    const { page, context } = await widgetPage(world.browser, world.hub, author, markup('general'));
    try {
      await connected(page);
      const composer = page.locator('hub-chat .main hub-chat-composer');
      await attachThroughPicker(composer, {
        name: 'quote.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('three hours, parts included'),
      });
      const chip = composer.locator('[part="upload-chip"][data-state="done"]', { hasText: 'quote.txt' });
      await chip.waitFor();
      await send(page, 'get free nitro here, and my quote');
      const blocked = row(page, 'get free nitro here').locator('[part="send-status"][role="alert"]');
      await expect
        .poll(() => blocked.textContent(), { timeout: 10_000 })
        .toContain('Blocked: No scams here.');
      await blocked.getByRole('button', { name: 'Edit' }).click();
      // The text and the file are back in the composer; the file is not uploaded again.
      await expect.poll(() => box(page).inputValue()).toBe('get free nitro here, and my quote');
      await chip.waitFor();
      await send(page, 'here is my quote');
      const sent = row(page, 'here is my quote');
      await sent.locator('hub-chat-attachments', { hasText: 'quote.txt' }).waitFor({ timeout: 10_000 });
      await expect.poll(() => sent.locator('[part="send-status"]').count(), { timeout: 10_000 }).toBe(0);
      expect(await composer.locator('[part="upload-chip"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
