// Profile pictures in <hub-chat>, in real Chromium against a real hub: the `picture` claim of an
// author's token travels with their message, live and from history after a reload, and shows
// as their avatar, loaded without a referrer; a picture that fails to load leaves the initials;
// a picture that is not https never reaches the page; joining keeps it on the membership. The
// member list shows each present member's membership picture (the one the marketplace set with
// the service API's upsert) over their initials. Pictures are served by the browser context
// from a made-up https origin, which records each request.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { apiAs } from '../support/api.js';
import { upsertTestMember } from '../support/community.js';
import {
  axeViolations,
  BROWSER_TEST_MS,
  shotPath,
  WITH_MODERATE,
  widgetPage,
  widgetSuite,
} from './support.js';

const PICTURES = 'https://pictures.example.test';
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16" fill="#c00"/></svg>';

/** Serves PICTURES/ok.svg (anything else is 404) and records the requests' headers. */
async function servePictures(context: BrowserContext, seen: Record<string, string>[]): Promise<void> {
  await context.route(`${PICTURES}/**`, (route) => {
    seen.push({ url: route.request().url(), ...route.request().headers() });
    return route.request().url().endsWith('/ok.svg')
      ? route.fulfill({ status: 200, contentType: 'image/svg+xml', body: SVG })
      : route.fulfill({ status: 404, body: 'none' });
  });
}

const avatarOf = (page: Page, text: string) =>
  page.locator('hub-chat .main article.message', { hasText: text }).locator('[part="avatar"]');
/** What the avatar shows: the picture (loaded and visible) or the initials. */
const shows = (page: Page, text: string) =>
  avatarOf(page, text).evaluate((el) => {
    const img = el.querySelector('img');
    const loaded = img && !img.hidden && img.complete && img.naturalWidth > 0;
    return loaded ? `picture ${img.getAttribute('src')} ${img.getAttribute('referrerpolicy')}` : 'initials';
  });

async function send(page: Page, text: string): Promise<void> {
  const box = page.locator('hub-chat .main textarea[part="composer-input"]');
  await box.fill(text);
  await box.press('Enter');
  await page.locator('hub-chat .main article.message.sent', { hasText: text }).waitFor({ timeout: 10_000 });
}

