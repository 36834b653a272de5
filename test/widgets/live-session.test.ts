// <hub-live-session> in real Chromium (fake camera and microphone) against a real hub and the
// real LiveKit dev server (a private one, whose signed webhooks reach this file's hub, as
// `npm start`'s do: the hosts' participant figures count from them): a host goes live from the
// widget and publishes; a member joins from the widget and receives the host's tracks; the
// member raises a hand, the host invites them and they publish; a question and a poll vote
// travel between them live, a held question reaching the host through the room's hosts-only
// view; axe finds no serious or critical violation in the host's and the member's views,
// light and dark.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiAs, type ApiCall } from '../support/api.js';
import { launchChromium } from '../support/browser.js';
import { PrivateLiveKit } from '../media/private-livekit.js';
import { livePage, MEDIA_BROWSER_ARGS, scheduleSession } from './live-support.js';
import {
  axeViolations,
  BROWSER_TEST_MS,
  shotPath,
  WIDGET_BROWSER_ARGS,
  widgetWorld,
  type WidgetWorld,
} from './support.js';

const WAIT = 30_000;

/** The state of the media element attached for `identity`'s tile (shadow DOM), or null. */
function mediaOf(page: Page, identity: string, kind: 'video' | 'audio') {
  return page.evaluate(
    ([id, k]) => {
      const root = document.querySelector('hub-live-session')?.shadowRoot;
      const el = root?.querySelector<HTMLMediaElement>(`li.tile[data-identity="${id}"] ${k}`);
      const stream = el?.srcObject as MediaStream | null | undefined;
      const track = stream?.getTracks()[0];
      return track ? { readyState: track.readyState, kind: track.kind, muted: track.muted } : null;
    },
    [identity, kind] as const,
  );
}

