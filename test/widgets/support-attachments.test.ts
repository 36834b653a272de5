// Files in the two support widgets, in real Chromium against a real hub node and inbox worker
// with the Chatwoot contract double (every request checked against Chatwoot's published
// OpenAPI): a member pastes an image in <hub-chat>'s support view and the agent sees it inline
// in <hub-inbox> (and in the lightbox); the agent attaches a PDF, the member gets its card and
// downloads the same bytes, and the file reaches Chatwoot; an agent's file written in Chatwoot
// shows on both sides; a refused type says why; Cancel drops a pending upload; a dropped file
// is uploaded and sent alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import sharp from 'sharp';
import { buildWidgets } from '../../web-components/build.js';
import { apiAs } from '../support/api.js';
import { launchChromium } from '../support/browser.js';
import { createTestCommunity } from '../support/community.js';
import { RELAXED_API_LIMITS, SUPPORT_WAIT_MS as WAIT, useSupportStack } from '../support/support-inbox.js';
import { eventually } from '../support/wait.js';
import { inboxPage } from './inbox-page.js';
import {
  axeViolations,
  BROWSER_TEST_MS,
  pastePng,
  WIDGET_BROWSER_ARGS,
  WITH_MODERATE,
  widgetPage,
  attachThroughPicker,
} from './support.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const chat = (page: Page) => page.locator('hub-chat');
const memberBox = (page: Page) => chat(page).getByRole('textbox', { name: 'Message to support' });
const memberMessage = (page: Page, text: string) =>
  page.locator('hub-chat [part~="support-message"]', { hasText: text });
const inbox = (page: Page) => page.locator('hub-inbox');
const inboxMessage = (page: Page, text: string) =>
  page.locator('hub-inbox [part~="message"]', { hasText: text });

