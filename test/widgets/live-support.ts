// Helpers of the <hub-live-session> browser tests: Chromium's fake media flags, a page hosting
// the widget signed in as a member, and a session scheduled by a host of the test community.
import type { Browser } from 'playwright-core';
import { apiAs, type ApiCall } from '../support/api.js';
import { upsertTestMember } from '../support/community.js';
import { tokenFor } from '../support/tokens.js';
import { widgetPage, type WidgetWorld } from './support.js';

/** Chromium's fake camera and microphone, granted without a prompt; audio plays without a click. */
export const MEDIA_BROWSER_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

/** A page with `<hub-live-session>` signed in as `userId` (widgetPage loads the other widgets only). */
export async function livePage(
  browser: Browser,
  hubUrl: string,
  userId: string,
  markup: string,
  options: {
    roles?: string[];
    theme?: 'light' | 'dark';
    viewport?: { width: number; height: number };
  } = {},
) {
  const { context, page } = await widgetPage(
    browser,
    { url: hubUrl } as Parameters<typeof widgetPage>[1],
    userId,
    markup,
    options,
  );
  const token = await tokenFor(userId, { roles: options.roles ?? ['member'], name: `Name ${userId}` });
  await page.addScriptTag({ url: `${hubUrl}/widgets/hub-live-session.js`, type: 'module' });
  await page.evaluate(async (t) => {
    await customElements.whenDefined('hub-live-session');
    const el = document.querySelector('hub-live-session') as HTMLElement & { tokenProvider?: () => string };
    el.tokenProvider = () => t;
  }, token);
  return { context, page };
}

/** Makes `host` a host of the world's community and has them schedule a session (a minute out). */
export async function scheduleSession(
  world: WidgetWorld,
  title = 'Boiler clinic',
): Promise<{ host: ApiCall; sessionId: string }> {
  await upsertTestMember(world.hub.url, world.community.id, { userId: 'host', roles: ['member', 'host'] });
  const host = await apiAs(world.hub.url, 'host', { name: 'Name host' });
  const created = await host('POST', `/api/v1/communities/${world.community.id}/live-sessions`, {
    title,
    description: 'Bring your boiler questions.',
    startsAt: new Date(Date.now() + 60_000).toISOString(),
    durationMin: 30,
    capacity: 20,
  });
  if (created.status !== 201) throw new Error(`test: scheduling failed: ${JSON.stringify(created.body)}`);
  return { host, sessionId: created.body['id'] as string };
}
