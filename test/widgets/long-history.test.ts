// <hub-chat>'s windowed message list in real Chromium against a real hub: a channel with 2,000
// stored messages keeps only a few rows in the DOM while the member scrolls up through all of
// them (earlier pages load on their own, the view does not jump when they are prepended), and
// the keyboard moves through every message held, not only the rendered ones.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MongoMessageStore } from '../../storage/messages/message-store.mongo.js';
import type { StoredPublication } from '../../storage/messages/message-store.js';
import { insertMessage } from '../../storage/repositories/messages.js';
import { shotPath, widgetPage, widgetSuite } from './support.js';

const HISTORY = 2_000;
/** Rows a 32rem widget may render at once: its viewport and about a screen on each side. */
const ROW_BOUND = 60;
/** The machine is shared: polls wait long. */
const WAIT = { timeout: 10_000 };
const label = (n: number) => `History message ${String(n).padStart(4, '0')}`;

/** The rendered messages of the channel's list, and the first one in view with its offset in it. */
async function listState(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('hub-chat')?.shadowRoot;
    const scroller = root?.querySelector<HTMLElement>('.main .scroller');
    if (!root || !scroller) throw new Error('no message list');
    const view = scroller.getBoundingClientRect();
    const articles = [...scroller.querySelectorAll<HTMLElement>('article.message')];
    const numbers = articles.map((a) =>
      Number(/History message (\d+)/.exec(a.textContent ?? '')?.[1] ?? NaN),
    );
    const firstInView = articles.findIndex((a) => a.getBoundingClientRect().bottom > view.top + 1);
    return {
      rendered: articles.length,
      separators: scroller.querySelectorAll('[part="day-separator"]').length,
      lowest: Math.min(...numbers),
      highest: Math.max(...numbers),
      anchor:
        firstInView >= 0
          ? {
              n: numbers[firstInView],
              top: (articles[firstInView]?.getBoundingClientRect().top ?? 0) - view.top,
            }
          : undefined,
      busy: root.querySelector('.main [part="message-list"]')?.getAttribute('aria-busy') === 'true',
      beginning: root.querySelector('.main .beginning') !== null,
    };
  });
}

/** Where message `n` starts, below the top of the list's viewport. */
async function topOf(page: Page, n: number): Promise<number> {
  const article = page.locator('hub-chat .main article.message', { hasText: label(n) });
  const [box, view] = await Promise.all([
    article.boundingBox(),
    page.locator('hub-chat .main .scroller').boundingBox(),
  ]);
  if (!box || !view) throw new Error(`message ${String(n)} is not rendered`);
  return box.y - view.y;
}

const focusedText = (page: Page) =>
  page.evaluate(() => document.querySelector('hub-chat')?.shadowRoot?.activeElement?.textContent ?? '');

