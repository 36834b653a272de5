// Files in the first message of a new support conversation, in real Chromium against a real hub
// node and inbox worker with the Chatwoot contract double: a member with no conversation yet
// pastes an image into <hub-chat>'s "Contact support" form and starts the conversation with the
// image alone; the member sees it in their new conversation, the agent inline in <hub-inbox>, and
// it reaches Chatwoot with the conversation's first message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { buildWidgets } from '../../web-components/build.js';
import { launchChromium } from '../support/browser.js';
import { createTestCommunity } from '../support/community.js';
import { RELAXED_API_LIMITS, SUPPORT_WAIT_MS as WAIT, useSupportStack } from '../support/support-inbox.js';
import { eventually } from '../support/wait.js';
import { inboxPage } from './inbox-page.js';
import { axeViolations, BROWSER_TEST_MS, pastePng, WIDGET_BROWSER_ARGS, widgetPage } from './support.js';

const chat = (page: Page) => page.locator('hub-chat');
const inbox = (page: Page) => page.locator('hub-inbox');

describe('files in the form that starts a support conversation', { timeout: BROWSER_TEST_MS * 2 }, () => {
  const stack = useSupportStack({ name: 'wff', config: { api: RELAXED_API_LIMITS } });
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

  it('an image pasted into the new-conversation form starts it and the agent sees it', async () => {
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c63' } })
      .png()
      .toBuffer();
    const member = await widgetPage(
      browser,
      stack.hub,
      'wff-m',
      `<hub-chat community="${communityId}" channel="general" locale="en"></hub-chat>`,
    );
    const agent = await inboxPage(browser, stack.hub.url);
    const page = member.page;
    try {
      await chat(page).getByRole('button', { name: 'Support', exact: true }).click();
      // No conversation yet: the form (the view's chunk loads on first use: generous).
      const subject = chat(page).getByRole('textbox', { name: 'Subject' });
      await subject.waitFor({ timeout: 45_000 });
      await subject.fill('Leak under the sink');
      // A paste of a file into the first message's box.
      await pastePng(chat(page).getByRole('textbox', { name: 'How can we help?' }), png);
      await chat(page).locator('[part="upload-chip"][data-state="done"]').waitFor({ timeout: WAIT });
      expect(await axeViolations(page)).toEqual([]);
      // The image alone: no text.
      await chat(page).getByRole('button', { name: 'Start conversation' }).click();

      // The member's new conversation shows its image, and no chip is left.
      const own = chat(page).locator('[part~="support-member"] [part="attachment-image"] img');
      await own.waitFor({ timeout: WAIT });
      expect(await own.getAttribute('alt')).toBe('leak.png');
      expect(await chat(page).locator('[part="upload-chip"]').count()).toBe(0);

      // The agent opens it: the image inline.
      await inbox(agent.page)
        .locator('button[part="conversation-item"]', { hasText: 'Leak under the sink' })
        .click({ timeout: WAIT });
      const image = inbox(agent.page).locator('[part~="message"] [part="attachment-image"] img');
      await image.waitFor({ timeout: WAIT });
      expect(await image.getAttribute('alt')).toBe('leak.png');

      // Chatwoot got it with the conversation's first message.
      const there = await eventually(
        () => stack.double.messages.find((m) => (m.attachments ?? []).some((f) => f.name === 'leak.png')),
        WAIT,
      );
      expect([there.content, there.attachments?.map((f) => f.contentType)]).toEqual(['', ['image/png']]);
      expect(stack.double.messages.filter((m) => m.conversationId === there.conversationId)).toHaveLength(1);
    } finally {
      await member.context.close();
      await agent.context.close();
    }
  });
});
