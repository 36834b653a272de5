// <hub-mod-queue> speaks in names and sentences in real Chromium against a real hub: a
// reported message's case names the reporter and the mentioned member, the decision and the
// audit trail say who did what in words (the moderator as "you"), never ids or action codes;
// axe-core finds nothing moderate or worse, light and dark, at a desktop width and at 390 px.
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

async function send(page: Page, text: string): Promise<void> {
  const box = page.locator('hub-chat .main textarea[part="composer-input"]');
  // The composer is enabled once the channel has loaded, which a loaded machine makes slow.
  await page
    .locator('hub-chat .main textarea[part="composer-input"]:not([disabled])')
    .waitFor({ timeout: 30_000 });
  await box.fill(text);
  await box.press('Enter');
  await page.locator('hub-chat article.message.sent', { hasText: text.slice(-12) }).waitFor();
}

describe('<hub-mod-queue> in words', { timeout: BROWSER_TEST_MS }, () => {
  const world = widgetSuite();

  beforeAll(async () => {
    const c = world.community;
    const chat = `<hub-chat community="${c.id}" channel="general"></hub-chat>`;
    const ann = await widgetPage(world.browser, world.hub, 'ann', chat);
    await send(ann.page, '<@bob> sell me your pipes now, cheap');
    await ann.context.close();
    const bob = await widgetPage(world.browser, world.hub, 'bob', chat);
    await send(bob.page, 'Not interested, thanks');
    await bob.context.close();
    const mod = await apiAs(world.hub.url, 'mod', { roles: ['member', 'moderator'], name: 'Name mod' });
    const bobApi = await apiAs(world.hub.url, 'bob', { name: 'Name bob' });
    const { body } = await mod('GET', `/api/v1/channels/${c.channels.general}/messages`);
    const pushy = (body['items'] as { id: string; body: string }[]).find((m) => m.body.includes('cheap'));
    const report = { reason: 'Pushy tone' };
    const path = `/api/v1/channels/${c.channels.general}/messages/${pushy?.id ?? ''}/report`;
    expect((await bobApi('POST', path, report)).status).toBe(200);
    const cases = (await mod('GET', `/api/v1/communities/${c.id}/cases?status=open`)).body;
    const caseId = (cases['items'] as { id: string }[])[0]?.id ?? '';
    expect((await mod('POST', `/api/v1/cases/${caseId}/claim`)).status).toBe(200);
    const decision = { action: 'warn', reason: 'Be kind' };
    expect((await mod('POST', `/api/v1/cases/${caseId}/decision`, decision)).status).toBe(200);
  }, 120_000);

  for (const viewport of WIDGET_VIEWPORTS)
    for (const theme of ['light', 'dark'] as const) {
      it(`${viewport.name}, ${theme}`, async () => {
        const { page, context } = await widgetPage(
          world.browser,
          world.hub,
          'mod',
          `<hub-mod-queue theme="${theme}" status="" community="${world.community.id}"></hub-mod-queue>`,
          {
            roles: ['member', 'moderator'],
            theme,
            viewport: { width: viewport.width, height: viewport.height },
          },
        );
        try {
          await page.locator('hub-mod-queue button[part="case-item"]').first().click();
          const flagged = page.locator('hub-mod-queue [part="flagged-message"]');
          await flagged.waitFor();
          expect(await flagged.locator('p').textContent()).toContain('@Name bob sell me your pipes');
          const caseView = page.locator('hub-mod-queue [part="case"]');
          expect(await caseView.textContent()).toContain('Claimed by you');
          expect(await caseView.locator('section[aria-labelledby="flags-title"] li').textContent()).toBe(
            'Name bob: Pushy tone',
          );
          expect((await page.locator('hub-mod-queue [part="decision"]').textContent())?.trim()).toBe(
            'Warn by you: Be kind',
          );
          const audit = page.locator('hub-mod-queue [part="audit"] li');
          await audit.nth(1).waitFor();
          const lines = (await audit.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
          expect(lines.some((l) => l.endsWith('You claimed the case'))).toBe(true);
          expect(lines.some((l) => l.endsWith('You decided the case'))).toBe(true);
          expect(await caseView.textContent()).not.toMatch(/case\.\w+|<@/);
          await page
            .locator('hub-mod-queue')
            .screenshot({ path: shotPath(`hub-mod-queue-words-${viewport.name}-${theme}`) });
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
});
