// More of <hub-chat>'s attachments in real Chromium against a real hub (GridFS store), in a
// community that lowered the largest file to 50 kB: Cancel during an upload (held by the
// browser's routing) drops the chip and the message goes without it; a file over the
// community's limit shows the limit in words and nothing is sent; files dropped on the channel
// show the "Drop to attach" overlay (axe clean) and are attached, and a channel the member
// cannot send in (an @everyone overwrite) takes none; the thread panel says it is loading until
// its chunk arrives; a thread reply with a dropped file and an image reaches the other member in
// the thread.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import sharp from 'sharp';
import { Permission } from '../../community/permissions/permissions.js';
import { hubApiAs, serviceApi } from '../support/api.js';
import { TEST_OWNER } from '../support/community.js';
import {
  attachThroughPicker,
  axeViolations,
  BROWSER_TEST_MS,
  renderedAll,
  widgetPage,
  widgetSuite,
} from './support.js';

/** The community's own limit (the deployment's is larger). */
const COMMUNITY_MAX_BYTES = 50_000;

const chat = (page: Page) => page.locator('hub-chat');
const composer = (page: Page, where = '.main') => chat(page).locator(`${where} hub-chat-composer`);
const box = (page: Page, where = '.main') => composer(page, where).locator('textarea[part="composer-input"]');
const message = (page: Page, text: string) => chat(page).locator('[part="message"]', { hasText: text });

/** A drag of one file from the desktop over `selector`'s element, as the browser dispatches it. */
function dragFiles(page: Page, selector: string, type: string, name: string, bytes: Buffer): Promise<void> {
  return chat(page)
    .locator(selector)
    .evaluate(
      (el, [type, name, bytes]) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes as number[])], name as string));
        el.dispatchEvent(
          new DragEvent(type as string, {
            dataTransfer: data,
            bubbles: true,
            composed: true,
            cancelable: true,
          }),
        );
      },
      [type, name, [...bytes]] as const,
    );
}

const attach = (page: Page, file: { name: string; mimeType: string; buffer: Buffer }) =>
  attachThroughPicker(composer(page), file);

