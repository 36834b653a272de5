// Screenshot tests: <hub-chat>, <hub-mod-queue> and <hub-timeline> in a fixed state (fixed
// members, names and messages written over the gateway, times replaced by a constant,
// animations and the caret off, fonts loaded: screenshot-shot.ts), light and dark, at each
// WIDGET_VIEWPORTS width, compared with the references in test/widgets/screenshots/
// (screenshot-compare.ts), so a layout or styling regression fails. <hub-inbox>'s and
// <hub-live-session>'s are screenshots-inbox.test.ts and screenshots-live.test.ts.
// `npm run screenshots:update` rewrites the references.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';
import { expectShot } from './screenshot-shot.js';
import { BROWSER_TEST_MS, WIDGET_VIEWPORTS, widgetPage, widgetSuite } from './support.js';

/** The conversation every shot shows, oldest first. */
const MESSAGES: [user: string, body: string][] = [
  ['ann', 'Morning all! Anyone tried the new PEX fittings?'],
  ['bob', 'Yes, they crimp **nicely**. Will post photos.'],
  ['ann', 'Great, can you check the valve order before Friday?'],
  ['bob', 'Sell me your pipes now, cheap cheap cheap'],
];

describe('widget screenshots against references', { timeout: BROWSER_TEST_MS }, () => {
  const world = widgetSuite();

  beforeAll(async () => {
    const c = world.community;
    const ids: string[] = [];
    for (const [user, body] of MESSAGES) {
      const client = await TestClient.connect(
        world.hub.wsUrl,
        await tokenFor(user, { name: `Name ${user}` }),
      );
      const sent = await client.ok({
        type: 'publish',
        channel: c.topic('general'),
        data: { body },
        nonce: randomUUID(),
      });
      ids.push(String(sent['messageId']));
      client.close();
    }
    // Activity on the timeline: a member joins.
    const dave = await apiAs(world.hub.url, 'dave', { name: 'Dave' });
    expect((await dave('POST', `/api/v1/communities/${c.id}/join`)).status).toBe(200);
    // A reaction, and a report of the pushy message (the moderators' case).
    const annApi = await apiAs(world.hub.url, 'ann', { name: 'Name ann' });
    const base = `/api/v1/channels/${c.channels.general}/messages`;
    expect((await annApi('PUT', `${base}/${ids[1] ?? ''}/reactions/👍`)).status).toBe(200);
    expect((await annApi('POST', `${base}/${ids[3] ?? ''}/report`, { reason: 'Pushy tone' })).status).toBe(
      200,
    );
  }, 120_000);

  for (const { name: size, ...viewport } of WIDGET_VIEWPORTS)
    for (const theme of ['light', 'dark'] as const) {
      const look = `${size}-${theme}`;
      const element = (tag: string, extra = '') =>
        `<${tag} theme="${theme}" community="${world.community.id}" ${extra} style="display:block;height:600px"></${tag}>`;

      it(`<hub-chat> ${look}`, async () => {
        const { page, context } = await widgetPage(
          world.browser,
          world.hub,
          'insider',
          element('hub-chat', 'channel="general"'),
          { theme, viewport },
        );
        try {
          await page.locator('hub-chat article.message', { hasText: 'cheap cheap' }).waitFor();
          await page.locator('hub-chat article.message strong', { hasText: 'nicely' }).waitFor();
          await page.locator('hub-chat button[part="reaction"]').waitFor();
          await expect.poll(() => page.locator('hub-chat [part="connection"]').count()).toBe(0);
          await expectShot(page, 'hub-chat', `hub-chat-${look}`);
        } finally {
          await context.close();
        }
      });

      it(`<hub-mod-queue> ${look}`, async () => {
        const { page, context } = await widgetPage(
          world.browser,
          world.hub,
          'mod',
          element('hub-mod-queue'),
          {
            roles: ['member', 'moderator'],
            theme,
            viewport,
          },
        );
        try {
          await page.locator('hub-mod-queue button[part="case-item"]').first().click();
          await page.locator('hub-mod-queue [part="flagged-message"]').waitFor();
          await expectShot(page, 'hub-mod-queue', `hub-mod-queue-${look}`);
        } finally {
          await context.close();
        }
      });

      it(`<hub-timeline> ${look}`, async () => {
        const { page, context } = await widgetPage(
          world.browser,
          world.hub,
          'insider',
          element('hub-timeline'),
          {
            theme,
            viewport,
          },
        );
        try {
          await page.locator('hub-timeline [part="item"]').first().waitFor();
          await expect.poll(() => page.locator('hub-timeline [part="connection"]').count()).toBe(0);
          await expectShot(page, 'hub-timeline', `hub-timeline-${look}`);
        } finally {
          await context.close();
        }
      });
    }
});
