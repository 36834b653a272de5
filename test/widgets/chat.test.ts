// <hub-chat> in real Chromium against a real hub (Redis, FerretDB): two members chat live, a
// reaction and an edit reach the other; a message written offline is delivered exactly once.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, WebSocketRoute } from 'playwright-core';
import { apiAs } from '../support/api.js';
import { BROWSER_TEST_MS, widgetPage, widgetSuite } from './support.js';

const message = (page: Page, text: string) => page.locator('hub-chat article.message', { hasText: text });

async function send(page: Page, text: string): Promise<void> {
  const box = page.locator('hub-chat .main textarea[part="composer-input"]');
  await box.fill(text);
  await box.press('Enter');
}

describe('<hub-chat> in Chromium', { timeout: BROWSER_TEST_MS }, () => {
  let markup: string;

  const world = widgetSuite();

  beforeAll(async () => {
    markup = `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`;
  }, 120_000);

  it('two members exchange messages live; a reaction and an edit appear for the other', async () => {
    const ann = await widgetPage(world.browser, world.hub, 'ann', markup);
    const bob = await widgetPage(world.browser, world.hub, 'bob', markup);
    try {
      await expect
        .poll(() => ann.page.locator('hub-chat [part="connection"]').count(), { timeout: 10_000 })
        .toBe(0);
      await expect
        .poll(() => bob.page.locator('hub-chat [part="connection"]').count(), { timeout: 10_000 })
        .toBe(0);

      await send(ann.page, 'Hello from Ann');
      await message(bob.page, 'Hello from Ann').waitFor({ timeout: 10_000 });
      await send(bob.page, 'Hi Ann, Bob here');
      await message(ann.page, 'Hi Ann, Bob here').waitFor({ timeout: 10_000 });

      // Bob reacts to Ann's message.
      const onBob = message(bob.page, 'Hello from Ann');
      await onBob.hover();
      await onBob.getByRole('button', { name: 'Add reaction' }).click();
      await onBob.getByRole('button', { name: 'React with 👍' }).click();
      await message(ann.page, 'Hello from Ann')
        .locator('button[part="reaction"]', { hasText: '👍' })
        .filter({ hasText: '1' })
        .waitFor({ timeout: 10_000 });

      // Ann edits it.
      const onAnn = message(ann.page, 'Hello from Ann');
      await onAnn.hover();
      await onAnn.getByRole('button', { name: 'Edit' }).click();
      const edit = ann.page.locator('hub-chat form.edit textarea');
      await edit.fill('Hello from Ann, edited');
      await edit.press('Enter');
      const edited = message(bob.page, 'Hello from Ann, edited');
      await edited.waitFor({ timeout: 10_000 });
      await expect.poll(() => edited.locator('.edited').count()).toBe(1);
    } finally {
      await ann.context.close();
      await bob.context.close();
    }
  });

  it('a message written offline is delivered exactly once when the connection is back', async () => {
    const ann = await widgetPage(world.browser, world.hub, 'ann', markup);
    const bob = await widgetPage(world.browser, world.hub, 'bob', markup);
    let offline = false;
    const routes: WebSocketRoute[] = [];
    await bob.page.routeWebSocket(/\/ws$/, (ws) => {
      if (offline) return ws.close({ code: 1012, reason: 'offline' });
      routes.push(ws);
      ws.connectToServer();
    });
    try {
      await bob.page.reload();
      await bob.page.evaluate(
        async (t) => {
          await customElements.whenDefined('hub-chat');
          const el = document.querySelector('hub-chat') as HTMLElement & { tokenProvider?: () => string };
          el.tokenProvider = () => t;
        },
        await (await import('../support/tokens.js')).tokenFor('bob', { name: 'Name bob' }),
      );
      await expect
        .poll(() => bob.page.locator('hub-chat [part="connection"]').count(), { timeout: 10_000 })
        .toBe(0);
      await expect
        .poll(() => ann.page.locator('hub-chat [part="connection"]').count(), { timeout: 10_000 })
        .toBe(0);

      // The network goes away: the open socket drops and new ones fail.
      offline = true;
      await bob.context.setOffline(true);
      for (const route of routes.splice(0)) await route.close({ code: 1012, reason: 'offline' });
      await bob.page.locator('hub-chat [part="connection"]').waitFor();

      await send(bob.page, 'Written while offline');
      await bob.page.locator('hub-chat [part="connection"]', { hasText: '1 message will be sent' }).waitFor();
      await expect
        .poll(() => message(bob.page, 'Written while offline').locator('[part="send-status"]').textContent())
        .toContain('Sending');
      expect(await message(ann.page, 'Written while offline').count()).toBe(0);

      offline = false;
      await bob.context.setOffline(false);
      await message(ann.page, 'Written while offline').waitFor({ timeout: 30_000 });
      await expect
        .poll(() => bob.page.locator('hub-chat [part="connection"]').count(), { timeout: 30_000 })
        .toBe(0);
      await expect
        .poll(() => message(bob.page, 'Written while offline').locator('[part="send-status"]').count())
        .toBe(0);
      expect(await message(ann.page, 'Written while offline').count()).toBe(1);
      expect(await message(bob.page, 'Written while offline').count()).toBe(1);

      // And the hub stored it once.
      const api = await apiAs(world.hub.url, 'ann');
      const { body } = await api(
        'GET',
        `/api/v1/channels/${world.community.channels.general}/messages?limit=100`,
      );
      const items = body['items'] as { body: string }[];
      expect(items.filter((m) => m.body === 'Written while offline')).toHaveLength(1);
    } finally {
      await ann.context.close();
      await bob.context.close();
    }
  });

  it('shows an AutoMod refusal inline with its reason, and nothing reaches the others', async () => {
    const c = world.community;
    // The community's owner (createTestCommunity's 'owner') is an administrator.
    const owner = await apiAs(world.hub.url, 'owner');
    const rules = [
      {
        name: 'scam',
        kind: 'keyword',
        keywords: ['free nitro'],
        actions: [{ type: 'block', reason: 'No scams here.' }],
      },
    ];
    expect((await owner('PUT', `/api/v1/communities/${c.id}/moderation/automod`, { rules })).status).toBe(
      200,
    );
    const ann = await widgetPage(world.browser, world.hub, 'ann', markup);
    const bob = await widgetPage(world.browser, world.hub, 'bob', markup);
    try {
      await expect
        .poll(() => ann.page.locator('hub-chat [part="connection"]').count(), { timeout: 10_000 })
        .toBe(0);
      await send(ann.page, 'get FREE n1tro now');
      const refused = message(ann.page, 'get FREE n1tro now').locator('[part="send-status"][role="alert"]');
      await expect
        .poll(() => refused.textContent(), { timeout: 10_000 })
        .toContain('Blocked: No scams here.');
      await send(ann.page, 'A fine message after that');
      await message(bob.page, 'A fine message after that').waitFor({ timeout: 10_000 });
      expect(await message(bob.page, 'n1tro').count()).toBe(0);
    } finally {
      await ann.context.close();
      await bob.context.close();
    }
  });
});