describe('<hub-chat> with a long history in Chromium', { timeout: 120_000 }, () => {
  const world = widgetSuite();

  beforeAll(async () => {
    // Stored history, as an import would write it: offsets 1..n over the past week (day
    // separators), in the messages and in the channel's publication log, which the hub continues
    // from (live messages take the offsets after it).
    const start = Date.now() - HISTORY * 5 * 60_000;
    const offsets = Array.from({ length: HISTORY }, (_, i) => i + 1);
    const log = new MongoMessageStore(world.connection);
    for (let i = 0; i < offsets.length; i += 100) {
      const publications: StoredPublication[] = await Promise.all(
        offsets.slice(i, i + 100).map(async (offset) => {
          const by = offset % 3 === 0 ? { id: 'bob', name: 'Bob' } : { id: 'ann', name: 'Ann' };
          const body =
            offset % 7 === 0 ? `${label(offset)}\nwith a second line to vary heights` : label(offset);
          const ts = start + offset * 5 * 60_000;
          const { message } = await insertMessage(world.connection, {
            channelId: world.community.channels.general,
            communityId: world.community.id,
            offset,
            authorId: by.id,
            authorName: by.name,
            body,
            nonce: `history-${String(offset)}`,
            createdAt: new Date(ts),
          });
          const data = { kind: 'message', id: message._id.toHexString(), body, replyToId: null };
          return {
            channel: world.community.topic('general'),
            offset,
            epoch: 'history',
            data: JSON.stringify({ ...data, mentions: { userIds: [], roleIds: [], everyone: false } }),
            userId: by.id,
            userName: by.name,
            nonce: `history-${String(offset)}`,
            ts,
          };
        }),
      );
      await log.insert(publications);
    }
  }, 180_000);

  it('renders a bounded window while scrolling up through 2,000 messages, anchored', async () => {
    const ann = await widgetPage(
      world.browser,
      world.hub,
      'ann',
      `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`,
    );
    try {
      await ann.page.locator('hub-chat article.message', { hasText: label(HISTORY) }).waitFor();
      const scroller = ann.page.locator('hub-chat .main .scroller');
      let state = await listState(ann.page);
      expect(state.highest).toBe(HISTORY);
      // Each earlier page is held until the test has noted what is in view, then let through.
      const held: (() => void)[] = [];
      await ann.page.route(/\/messages\?.*before=/, async (route) => {
        await new Promise<void>((resolve) => held.push(resolve));
        await route.continue();
      });
      let pages = 0;
      while (!state.beginning) {
        // To the top of what is loaded: the next page is asked for by itself.
        await scroller.evaluate((el) => (el.scrollTop = 0));
        await expect.poll(() => held.length, WAIT).toBe(1);
        await expect.poll(async () => (await listState(ann.page)).busy, WAIT).toBe(true);
        await expect.poll(async () => (await listState(ann.page)).anchor, WAIT).toBeDefined();
        const before = (await listState(ann.page)).anchor;
        for (const release of held.splice(0)) release();
        await expect.poll(async () => (await listState(ann.page)).busy, WAIT).toBe(false);
        state = await listState(ann.page);
        expect(state.rendered).toBeLessThanOrEqual(ROW_BOUND);
        // Prepended above the view: the message that was at the top stays, within two pixels.
        expect(before).toBeDefined();
        const after = await topOf(ann.page, before?.n ?? 0);
        expect(Math.abs(after - (before?.top ?? 0))).toBeLessThanOrEqual(2);
        pages++;
        expect(pages).toBeLessThan(40);
      }
      await ann.page.unroute(/\/messages\?.*before=/);
      await scroller.evaluate((el) => (el.scrollTop = 0));
      await ann.page.locator('hub-chat article.message', { hasText: label(1) }).waitFor();
      state = await listState(ann.page);
      expect(state.lowest).toBe(1);
      expect(state.rendered).toBeLessThanOrEqual(ROW_BOUND);
      expect(state.separators).toBeGreaterThan(0);
      await ann.page.screenshot({ path: shotPath('chat-long-history-top') });

      // The keyboard walks every message held: 150 down from the first, then End and Home.
      await ann.page.locator('hub-chat article.message', { hasText: label(1) }).focus();
      for (let i = 0; i < 150; i++) await ann.page.keyboard.press('ArrowDown');
      await expect.poll(() => focusedText(ann.page), WAIT).toContain(label(151));
      expect((await listState(ann.page)).rendered).toBeLessThanOrEqual(ROW_BOUND + 1);
      await ann.page.keyboard.press('End');
      await expect.poll(() => focusedText(ann.page), WAIT).toContain(label(HISTORY));
      await ann.page.keyboard.press('ArrowUp');
      await expect.poll(() => focusedText(ann.page), WAIT).toContain(label(HISTORY - 1));
      await ann.page.keyboard.press('Home');
      await expect.poll(() => focusedText(ann.page), WAIT).toContain(label(1));
      state = await listState(ann.page);
      expect(state.lowest).toBe(1);
      expect(state.rendered).toBeLessThanOrEqual(ROW_BOUND + 1);
    } finally {
      await ann.context.close();
    }
  });

  it('keeps the view still when a message arrives above the fold, and follows it at the bottom', async () => {
    const markup = `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`;
    const ann = await widgetPage(world.browser, world.hub, 'ann', markup);
    const bob = await widgetPage(world.browser, world.hub, 'bob', markup);
    try {
      await ann.page.locator('hub-chat article.message', { hasText: label(HISTORY) }).waitFor();
      await bob.page.locator('hub-chat article.message', { hasText: label(HISTORY) }).waitFor();
      const scroller = ann.page.locator('hub-chat .main .scroller');
      const received = () =>
        ann.page.evaluate(
          () =>
            new Promise<void>((resolve) =>
              document.addEventListener('hub-message-received', () => resolve(), { once: true }),
            ),
        );
      const send = async (text: string) => {
        const box = bob.page.locator('hub-chat .main textarea[part="composer-input"]');
        await box.fill(text);
        await box.press('Enter');
      };

      // Scrolled up to read: a new message changes nothing in view.
      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight - el.clientHeight - 900));
      await expect.poll(async () => (await listState(ann.page)).anchor, WAIT).toBeDefined();
      const before = (await listState(ann.page)).anchor;
      const arrived = received();
      await send('Live while Ann reads');
      await arrived;
      await ann.page.evaluate(
        () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
      );
      expect(Math.abs((await topOf(ann.page, before?.n ?? 0)) - (before?.top ?? 0))).toBeLessThanOrEqual(2);
      expect(
        await scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight),
      ).toBeGreaterThan(400);

      // At the bottom: the list follows the next one.
      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await ann.page.locator('hub-chat article.message', { hasText: 'Live while Ann reads' }).waitFor();
      await send('Live at the bottom');
      const last = ann.page.locator('hub-chat article.message', { hasText: 'Live at the bottom' });
      await last.waitFor(WAIT);
      await expect
        .poll(() => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight), WAIT)
        .toBeLessThan(2);
      expect((await listState(ann.page)).rendered).toBeLessThanOrEqual(ROW_BOUND);
    } finally {
      await Promise.all([ann.context.close(), bob.context.close()]);
    }
  });
});