describe('<hub-chat> profile pictures in Chromium', { timeout: BROWSER_TEST_MS }, () => {
  let markup: string;

  const world = widgetSuite();

  beforeAll(async () => {
    markup = `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`;
    // cid (an http picture, which the hub leaves out) and dee (none) join as the widgets' users do.
    for (const [user, picture] of [
      ['cid', 'http://pictures.example.test/ok.svg'],
      ['dee', undefined],
    ] as const) {
      const api = await apiAs(world.hub.url, user, { name: `Name ${user}`, ...(picture && { picture }) });
      expect((await api('POST', `/api/v1/communities/${world.community.id}/join`)).status).toBe(200);
    }
  }, 120_000);

  it('keeps the picture of the token a user joins with on their membership, https only', async () => {
    const eve = await apiAs(world.hub.url, 'eve', { name: 'Eve', picture: `${PICTURES}/eve.png` });
    expect((await eve('POST', `/api/v1/communities/${world.community.id}/join`)).status).toBe(200);
    const profiles = await eve(
      'GET',
      `/api/v1/communities/${world.community.id}/member-profiles?userIds=eve,cid`,
    );
    expect(profiles.status).toBe(200);
    const pictures = Object.fromEntries(
      (profiles.body['items'] as { userId: string; picture: string | null }[]).map((p) => [
        p.userId,
        p.picture,
      ]),
    );
    expect(pictures).toEqual({ eve: `${PICTURES}/eve.png`, cid: null });
  });

  it('shows the picture of the token live and after a reload, with initials when it fails or is not https', async () => {
    const seen: Record<string, string>[] = [];
    const options = (picture: string) => ({
      picture,
      beforeLoad: (c: BrowserContext) => servePictures(c, seen),
    });
    const ann = await widgetPage(world.browser, world.hub, 'ann', markup, options(`${PICTURES}/ok.svg`));
    const bob = await widgetPage(world.browser, world.hub, 'bob', markup, options(`${PICTURES}/gone.svg`));
    const cid = await widgetPage(
      world.browser,
      world.hub,
      'cid',
      markup,
      options(`http://pictures.example.test/ok.svg`),
    );
    try {
      await send(ann.page, 'Ann with a picture');
      await send(bob.page, 'Bob whose picture is gone');
      await send(cid.page, 'Cid with an http picture');
      // Live, on bob's page: ann's picture; his own missing one and cid's http one are initials.
      await expect
        .poll(() => shows(bob.page, 'Ann with a picture'), { timeout: 10_000 })
        .toBe(`picture ${PICTURES}/ok.svg no-referrer`);
      await expect
        .poll(() => shows(bob.page, 'Bob whose picture is gone'), { timeout: 10_000 })
        .toBe('initials');
      await bob.page
        .locator('hub-chat .main article.message', { hasText: 'Cid with an http picture' })
        .waitFor();
      expect(await shows(bob.page, 'Cid with an http picture')).toBe('initials');
      expect(await avatarOf(bob.page, 'Cid with an http picture').locator('img').count()).toBe(0);
      expect(await avatarOf(bob.page, 'Bob whose picture is gone').textContent()).toContain('NB');
      // No tracking: the pictures were fetched without a referrer, and http never was.
      expect(seen.length).toBeGreaterThan(0);
      for (const request of seen) expect(request['referer']).toBeUndefined();
      expect(seen.some((r) => r['url']?.startsWith('http:'))).toBe(false);

      await bob.page.locator('hub-chat').screenshot({ path: shotPath('hub-chat-pictures') });
      expect(await axeViolations(bob.page, WITH_MODERATE)).toEqual([]);

      // From history: a new page for dee (no picture of her own) shows ann's, stored with her message.
      const later = await widgetPage(world.browser, world.hub, 'dee', markup, {
        beforeLoad: (c: BrowserContext) => servePictures(c, seen),
      });
      try {
        await later.page
          .locator('hub-chat .main article.message', { hasText: 'Ann with a picture' })
          .waitFor();
        await expect
          .poll(() => shows(later.page, 'Ann with a picture'), { timeout: 10_000 })
          .toBe(`picture ${PICTURES}/ok.svg no-referrer`);
        expect(await shows(later.page, 'Cid with an http picture')).toBe('initials');
      } finally {
        await later.context.close();
      }
    } finally {
      await Promise.all([ann.context.close(), bob.context.close(), cid.context.close()]);
    }
  });

  it("shows each present member's picture in the member list, the marketplace's, over initials", async () => {
    // gil's picture is set by the marketplace (the service API's upsert); hal's fails to load.
    await upsertTestMember(world.hub.url, world.community.id, {
      userId: 'gil',
      roles: ['member'],
      picture: `${PICTURES}/ok.svg`,
    });
    await upsertTestMember(world.hub.url, world.community.id, {
      userId: 'hal',
      roles: ['member'],
      picture: `${PICTURES}/gone.svg`,
    });
    const seen: Record<string, string>[] = [];
    const serve = { beforeLoad: (c: BrowserContext) => servePictures(c, seen) };
    const pages = await Promise.all(
      ['bob', 'gil', 'hal'].map((user) => widgetPage(world.browser, world.hub, user, markup, serve)),
    );
    const bob = pages[0]?.page as Page;
    try {
      await bob.locator('hub-chat .members-toggle').click();
      const members = bob.locator('hub-chat [part="members"]');
      const row = (name: string) => members.locator('li', { hasText: name }).locator('[part="avatar"]');
      const showsRow = (name: string) =>
        row(name).evaluate((el) => {
          const img = el.querySelector('img');
          const loaded = img && !img.hidden && img.complete && img.naturalWidth > 0;
          return loaded
            ? `picture ${img.getAttribute('src')} ${img.getAttribute('referrerpolicy')}`
            : 'initials';
        });
      await row('Name hal').waitFor({ timeout: 10_000 });
      await row('Name gil').waitFor({ timeout: 10_000 });
      await expect
        .poll(() => showsRow('Name gil'), { timeout: 10_000 })
        .toBe(`picture ${PICTURES}/ok.svg no-referrer`);
      // hal's picture was asked for and failed: his initials; bob has none: his initials.
      await expect
        .poll(() => seen.some((r) => r['url']?.endsWith('/gone.svg')), { timeout: 10_000 })
        .toBe(true);
      expect(await showsRow('Name hal')).toBe('initials');
      expect(await row('Name hal').textContent()).toContain('NH');
      expect(await showsRow('Name bob')).toBe('initials');
      expect(await row('Name bob').locator('img').count()).toBe(0);
      for (const request of seen) expect(request['referer']).toBeUndefined();
      await bob.locator('hub-chat').screenshot({ path: shotPath('hub-chat-member-pictures') });
      expect(await axeViolations(bob, WITH_MODERATE)).toEqual([]);
    } finally {
      await Promise.all(pages.map((p) => p.context.close()));
    }
  });
});
