// <hub-inbox> in real Chromium against a real hub node and inbox worker, with the Chatwoot
// contract double (every request checked against Chatwoot's published OpenAPI; webhooks signed
// as Chatwoot signs them): an agent sees a member's support conversation, answers it from the
// widget with a canned response (the reply reaches Chatwoot and the member's socket), labels and
// resolves it, assigns it to another agent by name (the list and the detail name the assignee),
// and a reply written in Chatwoot and a member's new message appear live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { buildWidgets } from '../../web-components/build.js';
import { apiAs } from '../support/api.js';
import { launchChromium } from '../support/browser.js';
import { createTestCommunity, upsertTestMember } from '../support/community.js';
import { RELAXED_API_LIMITS, SUPPORT_WAIT_MS as WAIT, useSupportStack } from '../support/support-inbox.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';
import { axeViolations, BROWSER_TEST_MS, shotPath, WIDGET_BROWSER_ARGS, WITH_MODERATE } from './support.js';
import { inboxPage } from './inbox-page.js';

const item = (page: Page, text: string) =>
  page.locator('hub-inbox button[part="conversation-item"]', { hasText: text });
const message = (page: Page, text: string) => page.locator('hub-inbox [part~="message"]', { hasText: text });

describe('<hub-inbox> in Chromium', { timeout: BROWSER_TEST_MS * 2 }, () => {
  const stack = useSupportStack({
    name: 'wib',
    agents: [
      { id: 1, name: 'Ada' },
      { id: 2, name: 'Grace' },
    ],
    config: { api: RELAXED_API_LIMITS },
  });
  let browser: Browser;
  let communityId: string;

  beforeAll(async () => {
    await buildWidgets();
    const community = await createTestCommunity(stack.hub.url);
    communityId = community.id;
    // Mia is a member who wrote in public: the conversation's side panel shows it.
    await upsertTestMember(stack.hub.url, communityId, {
      userId: 'mia',
      roles: ['member'],
      name: 'Mia Member',
    });
    const mia = await TestClient.connect(stack.hub.wsUrl, await tokenFor('mia', { name: 'Mia Member' }));
    try {
      await mia.ok({
        type: 'publish',
        channel: community.topic('general'),
        data: { body: 'Has anyone else seen payout delays this week?' },
        nonce: randomUUID(),
      });
    } finally {
      mia.close();
    }
    browser = await launchChromium(WIDGET_BROWSER_ARGS);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  }, 60_000);

  it('an agent answers a member from the widget, and Chatwoot and the member stay in sync live', async () => {
    // A member opens a support conversation from a community and listens on their own topic.
    const member = await apiAs(stack.hub.url, 'mia', { name: 'Mia Member' });
    const socket = await TestClient.connect(stack.hub.wsUrl, await tokenFor('mia', { name: 'Mia Member' }));
    await socket.ok({ type: 'subscribe', channel: 'user:mia' });
    const started = await member('POST', '/api/v1/support/conversations', {
      subject: 'Payout missing since Monday',
      message: 'My payout for order 1182 never arrived.',
      communityId,
    });
    expect(started.status).toBe(201);
    const id = (started.body['conversation'] as { id: string }).id;
    const cw = await eventually(() => stack.chatwootConversation(id), WAIT);

    // A second member's conversation, for the list's keyboard navigation.
    const other = await apiAs(stack.hub.url, 'max', { name: 'Max Member' });
    const second = await other('POST', '/api/v1/support/conversations', {
      subject: 'Cannot log in',
      message: 'The login link has expired.',
    });
    expect(second.status).toBe(201);

    const { context, page } = await inboxPage(browser, stack.hub.url);
    try {
      // The conversation is listed, with its SLA countdown; opening it shows the member's context.
      const entry = item(page, 'Payout missing since Monday');
      await entry.waitFor({ timeout: WAIT });
      await expect.poll(() => entry.textContent(), { timeout: WAIT }).toMatch(/First response due in/);
      await item(page, 'Cannot log in').waitFor({ timeout: WAIT });
      // Keyboard: ArrowDown/ArrowUp/Home/End move through the list, whatever its order.
      const focused = () =>
        page.evaluate(
          () =>
            document
              .querySelector('hub-inbox')
              ?.shadowRoot?.activeElement?.getAttribute('data-conversation') ?? '',
        );
      const ids = await page
        .locator('hub-inbox button[part="conversation-item"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation') ?? ''));
      expect(ids).toHaveLength(2);
      await item(page, 'Cannot log in').focus();
      await page.keyboard.press('Home');
      await expect.poll(focused).toBe(ids[0]);
      await page.keyboard.press('ArrowDown');
      await expect.poll(focused).toBe(ids[1]);
      await page.keyboard.press('ArrowUp');
      await expect.poll(focused).toBe(ids[0]);
      await page.keyboard.press('End');
      await expect.poll(focused).toBe(ids[1]);
      await entry.click();
      await expect
        .poll(() => page.evaluate(() => document.querySelector('hub-inbox')?.shadowRoot?.activeElement?.id), {
          timeout: WAIT,
        })
        .toBe('conv-title');
      const context_ = page.locator('hub-inbox [part="context"]');
      await expect.poll(() => context_.textContent(), { timeout: WAIT }).toContain('Mia Member');
      // The community by name (the agent is no member: the name comes from the member's context).
      await expect.poll(() => context_.textContent(), { timeout: WAIT }).toContain('Test community');
      expect(await context_.textContent()).not.toContain(communityId);
      await message(page, 'never arrived').waitFor();
      // The side panel: Mia in the community, her standing and her latest public message.
      const panel = page.locator('hub-inbox [part="member-context"]');
      await panel.locator('[part="member-activity"]', { hasText: 'payout delays this week' }).waitFor();
      expect(await panel.getByRole('heading', { name: 'In the communities' }).count()).toBe(1);
      const standing = await panel.locator('[part="standing"]').textContent();
      expect(standing).toContain('Test community');
      expect(standing).toContain('In good standing');
      expect(await panel.locator('[part="member-activity"]').textContent()).toContain(
        '#general in Test community',
      );

      // A canned response through its `/` shortcut, then a reply from the widget.
      const box = page.locator('hub-inbox textarea[part="composer-input"]');
      await box.click();
      await box.pressSequentially('/hel');
      const option = page.locator('hub-inbox [part="canned"] [role="option"]', { hasText: '/hello' });
      await option.waitFor();
      await box.press('Enter');
      await expect.poll(() => box.inputValue(), { timeout: WAIT }).toBe('Hello! How can we help?');
      await box.pressSequentially(' We are checking order 1182 now.');
      await box.press('Enter');
      const reply = 'Hello! How can we help? We are checking order 1182 now.';
      await message(page, 'checking order 1182').waitFor();
      await expect.poll(() => box.inputValue(), { timeout: WAIT }).toBe('');

      // The reply reaches Chatwoot as an outgoing message, and the member's socket.
      await eventually(
        () =>
          stack.double.messages.find(
            (m) => m.conversationId === cw.id && m.content === reply && m.messageType === 1,
          ),
        WAIT,
      );
      await socket.next(
        (f) =>
          f.type === 'pub' &&
          (f['data'] as { kind?: string }).kind === 'support.message' &&
          JSON.stringify(f).includes('checking order 1182'),
        WAIT,
      );

      // A private note stays with the agents: in the widget, never on the member's socket.
      await page.locator('hub-inbox').getByRole('radio', { name: 'Private note' }).check();
      await box.fill('Ledger shows the payout on hold');
      await page.locator('hub-inbox').getByRole('button', { name: 'Add note' }).click();
      await page.locator('hub-inbox [part~="note"]', { hasText: 'payout on hold' }).waitFor();

      // A reply written in Chatwoot (the double's signed webhook) appears live.
      stack.double.agentReply(cw.id, 'Grace here: the payout was released today.', 2);
      await message(page, 'payout was released today').waitFor({ timeout: WAIT });
      // And the member's next message too.
      expect(
        (await member('POST', `/api/v1/support/conversations/${id}/messages`, { content: 'Thanks, got it!' }))
          .status,
      ).toBe(201);
      await message(page, 'Thanks, got it!').waitFor({ timeout: WAIT });

      // Label and resolve from the widget; both reach Chatwoot.
      const inbox = page.locator('hub-inbox');
      await inbox.getByRole('textbox', { name: 'Labels, separated by commas' }).fill('billing, payouts');
      await inbox.getByRole('button', { name: 'Save labels' }).click();
      await page.locator('hub-inbox [part="label"]', { hasText: 'payouts' }).waitFor();
      await inbox.getByRole('button', { name: 'Resolve' }).click();
      await page.locator('hub-inbox [part="status"]', { hasText: 'Resolved' }).waitFor();
      await eventually(
        () => (cw.status === 'resolved' && cw.labels.includes('payouts') ? cw : undefined),
        WAIT,
      );

      // Assignees by name (GET /support/agents), chosen by name, in the list and the detail alike.
      await inbox.getByRole('combobox', { name: /^Assignee/ }).selectOption({ label: 'Grace' });
      await inbox.getByRole('button', { name: 'Assign', exact: true }).click();
      const assignee = page.locator('hub-inbox dt:text-is("Assignee") + dd');
      await expect.poll(() => assignee.textContent(), { timeout: WAIT }).toContain('Grace');
      await expect.poll(() => entry.textContent(), { timeout: WAIT }).toContain('Grace');
      await eventually(() => (cw.assigneeId === 2 ? cw : undefined), WAIT);
      const shown = await page.evaluate(
        () => document.querySelector('hub-inbox')?.shadowRoot?.textContent ?? '',
      );
      expect(shown).not.toMatch(/Agent \d/);

      expect(
        socket.frames.some((f) => JSON.stringify(f).includes('payout on hold')),
        'a private note reached the member',
      ).toBe(false);

      // Accessible (nothing moderate or worse) in light and dark, at a desktop width and at 390 px,
      // with a conversation open.
      const setTheme = (theme: 'light' | 'dark') =>
        page.evaluate((t) => {
          document.querySelector('hub-inbox')?.setAttribute('theme', t);
          document.body.style.background = t === 'dark' ? '#0f1115' : '#f6f7f9';
        }, theme);
      for (const width of [1200, 390]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
        for (const theme of ['light', 'dark'] as const) {
          await setTheme(theme);
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
          await page.screenshot({ path: shotPath(`hub-inbox-${width}-${theme}`) });
        }
      }
    } finally {
      await context.close();
      socket.close();
    }
  });
});