describe('files in the support widgets in Chromium', { timeout: BROWSER_TEST_MS * 3 }, () => {
  const stack = useSupportStack({ name: 'wsf', config: { api: RELAXED_API_LIMITS } });
  let browser: Browser;
  let communityId: string;

  beforeAll(async () => {
    await buildWidgets();
    communityId = (await createTestCommunity(stack.hub.url)).id;
    browser = await launchChromium(WIDGET_BROWSER_ARGS);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  }, 60_000);

  /** A member with one support conversation, its <hub-chat> page showing it. */
  async function memberWithConversation(userId: string, subject: string) {
    const api = await apiAs(stack.hub.url, userId, { name: `Name ${userId}` });
    const started = await api('POST', '/api/v1/support/conversations', {
      subject,
      message: `About ${subject}`,
      communityId,
    });
    expect(started.status).toBe(201);
    const id = (started.body['conversation'] as { id: string }).id;
    const cw = await eventually(() => stack.chatwootConversation(id), WAIT);
    const { context, page } = await widgetPage(
      browser,
      stack.hub,
      userId,
      `<hub-chat community="${communityId}" channel="general" locale="en"></hub-chat>`,
    );
    await chat(page).getByRole('button', { name: 'Support', exact: true }).click();
    // Their only conversation opens by itself (the view's chunk loads on first use: generous).
    await memberBox(page).waitFor({ timeout: 45_000 });
    return { id, cw, context, page };
  }

  it('an image the member pastes in the support view shows inline to the agent in <hub-inbox>', async () => {
    const png = await sharp({ create: { width: 600, height: 300, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer();
    const member = await memberWithConversation('sfa', 'Leak under the sink');
    const agent = await inboxPage(browser, stack.hub.url);
    try {
      await pastePng(memberBox(member.page), png);
      await chat(member.page).locator('[part="upload-chip"][data-state="done"]').waitFor({ timeout: WAIT });
      await memberBox(member.page).fill('the leak');
      await memberBox(member.page).press('Enter');
      // The member's own message shows its image, the composer is empty again.
      await memberMessage(member.page, 'the leak').scrollIntoViewIfNeeded({ timeout: WAIT });
      const own = memberMessage(member.page, 'the leak').locator('[part="attachment-image"] img');
      await own.waitFor({ timeout: WAIT });
      expect(await own.getAttribute('alt')).toBe('leak.png');
      expect(await chat(member.page).locator('[part="upload-chip"]').count()).toBe(0);
      expect(await axeViolations(member.page)).toEqual([]);

      // The agent opens the conversation: the member's image inline, its place reserved at
      // 320×160, full size in the lightbox.
      await inbox(agent.page)
        .locator('button[part="conversation-item"]', { hasText: 'Leak under the sink' })
        .click({ timeout: WAIT });
      // Links are read when a message scrolls into view.
      await inboxMessage(agent.page, 'the leak').scrollIntoViewIfNeeded({ timeout: WAIT });
      const image = inboxMessage(agent.page, 'the leak').locator('[part="attachment-image"]');
      await image.locator('img').waitFor({ timeout: WAIT });
      expect(await image.locator('img').getAttribute('alt')).toBe('leak.png');
      expect(Math.round((await image.boundingBox())?.width ?? 0)).toBe(320);
      await image.click();
      const dialog = inbox(agent.page).locator('hub-chat-lightbox dialog');
      await dialog.waitFor();
      const full = await dialog.locator('img').evaluate(async (img: HTMLImageElement) => {
        await img.decode();
        return img.naturalWidth;
      });
      expect(full).toBe(600);
      await agent.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // Focus back on the thumbnail; nothing moderate or worse for axe with the image shown.
      await expect.poll(() => image.evaluate((el) => el.matches(':focus'))).toBe(true);
      expect(await axeViolations(agent.page, WITH_MODERATE)).toEqual([]);

      // It reached Chatwoot with the message, as `attachments[]`.
      const there = await eventually(
        () =>
          stack.double.messages.find((m) => m.conversationId === member.cw.id && m.content === 'the leak'),
        WAIT,
      );
      expect(there.attachments?.map((f) => f.name)).toEqual(['leak.png']);
    } finally {
      await member.context.close();
      await agent.context.close();
    }
  });

  it("the agent's PDF reaches the member as a card that downloads the same bytes; Chatwoot's files show on both sides", async () => {
    const member = await memberWithConversation('sfb', 'Quote for the boiler');
    const agent = await inboxPage(browser, stack.hub.url);
    try {
      await inbox(agent.page)
        .locator('button[part="conversation-item"]', { hasText: 'Quote for the boiler' })
        .click({ timeout: WAIT });
      await inboxMessage(agent.page, 'About Quote for the boiler').waitFor({ timeout: WAIT });
      await attachThroughPicker(inbox(agent.page), {
        name: 'quote.pdf',
        mimeType: 'application/pdf',
        buffer: PDF,
      });
      await inbox(agent.page).locator('[part="upload-chip"][data-state="done"]').waitFor({ timeout: WAIT });
      // A reply may be files alone.
      await inbox(agent.page).getByRole('button', { name: 'Send reply' }).click();
      const agentCard = inbox(agent.page).locator('[part="attachment-file"]', { hasText: 'quote.pdf' });
      await agentCard.waitFor({ timeout: WAIT });
      expect(await inbox(agent.page).locator('[part="upload-chip"]').count()).toBe(0);

      // The member sees the card live (name, size) and its link serves the same bytes.
      const card = chat(member.page).locator('[part~="support-agent"] [part="attachment-file"]', {
        hasText: 'quote.pdf',
      });
      await card.waitFor({ timeout: WAIT });
      await card.scrollIntoViewIfNeeded();
      expect(await card.textContent()).toContain(`${PDF.length} byte`);
      await expect
        .poll(() => card.getAttribute('href'), { timeout: WAIT })
        .toMatch(/\/api\/v1\/attachments\//);
      const href = (await card.getAttribute('href')) ?? '';
      const served = await member.page.evaluate(async (url) => {
        const r = await fetch(url);
        return {
          status: r.status,
          bytes: [...new Uint8Array(await r.arrayBuffer())],
          disposition: r.headers.get('content-disposition'),
        };
      }, href);
      expect(served.status).toBe(200);
      expect(Buffer.from(served.bytes)).toEqual(PDF);
      expect(served.disposition).toMatch(/^attachment/);
      // Chatwoot got it as the reply's file.
      await eventually(
        () =>
          stack.double.messages.find(
            (m) =>
              m.conversationId === member.cw.id &&
              m.messageType === 1 &&
              m.attachments?.some((f) => f.name === 'quote.pdf'),
          ),
        WAIT,
      );

      // An agent's image written in Chatwoot: the hub's own copy, inline on both sides.
      const png = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#a52' } })
        .png()
        .toBuffer();
      stack.double.agentReplyWithFiles(member.cw.id, 'The valve to buy', [
        { name: 'valve.png', contentType: 'image/png', bytes: png },
      ]);
      for (const message of [
        memberMessage(member.page, 'The valve to buy'),
        inboxMessage(agent.page, 'The valve to buy'),
      ]) {
        await message.scrollIntoViewIfNeeded({ timeout: WAIT });
        const img = message.locator('[part="attachment-image"] img');
        await img.waitFor({ timeout: WAIT });
        expect(await img.getAttribute('alt')).toBe('valve.png');
      }
    } finally {
      await member.context.close();
      await agent.context.close();
    }
  });

  it('a refused type says why and sends nothing; Cancel drops a pending upload; a drop attaches', async () => {
    const member = await memberWithConversation('sfc', 'Logo problem');
    const { page } = member;
    try {
      await attachThroughPicker(chat(page), {
        name: 'logo.svg',
        mimeType: 'image/svg+xml',
        buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      });
      const error = chat(page).locator('[part="upload-error"]');
      await error.waitFor({ timeout: WAIT });
      expect(await error.textContent()).toContain('Not allowed: this type of file cannot be shared here.');
      // Nothing to send: Send leaves the conversation as it was.
      const before = await chat(page).locator('[part~="support-message"]').count();
      await chat(page).locator('[part="support-send"]').click();
      await chat(page).getByRole('button', { name: 'Remove logo.svg' }).click();
      await expect.poll(() => chat(page).locator('[part="upload-chip"]').count()).toBe(0);
      await expect.poll(() => memberBox(page).evaluate((area) => area.matches(':focus'))).toBe(true);

      // An upload held in the browser (the test never lets it go), cancelled: the chip goes and
      // the next message is sent without it.
      const held: Route[] = [];
      await page.route('**/api/v1/support/conversations/*/attachments', (route) => void held.push(route));
      await attachThroughPicker(chat(page), {
        name: 'big-plan.txt',
        mimeType: 'text/plain',
        buffer: Buffer.alloc(20_000, 'x'),
      });
      await chat(page).locator('[part="upload-chip"][data-state="uploading"]').waitFor();
      await expect.poll(() => held.length).toBe(1);
      await chat(page).getByRole('button', { name: 'Cancel big-plan.txt' }).click();
      await expect.poll(() => chat(page).locator('[part="upload-chip"]').count()).toBe(0);
      await memberBox(page).fill('the plan comes later');
      await memberBox(page).press('Enter');
      const sent = memberMessage(page, 'the plan comes later');
      await sent.waitFor({ timeout: WAIT });
      expect(await sent.locator('hub-chat-attachments').count()).toBe(0);
      expect(await chat(page).locator('[part~="support-message"]').count()).toBe(before + 1);

      // A file dropped on the conversation: "Drop to attach" while it is dragged over, then the
      // upload; a message of that file alone.
      await page.unroute('**/api/v1/support/conversations/*/attachments');
      const drag = (type: 'dragover' | 'drop') =>
        chat(page)
          .locator('hub-chat-support .scroller')
          .evaluate((el, t) => {
            const data = new DataTransfer();
            data.items.add(new File(['the plan'], 'plan.txt', { type: 'text/plain' }));
            const event = new DragEvent(t, {
              dataTransfer: data,
              bubbles: true,
              composed: true,
              cancelable: true,
            });
            el.dispatchEvent(event);
            return event.defaultPrevented;
          }, type);
      expect(await drag('dragover')).toBe(true);
      await chat(page).locator('[part="drop-zone"]').waitFor();
      expect(await drag('drop')).toBe(true);
      await expect.poll(() => chat(page).locator('[part="drop-zone"]').count()).toBe(0);
      await chat(page).locator('[part="upload-chip"][data-state="done"]').waitFor({ timeout: WAIT });
      expect(await axeViolations(page)).toEqual([]);
      await chat(page).locator('[part="support-send"]').click();
      await chat(page)
        .locator('[part~="support-member"] [part="attachment-file"]', { hasText: 'plan.txt' })
        .waitFor({ timeout: WAIT });

      const history = await (
        await apiAs(stack.hub.url, 'sfc', { name: 'Name sfc' })
      )('GET', `/api/v1/support/conversations/${member.id}`);
      const messages = history.body['messages'] as { content: string; attachments: { name: string }[] }[];
      expect(messages.map((m) => [m.content, m.attachments.map((a) => a.name)])).toEqual([
        ['About Logo problem', []],
        ['the plan comes later', []],
        ['', ['plan.txt']],
      ]);
    } finally {
      await member.context.close();
    }
  });
});
