// Screenshot tests of <hub-live-session> in two fixed states without real video: a member's view
// of a session scheduled for a fixed date (the pre-join screen: reminder, calendar, devices; Join
// waiting), and a host's view of a session that went live and ended through the API, with its
// summary (a question answered of two, a poll with its votes, no audience in LiveKit); light and
// dark at each WIDGET_VIEWPORTS width, against the references in test/widgets/screenshots/, and
// with no moderate, serious or critical axe violation.
// Times read 10:00 (screenshot-shot.ts); the scheduled start is a constant.
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type ApiCall } from '../support/api.js';
import { upsertTestMember } from '../support/community.js';
import { livePage } from './live-support.js';
import { expectShot } from './screenshot-shot.js';
import { axeViolations, BROWSER_TEST_MS, WIDGET_VIEWPORTS, WITH_MODERATE, widgetSuite } from './support.js';

/** A start far ahead and fixed, so the pre-join screen's date is the same on every run. */
const STARTS_AT = '2035-06-15T10:00:00.000Z';
const WAIT = 30_000;

describe('<hub-live-session> screenshots against references', { timeout: BROWSER_TEST_MS }, () => {
  const world = widgetSuite();
  let scheduledId = '';
  let endedId = '';

  beforeAll(async () => {
    const c = world.community;
    await upsertTestMember(world.hub.url, c.id, { userId: 'host', roles: ['member', 'host'] });
    const host = await apiAs(world.hub.url, 'host', { name: 'Name host' });
    const ann = await apiAs(world.hub.url, 'ann', { name: 'Name ann' });
    const bob = await apiAs(world.hub.url, 'bob', { name: 'Name bob' });
    const ok = async (call: ReturnType<ApiCall>, status = 200) => {
      const res = await call;
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      return res.body;
    };
    const schedule = async (title: string) =>
      (
        await ok(
          host('POST', `/api/v1/communities/${c.id}/live-sessions`, {
            title,
            description: 'Bring your boiler questions.',
            startsAt: STARTS_AT,
            durationMin: 45,
            capacity: 50,
          }),
          201,
        )
      )['id'] as string;
    scheduledId = await schedule('Boiler clinic');
    endedId = await schedule('Winter pipes Q&A');

    // The ended one went live, had a question answered of two and a poll, and ended.
    const base = `/api/v1/live-sessions/${endedId}`;
    await ok(host('POST', `${base}/start`));
    const asked = await ok(ann('POST', `${base}/questions`, { text: 'How do I bleed a radiator?' }), 201);
    await ok(bob('POST', `${base}/questions`, { text: 'Which pipe lagging is best?' }), 201);
    const questionId = asked['id'] as string;
    await ok(host('PUT', `${base}/questions/${questionId}/status`, { status: 'answered' }));
    const poll = await ok(
      host('POST', `${base}/polls`, { question: 'Your heating?', options: ['Gas boiler', 'Heat pump'] }),
      201,
    );
    const pollId = poll['id'] as string;
    await ok(ann('POST', `${base}/polls/${pollId}/votes`, { choices: [1] }));
    await ok(bob('POST', `${base}/polls/${pollId}/votes`, { choices: [1] }));
    await ok(host('POST', `${base}/end`));
  }, 120_000);

  for (const { name: size, ...viewport } of WIDGET_VIEWPORTS)
    for (const theme of ['light', 'dark'] as const) {
      const markup = (id: string) =>
        `<hub-live-session session-id="${id}" theme="${theme}" locale="en" style="display:block;height:700px"></hub-live-session>`;

      it(`<hub-live-session> scheduled, ${size}-${theme}`, async () => {
        const { page, context } = await livePage(world.browser, world.hub.url, 'ann', markup(scheduledId), {
          theme,
          viewport,
        });
        try {
          await page.locator('hub-live-session button[part="interest"]').waitFor({ timeout: WAIT });
          await page.locator('hub-live-session', { hasText: 'Boiler clinic' }).waitFor();
          await page.locator('hub-live-session [part="planning"]', { hasText: '0 interested' }).waitFor();
          await expectShot(page, 'hub-live-session', `hub-live-session-scheduled-${size}-${theme}`);
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
        } finally {
          await context.close();
        }
      });

      it(`<hub-live-session> ended with its summary, ${size}-${theme}`, async () => {
        const { page, context } = await livePage(world.browser, world.hub.url, 'host', markup(endedId), {
          roles: ['member'],
          theme,
          viewport,
        });
        try {
          const summary = page.locator('hub-live-session [part="summary"]');
          await summary.locator('[part="summary-poll"]', { hasText: 'Heat pump' }).waitFor({ timeout: WAIT });
          // The ended view: no way to join, and it says so.
          await page
            .locator('hub-live-session [part="ended"]', { hasText: 'This session has ended' })
            .waitFor();
          expect(await page.locator('hub-live-session button[part="join"]').count()).toBe(0);
          await expectShot(page, 'hub-live-session', `hub-live-session-ended-${size}-${theme}`);
          expect(await axeViolations(page, WITH_MODERATE)).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
});