describe('<hub-live-session> in Chromium against LiveKit', { timeout: BROWSER_TEST_MS * 4 }, () => {
  let world: WidgetWorld;
  let browser: Browser;
  let host: ApiCall;
  let sessionId = '';
  let hostPage: Page;
  let annPage: Page;
  let livekit: PrivateLiveKit;

  beforeAll(async () => {
    livekit = await PrivateLiveKit.reserve();
    world = await widgetWorld({ livekit: { url: livekit.url } });
    await livekit.start(`${world.hub.url}/webhooks/livekit`);
    ({ host, sessionId } = await scheduleSession(world));
    // An AutoMod rule that holds promotional questions for the hosts, set by an administrator.
    // The community's owner (createTestCommunity's 'owner') is an administrator.
    const owner = await apiAs(world.hub.url, 'owner');
    const rules = [{ name: 'promo', kind: 'keyword', keywords: ['buy now'], actions: [{ type: 'hide' }] }];
    const set = await owner('PUT', `/api/v1/communities/${world.community.id}/moderation/automod`, { rules });
    expect(set.status).toBe(200);
    browser = await launchChromium([...WIDGET_BROWSER_ARGS, ...MEDIA_BROWSER_ARGS]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (sessionId) await host?.('POST', `/api/v1/live-sessions/${sessionId}/end`).catch(() => undefined);
    await world?.close();
    await livekit?.stop();
  }, 60_000);

  it('before the start, a member asks to be reminded and saves the calendar file; Join waits', async () => {
    const markup = `<hub-live-session session-id="${sessionId}" locale="en"></hub-live-session>`;
    annPage = (await livePage(browser, world.hub.url, 'ann', markup)).page;
    const remind = annPage.locator('hub-live-session button[part="interest"]');
    await remind.click();
    await expect.poll(() => remind.getAttribute('aria-pressed')).toBe('true');
    await annPage.locator('hub-live-session [part="planning"]', { hasText: '1 interested' }).waitFor();
    expect((await host('GET', `/api/v1/live-sessions/${sessionId}`)).body).toMatchObject({ interested: 1 });
    const download = annPage.waitForEvent('download');
    await annPage.locator('hub-live-session button[part="calendar"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Boiler-clinic.ics');
    const path = await file.path();
    expect(readFileSync(path, 'utf8')).toContain('SUMMARY:Boiler clinic');
    expect(await annPage.locator('hub-live-session button[part="join"]').isDisabled()).toBe(true);
    expect(await axeViolations(annPage)).toEqual([]);
  });

  it('a host goes live and publishes; a member joins and receives the host’s camera and microphone', async () => {
    const markup = `<hub-live-session session-id="${sessionId}" locale="en"></hub-live-session>`;
    hostPage = (await livePage(browser, world.hub.url, 'host', markup)).page;
    const goLive = hostPage.locator('hub-live-session button[part="join"]', { hasText: 'Go live now' });
    await goLive.waitFor({ timeout: WAIT });
    // The pre-join screen lists Chromium's fake devices.
    await expect
      .poll(() => hostPage.locator('hub-live-session #camera-select option').count(), { timeout: WAIT })
      .toBeGreaterThan(0);
    await goLive.click();
    await hostPage.locator('hub-live-session [part~="stage"] li.tile[data-identity="host"]').waitFor({
      timeout: WAIT,
    });
    await expect
      .poll(() => mediaOf(hostPage, 'host', 'video'), { timeout: WAIT })
      .toMatchObject({
        readyState: 'live',
      });
    expect((await host('GET', `/api/v1/live-sessions/${sessionId}`)).body['status']).toBe('live');

    // The member's open pre-join screen learns from the community's timeline that it is live.
    const join = annPage.locator('hub-live-session button[part="join"]', { hasText: 'Join the session' });
    await annPage
      .locator('hub-live-session [part="session-status"]', { hasText: 'Live' })
      .waitFor({ timeout: WAIT });
    expect(await join.isEnabled()).toBe(true);
    await join.click();
    // The host's tile on the member's stage, with the host's video and audio attached and live.
    await annPage.locator('hub-live-session li.tile[data-identity="host"]').waitFor({ timeout: WAIT });
    await expect
      .poll(() => mediaOf(annPage, 'host', 'video'), { timeout: WAIT })
      .toMatchObject({
        kind: 'video',
        readyState: 'live',
      });
    await expect
      .poll(() => mediaOf(annPage, 'host', 'audio'), { timeout: WAIT })
      .toMatchObject({
        kind: 'audio',
        readyState: 'live',
      });
    // The member publishes nothing: they are in the audience, counted on both sides.
    await expect
      .poll(() => annPage.locator('hub-live-session [part="participant-count"]').getAttribute('data-count'))
      .toBe('2');
    await expect
      .poll(() => hostPage.locator('hub-live-session [part="audience-count"]').getAttribute('data-count'), {
        timeout: WAIT,
      })
      .toBe('1');
    // Their live state comes through the session's Colyseus room, which both of them are in.
    const layout = annPage.locator('hub-live-session section.layout');
    await expect.poll(() => layout.getAttribute('data-state-source')).toBe('colyseus');
    await expect.poll(() => layout.getAttribute('data-room-members'), { timeout: WAIT }).toBe('2');
    // LiveKit's webhooks reached the hub: the host's figures count both participants.
    const figure = (label: string) =>
      hostPage.locator('hub-live-session [part="telemetry"] div', { hasText: label }).locator('dd');
    await expect.poll(() => figure('Now').textContent(), { timeout: WAIT }).toBe('2');
    await expect.poll(() => figure('Peak').textContent(), { timeout: WAIT }).toBe('2');
    expect(await annPage.locator('hub-live-session button[part="mic-toggle"]').count()).toBe(0);
    await annPage.locator('hub-live-session').screenshot({ path: shotPath('hub-live-session-member') });
  });

  it('the host shares a screen, and the member sees it as a tile of its own', async () => {
    await hostPage
      .locator('hub-live-session button[part="screen-toggle"]', { hasText: 'Share screen' })
      .click();
    const screen = annPage.locator('hub-live-session li.tile[data-screen="host"] video');
    await screen.waitFor({ timeout: WAIT });
    await expect
      .poll(
        () =>
          annPage.evaluate(() => {
            const root = document.querySelector('hub-live-session')?.shadowRoot;
            const video = root?.querySelector<HTMLVideoElement>('li.tile[data-screen="host"] video');
            return (video?.srcObject as MediaStream | null | undefined)?.getVideoTracks()[0]?.readyState;
          }),
        { timeout: WAIT },
      )
      .toBe('live');
    // Still two people in the room, whatever the tiles.
    expect(
      await annPage.locator('hub-live-session [part="participant-count"]').getAttribute('data-count'),
    ).toBe('2');
    await hostPage
      .locator('hub-live-session button[part="screen-toggle"]', { hasText: 'Stop sharing' })
      .click();
    await screen.waitFor({ state: 'detached', timeout: WAIT });
  });

  it('a raised hand reaches the host, who invites the member; the member then publishes', async () => {
    await annPage.locator('hub-live-session button[part="hand-toggle"]', { hasText: 'Raise hand' }).click();
    const hand = hostPage.locator('hub-live-session li[part="hand"]', { hasText: 'Name ann' });
    await hand.waitFor({ timeout: WAIT });
    // The host's figures count it.
    await hostPage
      .locator('hub-live-session [part="telemetry"] div', { hasText: 'Hands raised' })
      .locator('dd', { hasText: '1' })
      .waitFor({ timeout: WAIT });
    await hand.getByRole('button', { name: 'Invite Name ann on stage' }).click();
    // LiveKit changes the member's permissions: the widget offers the microphone and camera.
    const mic = annPage.locator('hub-live-session button[part="mic-toggle"]', {
      hasText: 'Turn microphone on',
    });
    await mic.waitFor({ timeout: WAIT });
    await mic.click();
    await annPage
      .locator('hub-live-session button[part="mic-toggle"]', { hasText: 'Turn microphone off' })
      .waitFor({ timeout: WAIT });
    // The host hears the new speaker: ann's tile on the host's stage with a live audio track.
    await expect
      .poll(() => mediaOf(hostPage, 'ann', 'audio'), { timeout: WAIT })
      .toMatchObject({
        kind: 'audio',
        readyState: 'live',
      });
    const stage = await host('GET', `/api/v1/live-sessions/${sessionId}/stage`);
    expect(stage.body).toMatchObject({ speakers: ['ann'], hands: [] });
  });

  it('a question asked by the member reaches the host, who marks it answered', async () => {
    const box = annPage.locator('hub-live-session textarea[part="ask-input"]');
    await box.fill('Is a combi boiler worth it for a flat?');
    await box.press('Enter');
    const onHost = hostPage.locator('hub-live-session li[part="question"]', { hasText: 'combi boiler' });
    await onHost.waitFor({ timeout: WAIT });
    // The host upvotes it; the member sees the count move live.
    await onHost.locator('button[part="upvote"]').click();
    await annPage
      .locator('hub-live-session li[part="question"] button[part="upvote"]', { hasText: '1' })
      .waitFor({ timeout: WAIT });
    await onHost.getByRole('button', { name: 'Mark answered' }).click();
    await annPage
      .locator('hub-live-session li[part="question"][data-status="answered"]', { hasText: 'combi boiler' })
      .waitFor({ timeout: WAIT });
  });

  it('a question AutoMod holds waits for the host, who releases it to everyone', async () => {
    // The host's widget learns of it from the room's hosts-only view, reading no Q&A over REST.
    const hostReads: string[] = [];
    const onRequest = (r: { method(): string; url(): string }) => {
      if (r.method() === 'GET' && r.url().includes('/questions')) hostReads.push(r.url());
    };
    hostPage.on('request', onRequest);
    const box = annPage.locator('hub-live-session textarea[part="ask-input"]');
    await box.fill('Buy now: my boiler parts, half price');
    await box.press('Enter');
    await annPage
      .locator('hub-live-session [part="notice"]', { hasText: 'waits for a host to review it' })
      .waitFor({ timeout: WAIT });
    await annPage
      .locator('hub-live-session li[part="question"][data-status="held"]', { hasText: 'boiler parts' })
      .waitFor();
    const held = hostPage.locator('hub-live-session li[part="question"][data-status="held"]', {
      hasText: 'boiler parts',
    });
    await held.waitFor({ timeout: WAIT });
    hostPage.off('request', onRequest);
    expect(hostReads).toEqual([]);
    await held.getByRole('button', { name: 'Release' }).click();
    await annPage
      .locator('hub-live-session li[part="question"][data-status="open"]', { hasText: 'boiler parts' })
      .waitFor({ timeout: WAIT });
  });

  it('a poll the host opens reaches the member, whose vote updates the host’s results', async () => {
    await hostPage.locator('hub-live-session [part="poll-create"] summary').click();
    await hostPage.locator('hub-live-session input[name="poll-question"]').fill('Gas or heat pump?');
    await hostPage.locator('hub-live-session textarea[name="poll-options"]').fill('Gas\nHeat pump');
    await hostPage.locator('hub-live-session [part="poll-create"] button[type="submit"]').click();
    const ballot = annPage.locator('hub-live-session li[part="poll"]', { hasText: 'Gas or heat pump?' });
    await ballot.locator('[part="vote-form"]').waitFor({ timeout: WAIT });
    await ballot.getByRole('radio', { name: 'Heat pump' }).check();
    await ballot.getByRole('button', { name: 'Vote' }).click();
    await ballot.locator('[part="poll-results"]').waitFor({ timeout: WAIT });
    const results = hostPage.locator('hub-live-session li[part="poll"] [part="poll-results"] li');
    await expect.poll(() => results.nth(1).getAttribute('data-count'), { timeout: WAIT }).toBe('1');
    expect(await results.nth(0).getAttribute('data-count')).toBe('0');
  });

  it('reactions sent by the member show as the room’s aggregate on the host’s screen', async () => {
    await annPage.getByRole('button', { name: 'React with 👏' }).click();
    await annPage.getByRole('button', { name: 'React with 👏' }).click();
    await hostPage
      .locator('hub-live-session [part="reaction-burst"] [data-emoji="👏"]')
      .waitFor({ timeout: WAIT });
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation in the room (${theme})`, async () => {
      // The host's device switch open, listing Chromium's fake devices.
      const switcher = hostPage.locator('hub-live-session [part="device-switch"]');
      if ((await switcher.getAttribute('open')) === null) await switcher.locator('summary').click();
      expect(await switcher.locator('option').count()).toBeGreaterThan(1);
      for (const page of [hostPage, annPage]) {
        await page.evaluate(
          (t) => document.querySelector('hub-live-session')?.setAttribute('theme', t),
          theme,
        );
        await page.evaluate((t) => {
          document.body.style.background = t === 'dark' ? '#0f1115' : '#f6f7f9';
        }, theme);
      }
      await hostPage
        .locator('hub-live-session')
        .screenshot({ path: shotPath(`hub-live-session-host-${theme}`) });
      expect(await axeViolations(hostPage)).toEqual([]);
      expect(await axeViolations(annPage)).toEqual([]);
    });
  }

  it('the host moves their microphone to another device while live', async () => {
    const mic = hostPage.locator('hub-live-session [part="device-switch"] select').first();
    const values = await mic
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(values.length).toBeGreaterThan(1);
    await mic.selectOption(values[1] as string);
    await expect.poll(() => mic.inputValue()).toBe(values[1]);
    expect(await hostPage.locator('hub-live-session [role="alert"]').count()).toBe(0);
    await expect
      .poll(() => mediaOf(annPage, 'host', 'audio'), { timeout: WAIT })
      .toMatchObject({
        readyState: 'live',
      });
  });

  it('the host mutes a speaker, sends them back to the audience, and removes a member for good', async () => {
    const annTile = hostPage.locator('hub-live-session li.tile[data-identity="ann"]');
    await annTile.getByRole('button', { name: 'Mute Name ann' }).click();
    // LiveKit mutes the track: the speaker's widget offers to turn the microphone back on.
    await annPage
      .locator('hub-live-session button[part="mic-toggle"]', { hasText: 'Turn microphone on' })
      .waitFor({ timeout: WAIT });
    await annTile.locator('.badge', { hasText: 'muted' }).waitFor({ timeout: WAIT });

    const roleChanged = annPage.evaluate(
      () =>
        new Promise<string>((resolve) =>
          document.addEventListener(
            'hub-live-role-changed',
            (e) => resolve((e as CustomEvent<{ role: string }>).detail.role),
            {
              once: true,
            },
          ),
        ),
    );
    await annTile.getByRole('button', { name: 'To audience: Name ann' }).click();
    expect(await roleChanged).toBe('audience');
    await annPage.locator('hub-live-session button[part="hand-toggle"]').waitFor({ timeout: WAIT });
    expect(await annPage.locator('hub-live-session button[part="mic-toggle"]').count()).toBe(0);
    // Back in the audience, the member raises a hand again; the host lowers it.
    await annPage.locator('hub-live-session button[part="hand-toggle"]', { hasText: 'Raise hand' }).click();
    const hand = hostPage.locator('hub-live-session li[part="hand"]', { hasText: 'Name ann' });
    await hand.getByRole('button', { name: 'Lower the hand of Name ann' }).click();
    await annPage
      .locator('hub-live-session button[part="hand-toggle"]', { hasText: 'Raise hand' })
      .waitFor({ timeout: WAIT });
    await hand.waitFor({ state: 'detached', timeout: WAIT });

    const markup = `<hub-live-session session-id="${sessionId}" locale="en"></hub-live-session>`;
    const bob = await livePage(browser, world.hub.url, 'bob', markup);
    try {
      await bob.page.locator('hub-live-session button[part="join"]', { hasText: 'Join the session' }).click();
      await bob.page.locator('hub-live-session [part="audience"]').waitFor({ timeout: WAIT });
      const row = hostPage.locator('hub-live-session li[part="audience-member"]', { hasText: 'Name bob' });
      await row.waitFor({ timeout: WAIT });
      hostPage.once('dialog', (d) => void d.accept());
      await row.getByRole('button', { name: 'Remove Name bob from the session' }).click();
      await bob.page
        .locator('hub-live-session', { hasText: 'A host removed you from this session.' })
        .waitFor({ timeout: WAIT });
      // No way back in: the hub refuses a new token, and the widget says why.
      await bob.page.locator('hub-live-session button[part="join"]').click();
      await bob.page
        .locator('hub-live-session [role="alert"]', { hasText: 'removed you' })
        .waitFor({ timeout: WAIT });
    } finally {
      await bob.context.close();
    }
  });

  it('ends for everyone when the host ends it', async () => {
    hostPage.once('dialog', (d) => void d.accept());
    await hostPage.locator('hub-live-session button', { hasText: 'End session' }).click();
    await annPage
      .locator('hub-live-session', { hasText: 'The session has ended.' })
      .waitFor({ timeout: WAIT });
    expect((await host('GET', `/api/v1/live-sessions/${sessionId}`)).body['status']).toBe('ended');
    // The host's ended view sums the session up: the audience LiveKit's webhooks counted, the
    // Q&A's outcome, the poll's results and the reactions over time. Members get no summary.
    const summary = hostPage.locator('hub-live-session [part="summary"]');
    await summary.waitFor({ timeout: WAIT });
    const figure = (label: string) => summary.locator('div', { hasText: label }).locator('dd').textContent();
    expect(Number(await figure('Peak'))).toBeGreaterThanOrEqual(2);
    expect(await figure('Questions')).toBe('1/2');
    expect(await figure('Reactions')).toBe('2');
    await summary
      .locator('[part="summary-poll"] li', { hasText: 'Heat pump' })
      .filter({ hasText: '1 vote (' })
      .waitFor();
    // The ended view: no way to join, and it says so.
    await hostPage
      .locator('hub-live-session [part="ended"]', { hasText: 'This session has ended' })
      .waitFor();
    expect(await hostPage.locator('hub-live-session button[part="join"]').count()).toBe(0);
    expect(await summary.locator('[part="summary-reactions"] li').count()).toBeGreaterThan(0);
    expect(await annPage.locator('hub-live-session [part="summary"]').count()).toBe(0);
  });
});
