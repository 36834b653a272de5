// Every widget, light and dark, at a desktop width and at 390 px, in real Chromium against a real
// hub with some content: axe-core finds no moderate, serious or critical violation, and a
// screenshot of each lands in SHOTS_DIR (/tmp/hubbub/shots) for a person to look at.
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
import { livePage, scheduleSession } from './live-support.js';

async function send(page: Page, text: string): Promise<void> {
  const box = page.locator('hub-chat .main textarea[part="composer-input"]');
  await box.fill(text);
  await box.press('Enter');
  await page
    .locator('hub-chat article.message:not(.pending)', { hasText: text.slice(-20) })
    .last()
    .waitFor();
}

describe('widgets: accessibility and screenshots', { timeout: BROWSER_TEST_MS }, () => {
  let chat: string;
  let live: ReturnType<typeof scheduleSession> | undefined;

  const world = widgetSuite();

  beforeAll(async () => {
    const c = world.community;
    chat = `<hub-chat community="${c.id}" channel="general"></hub-chat>`;
    // Some history, written through the widget.
    const ann = await widgetPage(world.browser, world.hub, 'ann', chat);
    await send(ann.page, 'Morning all! Anyone tried the new PEX fittings?');
    await send(ann.page, '<@bob> can you check the valve order before Friday?');
    await ann.context.close();
    const bob = await widgetPage(world.browser, world.hub, 'bob', chat);
    const first = bob.page.locator('hub-chat article.message', { hasText: 'PEX fittings' });
    await first.hover();
    await first.getByRole('button', { name: 'Reply' }).click();
    await send(bob.page, 'Yes, they crimp nicely. Will post photos.');
    await bob.context.close();
    // A reaction, a pin, a report (a case), and activity on the timeline, over the API.
    const mod = await apiAs(world.hub.url, 'mod', { roles: ['member', 'moderator'] });
    const bobApi = await apiAs(world.hub.url, 'bob');
    const { body } = await mod('GET', `/api/v1/channels/${c.channels.general}/messages`);
    const items = body['items'] as { id: string; body: string }[];
    const pex = items.find((m) => m.body.includes('PEX'))?.id ?? '';
    const valve = items.find((m) => m.body.includes('valve'))?.id ?? '';
    expect(
      (await bobApi('PUT', `/api/v1/channels/${c.channels.general}/messages/${pex}/reactions/👍`)).status,
    ).toBe(200);
    expect((await mod('PUT', `/api/v1/channels/${c.channels.general}/pins/${pex}`)).status).toBe(200);
    expect(
      (
        await bobApi('POST', `/api/v1/channels/${c.channels.general}/messages/${valve}/report`, {
          reason: 'Pushy tone',
        })
      ).status,
    ).toBe(200);
    const dave = await apiAs(world.hub.url, 'dave', { name: 'Dave' });
    expect((await dave('POST', `/api/v1/communities/${c.id}/join`)).status).toBe(200);
    expect(
      (await mod('POST', `/api/v1/communities/${c.id}/members/insider/kick`, { reason: 'Spam links' }))
        .status,
    ).toBe(200);
  }, 120_000);

  for (const { name: size, ...viewport } of WIDGET_VIEWPORTS)
    for (const theme of ['light', 'dark'] as const) {
      const look = `${size}, ${theme}`;
      it(`<hub-chat> (${look})`, async () => {
        const { page, context } = await widgetPage(
          world.browser,
          world.hub,
          'bob',
          chat.replace('<hub-chat ', `<hub-chat theme="${theme}" `),
          { theme, viewport },
        );
        try {
          await page.locator('hub-chat article.message', { hasText: 'crimp nicely' }).waitFor();
          // A message's actions shown, then the member list (which covers the channel at 390 px).
          await page.locator('hub-chat article.message', { hasText: 'valve order' }).hover();
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
          await page.locator('hub-chat .members-toggle').click();
          await page.locator('hub-chat [part="members"] li').first().waitFor();
          await page.locator('hub-chat').screenshot({ path: shotPath(`hub-chat-${size}-${theme}`) });
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
        } finally {
          await context.close();
        }
      });

      it(`<hub-mod-queue> (${look})`, async () => {
        const { page, context } = await widgetPage(
          world.browser,
          world.hub,
          'mod',
          `<hub-mod-queue theme="${theme}" community="${world.community.id}"></hub-mod-queue>`,
          { roles: ['member', 'moderator'], theme, viewport },
        );
        try {
          await page.locator('hub-mod-queue button[part="case-item"]').first().click();
          await page.locator('hub-mod-queue [part="flagged-message"]').waitFor();
          await page
            .locator('hub-mod-queue')
            .screenshot({ path: shotPath(`hub-mod-queue-${size}-${theme}`) });
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
        } finally {
          await context.close();
        }
      });

      it(`<hub-live-session> (${look}): pre-join, then in the room as the audience`, async () => {
        // A live session with a question and a poll, scheduled and started by a host over the API.
        const session = await (live ??= scheduleSession(world, 'Accessibility office hours').then(
          async (s) => {
            const base = `/api/v1/live-sessions/${s.sessionId}`;
            expect((await s.host('POST', `${base}/start`)).status).toBe(200);
            expect(
              (await s.host('POST', `${base}/questions`, { text: 'Are the slides shared?' })).status,
            ).toBe(201);
            const poll = { question: 'Next topic?', options: ['Valves', 'Boilers'] };
            expect((await s.host('POST', `${base}/polls`, poll)).status).toBe(201);
            return s;
          },
        ));
        const { page, context } = await livePage(
          world.browser,
          world.hub.url,
          'bob',
          `<hub-live-session theme="${theme}" session-id="${session.sessionId}"></hub-live-session>`,
          { theme, viewport },
        );
        try {
          await page.locator('hub-live-session button[part="join"]').waitFor();
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
          await page.locator('hub-live-session button[part="join"]').click();
          await page.locator('hub-live-session li[part="poll"]', { hasText: 'Next topic?' }).waitFor();
          await page.locator('hub-live-session li[part="question"]').first().waitFor();
          await page
            .locator('hub-live-session')
            .screenshot({ path: shotPath(`hub-live-session-${size}-${theme}`) });
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
        } finally {
          await context.close();
        }
      });

      it(`<hub-timeline> (${look})`, async () => {
        const { page, context } = await widgetPage(
          world.browser,
          world.hub,
          'ann',
          `<hub-timeline theme="${theme}" community="${world.community.id}"></hub-timeline>`,
          { theme, viewport },
        );
        try {
          await page.locator('hub-timeline [part="item"]', { hasText: 'removed' }).waitFor();
          // A live session's start (the test above started one) is a sentence with its title.
          await page
            .locator('hub-timeline [part="item"]', {
              hasText: 'A live session started: “Accessibility office hours”',
            })
            .waitFor();
          expect(await page.locator('hub-timeline [part="feed"]').textContent()).not.toContain(
            'live_session',
          );
          await page.locator('hub-timeline').screenshot({ path: shotPath(`hub-timeline-${size}-${theme}`) });
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
});