describe(
  '<hub-chat> attachments in Chromium: cancel, limits, drop, threads',
  { timeout: BROWSER_TEST_MS },
  () => {
    const world = widgetSuite();
    let markup: string;

    beforeAll(async () => {
      markup = `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`;
      const service = await serviceApi(world.hub.url);
      await service.updateCommunity({
        path: { communityId: world.community.id },
        body: { settings: { attachmentMaxBytes: COMMUNITY_MAX_BYTES } },
      });
    }, 120_000);

    const storedFiles = async () =>
      (await world.connection.db?.collection('attachments').countDocuments()) ?? 0;

    it('Cancel during an upload drops the file: the chip goes and the message is sent without it', async () => {
      const ann = await widgetPage(world.browser, world.hub, 'ann', markup);
      try {
        await box(ann.page).waitFor();
        // The upload is held in the browser until the test lets it go (it never does).
        const held: Route[] = [];
        await ann.page.route('**/api/v1/channels/*/attachments', (route) => void held.push(route));
        const before = await storedFiles();
        await attach(ann.page, {
          name: 'big-plan.txt',
          mimeType: 'text/plain',
          buffer: Buffer.alloc(20_000, 'x'),
        });
        const chip = composer(ann.page).locator('[part="upload-chip"]');
        await chip.and(composer(ann.page).locator('[data-state="uploading"]')).waitFor();
        await expect.poll(() => held.length).toBe(1);
        await composer(ann.page).getByRole('button', { name: 'Cancel big-plan.txt' }).click();
        await expect.poll(() => chip.count()).toBe(0);
        await expect.poll(() => box(ann.page).evaluate((area) => area.matches(':focus'))).toBe(true);

        await box(ann.page).fill('the plan comes later');
        await box(ann.page).press('Enter');
        const sent = message(ann.page, 'the plan comes later');
        await sent.and(chat(ann.page).locator('.sent')).waitFor();
        expect(await sent.locator('hub-chat-attachments').count()).toBe(0);
        expect(await storedFiles()).toBe(before);
      } finally {
        await ann.context.close();
      }
    });

    it("a file over the community's limit shows the limit in words, and nothing is sent", async () => {
      const ann = await widgetPage(world.browser, world.hub, 'ann', markup);
      try {
        await box(ann.page).waitFor();
        const before = await storedFiles();
        await attach(ann.page, {
          name: 'scan.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(COMMUNITY_MAX_BYTES + 10_000, ' ')]),
        });
        const error = composer(ann.page).locator('[part="upload-error"]');
        await error.waitFor();
        expect(await error.textContent()).toContain('Too large: files may be at most 50 kB.');
        // No Retry for a file that cannot pass.
        expect(await composer(ann.page).getByRole('button', { name: 'Retry scan.pdf' }).count()).toBe(0);
        const messages = await chat(ann.page).locator('[part="message"]').count();
        await composer(ann.page).locator('[part="send-button"]').click();
        // Nothing is sent: read once the widget has rendered the click.
        await renderedAll(chat(ann.page));
        expect(await chat(ann.page).locator('[part="send-status"]').count()).toBe(0);
        expect(await chat(ann.page).locator('[part="message"]').count()).toBe(messages);
        expect(await storedFiles()).toBe(before);
      } finally {
        await ann.context.close();
      }
    });

    it('files dropped on the channel show "Drop to attach" and are attached', async () => {
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      const ann = await widgetPage(world.browser, world.hub, 'ann', markup);
      try {
        // The channel has loaded and the member may send (and attach) there.
        await expect.poll(() => box(ann.page).isEnabled()).toBe(true);
        // A drag from the desktop over the message list, as the browser dispatches it.
        const drag = (type: string, selector: string) =>
          dragFiles(ann.page, selector, type, 'floor-plan.pdf', pdf);
        await drag('dragenter', '.main [part="message-list"]');
        await drag('dragover', '.main [part="message-list"]');
        const overlay = chat(ann.page).locator('.main [part="drop-zone"]');
        await overlay.waitFor();
        expect(await overlay.textContent()).toContain('Drop to attach');
        expect(await axeViolations(ann.page)).toEqual([]);
        await drag('drop', '.main [part="drop-zone"]');
        await overlay.waitFor({ state: 'detached' });
        await composer(ann.page).locator('[part="upload-chip"][data-state="done"]').waitFor();
        await composer(ann.page).locator('[part="send-button"]').click();
        await chat(ann.page).locator('[part="attachment-file"]', { hasText: 'floor-plan.pdf' }).waitFor();
      } finally {
        await ann.context.close();
      }
    });

    it('a channel the member cannot send in takes no drop', async () => {
      // A channel where @everyone may read but not send.
      const owner = await hubApiAs(world.hub.url, TEST_OWNER);
      await owner.createChannel({
        path: { communityId: world.community.id },
        body: {
          kind: 'text',
          name: 'read-only',
          overwrites: [
            {
              targetType: 'role',
              targetId: world.community.roleIds['everyone'] as string,
              allow: 0,
              deny: Permission.SEND_MESSAGES,
            },
          ],
        },
      });
      const ann = await widgetPage(world.browser, world.hub, 'ann', markup.replace('general', 'read-only'));
      try {
        const list = chat(ann.page).locator('.main [part="message-list"]');
        await list.waitFor({ state: 'attached' });
        // The channel has loaded, with the member's permissions in it.
        await expect
          .poll(() => box(ann.page).getAttribute('aria-label'))
          .toBe('You cannot send messages in this channel.');
        const welcomed = await list.evaluate((el) => {
          const data = new DataTransfer();
          data.items.add(new File(['x'], 'notes.txt', { type: 'text/plain' }));
          const over = new DragEvent('dragover', {
            dataTransfer: data,
            bubbles: true,
            composed: true,
            cancelable: true,
          });
          el.dispatchEvent(over);
          return over.defaultPrevented;
        });
        expect(welcomed).toBe(false);
        // No overlay: read once the widget has rendered the drag.
        await renderedAll(chat(ann.page));
        expect(await chat(ann.page).locator('[part="drop-zone"]').count()).toBe(0);
      } finally {
        await ann.context.close();
      }
    });

    it('an announcement channel is read-only for a member, as the hub decides: no box, no drop', async () => {
      const ann = await widgetPage(
        world.browser,
        world.hub,
        'ann',
        markup.replace('general', 'announcements'),
      );
      try {
        await expect
          .poll(() => box(ann.page).getAttribute('aria-label'))
          .toBe('You cannot send messages in this channel.');
        expect(await box(ann.page).isDisabled()).toBe(true);
        expect(await composer(ann.page).getByRole('button', { name: 'Attach files' }).isDisabled()).toBe(
          true,
        );
      } finally {
        await ann.context.close();
      }
    });

    it('the thread panel says it is loading until its chunk arrives', async () => {
      // The side parts' chunk is held until the loading state has been seen.
      const held: Route[] = [];
      const ann = await widgetPage(world.browser, world.hub, 'ann', markup, {
        beforeLoad: (context) =>
          context.route('**/widgets/chunks/side-parts-*.js', (route) => void held.push(route)),
      });
      try {
        await box(ann.page).fill('Anyone near the station?');
        await box(ann.page).press('Enter');
        const root = message(ann.page, 'Anyone near the station?');
        await root.and(chat(ann.page).locator('.sent')).waitFor();
        await root.hover();
        await root.getByRole('button', { name: 'Start thread' }).click();
        const loading = chat(ann.page).locator('aside.thread[aria-busy="true"]');
        await loading.waitFor();
        expect(await loading.textContent()).toContain('Loading…');
        await expect.poll(() => held.length).toBe(1);
        await held[0]?.continue();
        await box(ann.page, '.thread').waitFor();
        await expect.poll(() => loading.count()).toBe(0);
        // Once the panel is there, its composer has the focus.
        await expect
          .poll(() => box(ann.page, '.thread').evaluate((area) => area.matches(':focus')))
          .toBe(true);
      } finally {
        await ann.context.close();
      }
    });

    it('a thread reply with a dropped file and an image reaches the other member in the thread', async () => {
      const png = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#37a' } })
        .png()
        .toBuffer();
      const ann = await widgetPage(world.browser, world.hub, 'ann', markup);
      const bob = await widgetPage(world.browser, world.hub, 'bob', markup);
      try {
        await box(ann.page).fill('Which valve is it?');
        await box(ann.page).press('Enter');
        const root = message(ann.page, 'Which valve is it?');
        await root.and(chat(ann.page).locator('.sent')).waitFor();
        await root.hover();
        await root.getByRole('button', { name: 'Start thread' }).click();
        await box(ann.page, '.thread').waitFor();
        // A file dropped on the thread panel goes to the thread's composer.
        await dragFiles(
          ann.page,
          '.thread [part="message-list"]',
          'dragover',
          'notes.txt',
          Buffer.from('valve 3'),
        );
        await dragFiles(ann.page, '.thread [part="drop-zone"]', 'drop', 'notes.txt', Buffer.from('valve 3'));
        await composer(ann.page, '.thread')
          .locator('[part="upload-chip"][data-state="done"]', { hasText: 'notes.txt' })
          .waitFor();
        expect(await composer(ann.page).locator('[part="upload-chip"]').count()).toBe(0);
        // The thread's own attach button.
        const chooser = ann.page.waitForEvent('filechooser');
        await composer(ann.page, '.thread').getByRole('button', { name: 'Attach files' }).click();
        await (await chooser).setFiles({ name: 'valve.png', mimeType: 'image/png', buffer: png });
        await composer(ann.page, '.thread').locator('[part="upload-chip"][data-state="done"]').waitFor();
        await box(ann.page, '.thread').fill('this one');
        await box(ann.page, '.thread').press('Enter');

        const link = message(bob.page, 'Which valve is it?').locator('[part="thread-link"]');
        await link.waitFor();
        await link.click();
        const image = chat(bob.page)
          .locator('[part="thread"] [part="message"]', { hasText: 'this one' })
          .locator('[part="attachment-image"] img');
        await image.waitFor();
        expect(await image.getAttribute('alt')).toBe('valve.png');
        await chat(bob.page)
          .locator('[part="thread"] [part="attachment-file"]', { hasText: 'notes.txt' })
          .waitFor();
        const decoded = await image.evaluate(async (img: HTMLImageElement) => {
          await img.decode();
          return img.naturalWidth;
        });
        expect(decoded).toBeGreaterThan(0);
      } finally {
        await Promise.all([ann.context.close(), bob.context.close()]);
      }
    });
  },
);
