// Screenshot tests of <hub-inbox> (the support stack: a real hub and inbox worker, the Chatwoot
// contract double) in a fixed state: one conversation of a member of a test community, its
// first message, an agent's reply written in Chatwoot and the member's public message in the
// side panel, opened by the agent; light and dark at each WIDGET_VIEWPORTS width, compared with
// the references in test/widgets/screenshots/. Times read 10:00; the SLA countdowns, which
// move with the clock, are masked (screenshot-shot.ts). The details name the community, and axe
// finds no moderate, serious or critical violation.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildWidgets } from '../../web-components/build.js';
import { apiAs } from '../support/api.js';
import { launchChromium } from '../support/browser.js';
import { createTestCommunity, upsertTestMember } from '../support/community.js';
import { RELAXED_API_LIMITS, SUPPORT_WAIT_MS as WAIT, useSupportStack } from '../support/support-inbox.js';
import { tokenFor } from '../support/tokens.js';
import { eventually } from '../support/wait.js';
import { TestClient } from '../support/ws-client.js';
import { inboxPage } from './inbox-page.js';
import { expectShot } from './screenshot-shot.js';
import {
  axeViolations,
  BROWSER_TEST_MS,
  WIDGET_BROWSER_ARGS,
  WIDGET_VIEWPORTS,
  WITH_MODERATE,
} from './support.js';

describe('<hub-inbox> screenshots against references', { timeout: BROWSER_TEST_MS }, () => {
  const stack = useSupportStack({ name: 'wis', config: { api: RELAXED_API_LIMITS } });
  let browser: Browser;

  beforeAll(async () => {
    await buildWidgets();
    const community = await createTestCommunity(stack.hub.url);
    await upsertTestMember(stack.hub.url, community.id, {
      userId: 'mia',
      roles: ['member'],
      name: 'Mia Member',
    });
    // Mia wrote in public (the side panel shows it), then asks support.
    const socket = await TestClient.connect(stack.hub.wsUrl, await tokenFor('mia', { name: 'Mia Member' }));
    try {
      await socket.ok({
        type: 'publish',
        channel: community.topic('general'),
        data: { body: 'Has anyone else seen payout delays this week?' },
        nonce: randomUUID(),
      });
    } finally {
      socket.close();
    }
    const mia = await apiAs(stack.hub.url, 'mia', { name: 'Mia Member' });
    const started = await mia('POST', '/api/v1/support/conversations', {
      subject: 'Payout missing since Monday',
      message: 'My payout for order 1182 never arrived.',
      communityId: community.id,
    });
    expect(started.status).toBe(201);
    const id = (started.body['conversation'] as { id: string }).id;
    const cw = await eventually(() => stack.chatwootConversation(id), WAIT);
    stack.double.agentReply(cw.id, 'Thanks Mia, we are looking into order 1182.', 1);
    browser = await launchChromium(WIDGET_BROWSER_ARGS);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  }, 60_000);

  for (const { name: size, ...viewport } of WIDGET_VIEWPORTS)
    for (const theme of ['light', 'dark'] as const) {
      it(`<hub-inbox> ${size}-${theme}`, async () => {
        const { page, context } = await inboxPage(browser, stack.hub.url, theme, {
          viewport,
          style: 'display:block;height:700px',
        });
        try {
          const entry = page.locator('hub-inbox button[part="conversation-item"]', {
            hasText: 'Payout missing since Monday',
          });
          await entry.waitFor({ timeout: WAIT });
          await entry.click();
          await page
            .locator('hub-inbox [part~="message"]', { hasText: 'looking into order 1182' })
            .waitFor({ timeout: WAIT });
          await page
            .locator('hub-inbox [part="member-activity"]', { hasText: 'payout delays this week' })
            .waitFor({ timeout: WAIT });
          // The details name the community (from the member's context: the agent, not a member,
          // may not read the community itself), not its id, which differs per run.
          await page
            .locator('hub-inbox [part="context"] dt:text-is("Community") + dd', { hasText: 'Test community' })
            .waitFor({ timeout: WAIT });
          // Masked: the SLA countdowns, which move with the clock.
          await expectShot(page, 'hub-inbox', `hub-inbox-${size}-${theme}`, [
            page.locator('hub-inbox [part="sla"]'),
          ]);
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
});
