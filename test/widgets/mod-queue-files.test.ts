// <hub-mod-queue> shows a reported message's files in real Chromium against a real hub: the
// photo as its thumbnail (loaded through the moderator's own signed link), the text file as a
// card with its name, the file the report is about marked; axe-core finds nothing moderate or
// worse.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.js';
import { tokenFor } from '../support/tokens.js';
import { TestClient } from '../support/ws-client.js';
import {
  axeViolations,
  BROWSER_TEST_MS,
  shotPath,
  WITH_MODERATE,
  widgetPage,
  widgetSuite,
} from './support.js';

describe("<hub-mod-queue> shows a case's files", { timeout: BROWSER_TEST_MS }, () => {
  let photoId = '';

  const world = widgetSuite();

  beforeAll(async () => {
    const c = world.community;
    const upload = async (name: string, bytes: Uint8Array) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      const res = await fetch(`${world.hub.url}/api/v1/channels/${c.channels.general}/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokenFor('ann')}` },
        body: form,
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    photoId = await upload('leak.png', photo);
    const notesId = await upload('notes.txt', new TextEncoder().encode('the pipe under the sink'));
    const ann = await TestClient.connect(world.hub.wsUrl, await tokenFor('ann'));
    const sent = await ann.ok({
      type: 'publish',
      channel: c.topic('general'),
      data: { body: 'Here is the leak', attachments: [photoId, notesId] },
      nonce: randomUUID(),
    });
    ann.close();
    const bob = await apiAs(world.hub.url, 'bob');
    const path = `/api/v1/channels/${c.channels.general}/messages/${String(sent['messageId'])}/report`;
    const report = await bob('POST', path, { reason: 'Not a leak', attachmentId: photoId });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
  }, 120_000);

  it('the photo as a loaded thumbnail, the text file as a card, the reported one marked', async () => {
    const { page, context } = await widgetPage(
      world.browser,
      world.hub,
      'mod',
      `<hub-mod-queue community="${world.community.id}"></hub-mod-queue>`,
      { roles: ['member', 'moderator'] },
    );
    try {
      await page.locator('hub-mod-queue button[part="case-item"]').first().click();
      const files = page.locator('hub-mod-queue [part="files"] li');
      await files.nth(1).waitFor();
      expect(await files.count()).toBe(2);
      const thumb = files.nth(0).locator('img');
      await expect
        .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
          timeout: 15_000,
        })
        .toBe(400);
      expect(await files.nth(0).getAttribute('class')).toContain('reported');
      expect(await files.nth(0).locator('mark').textContent()).toBe('Flags');
      expect(await files.nth(1).textContent()).toContain('notes.txt');
      expect(await files.nth(1).locator('img').count()).toBe(0);
      expect(await files.nth(1).getAttribute('class')).not.toContain('reported');
      // The card links to the file through a link made for the moderator.
      const href = (await files.nth(1).locator('a').getAttribute('href')) ?? '';
      expect(new URL(href, world.hub.url).searchParams.get('u')).toBe('mod');
      await page.locator('hub-mod-queue').screenshot({ path: shotPath('hub-mod-queue-files') });
      expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
