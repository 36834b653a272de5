// <hub-mod-queue> with <hub-chat> in real Chromium against a real hub: a member reports a
// message, the case reaches the moderator's queue live, the moderator removes the message with
// a reason, and it disappears from the members' screens; the case's audit trail shows it. A
// message AutoMod holds never shows to the other member until the moderator approves it; its
// author sees the decision live (shown normally, or "removed by a moderator" with the reason).
import { describe, expect, it } from 'vitest';
import { apiAs } from '../support/api.js';
import { upsertTestMember } from '../support/community.js';
import { tokenFor } from '../support/tokens.js';
import { BROWSER_TEST_MS, widgetPage, widgetSuite } from './support.js';

describe('<hub-mod-queue> in Chromium', { timeout: BROWSER_TEST_MS }, () => {
  const world = widgetSuite();

  it('a moderator removes a reported message and it disappears for the members', async () => {
    const chat = `<hub-chat community="${world.community.id}" channel="general"></hub-chat>`;
    const ann = await widgetPage(world.browser, world.hub, 'ann', chat);
    const bob = await widgetPage(world.browser, world.hub, 'bob', chat);
    const mod = await widgetPage(
      world.browser,
      world.hub,
      'mod',
      `<hub-mod-queue community="${world.community.id}"></hub-mod-queue>`,
      { roles: ['member', 'moderator'] },
    );
    try {
      await mod.page.locator('hub-mod-queue [part="filters"]').waitFor();
      await expect
        .poll(() => mod.page.locator('hub-mod-queue [part="connection"]').count(), { timeout: 10_000 })
        .toBe(0);
      const box = ann.page.locator('hub-chat .main textarea[part="composer-input"]');
      await box.fill('You are all clueless, honestly');
      await box.press('Enter');
      const onBob = bob.page.locator('hub-chat article.message', { hasText: 'You are all clueless' });
      await onBob.waitFor({ timeout: 10_000 });

      // Bob reports it.
      await onBob.hover();
      await onBob.getByRole('button', { name: 'Report message' }).click();
      const dialog = bob.page.locator('hub-chat dialog');
      await dialog.getByRole('textbox').fill('Insulting the members');
      await dialog.getByRole('button', { name: 'Report message' }).click();
      await bob.page.locator('hub-chat .banner.info', { hasText: 'moderators will review' }).waitFor();

      // The case arrives live in the moderator's queue.
      const item = mod.page.locator('hub-mod-queue button[part="case-item"]', {
        hasText: 'Insulting the members',
      });
      await item.waitFor({ timeout: 10_000 });
      await item.click();
      const flagged = mod.page.locator('hub-mod-queue [part="flagged-message"]');
      await expect.poll(() => flagged.textContent()).toContain('You are all clueless');

      await mod.page.locator('hub-mod-queue textarea#reason').fill('Insults break rule 1');
      await mod.page.locator('hub-mod-queue').getByRole('button', { name: 'Remove', exact: true }).click();
      await mod.page
        .locator('hub-mod-queue [part="decision"]', { hasText: 'Insults break rule 1' })
        .waitFor();

      // Gone for both members.
      await expect
        .poll(
          () => ann.page.locator('hub-chat article.message', { hasText: 'You are all clueless' }).count(),
          {
            timeout: 10_000,
          },
        )
        .toBe(0);
      await expect.poll(() => onBob.count(), { timeout: 10_000 }).toBe(0);

      // The case's audit trail shows the report and the decision.
      await expect
        .poll(() => mod.page.locator('hub-mod-queue [part="audit"] li').allTextContents(), {
          timeout: 10_000,
        })
        .toEqual(expect.arrayContaining([expect.stringContaining('decide')]));
    } finally {
      await Promise.all([ann.context.close(), bob.context.close(), mod.context.close()]);
    }
  });

  it('a message AutoMod hides stays unseen by the other member until a moderator approves it', async () => {
    const { community } = world;
    // The community's owner (createTestCommunity's 'owner') is an administrator.
    const owner = await apiAs(world.hub.url, 'owner');
    const rules = await owner('PUT', `/api/v1/communities/${community.id}/moderation/automod`, {
      rules: [
        {
          name: 'phone numbers',
          kind: 'regex',
          patterns: ['\\b\\d{3}[ -]?\\d{3}[ -]?\\d{4}\\b'],
          actions: [{ type: 'hide' }],
        },
      ],
    });
    expect(rules.status, JSON.stringify(rules.body)).toBe(200);

    const chat = `<hub-chat community="${community.id}" channel="general"></hub-chat>`;
    const ann = await widgetPage(world.browser, world.hub, 'ann', chat);
    const bob = await widgetPage(world.browser, world.hub, 'bob', chat);
    const mod = await widgetPage(
      world.browser,
      world.hub,
      'mod',
      `<hub-mod-queue community="${community.id}"></hub-mod-queue>`,
      { roles: ['member', 'moderator'] },
    );
    const held = 'call the shop at 555 123 4567';
    try {
      await mod.page.locator('hub-mod-queue [part="filters"]').waitFor();
      for (const p of [ann.page, bob.page, mod.page]) {
        await expect.poll(() => p.locator('[part="connection"]').count(), { timeout: 10_000 }).toBe(0);
      }
      const box = ann.page.locator('hub-chat .main textarea[part="composer-input"]');
      await box.fill(held);
      await box.press('Enter');
      await box.fill('and something harmless after it');
      await box.press('Enter');
      // Bob gets the next message live, never the held one.
      await bob.page.locator('hub-chat article.message', { hasText: 'something harmless' }).waitFor();

      // The case arrives in the moderator's queue; its view shows the held text.
      const item = mod.page.locator('hub-mod-queue button[part="case-item"]:has(.source.automod)');
      await item.waitFor({ timeout: 10_000 });
      expect(await bob.page.locator('hub-chat article.message', { hasText: '555 123 4567' }).count()).toBe(0);
      await item.click();
      await expect
        .poll(() => mod.page.locator('hub-mod-queue [part="flagged-message"]').textContent())
        .toContain('555 123 4567');
      // A reload of Bob's list (history over REST) does not show it either.
      await bob.page.reload();
      await bob.page.evaluate(
        async (t) => {
          await customElements.whenDefined('hub-chat');
          const el = document.querySelector<HTMLElement & { tokenProvider?: () => string }>('hub-chat');
          if (el) el.tokenProvider = () => t;
        },
        await tokenFor('bob', { roles: ['member'], name: 'Name bob' }),
      );
      await bob.page.locator('hub-chat article.message', { hasText: 'something harmless' }).waitFor();
      expect(await bob.page.locator('hub-chat article.message', { hasText: '555 123 4567' }).count()).toBe(0);

      await mod.page.locator('hub-mod-queue textarea#reason').fill('A shop’s public number');
      await mod.page.locator('hub-mod-queue').getByRole('button', { name: 'Approve', exact: true }).click();
      await mod.page
        .locator('hub-mod-queue [part="decision"]', { hasText: 'A shop’s public number' })
        .waitFor();

      // Restored for Bob, live, before the later message, by its author; once for Ann.
      const restored = bob.page.locator('hub-chat article.message', { hasText: held });
      await restored.waitFor({ timeout: 10_000 });
      expect(await restored.locator('[part="author"]').textContent()).toBe('Name ann');
      const order = await bob.page.locator('hub-chat .main article.message [part="body"]').allTextContents();
      const at = (text: string) => order.findIndex((t) => t.includes(text));
      expect(at(held)).toBeLessThan(at('something harmless'));
      await expect
        .poll(() => ann.page.locator('hub-chat article.message', { hasText: held }).count(), {
          timeout: 10_000,
        })
        .toBe(1);
      // For its author it is an ordinary message again, no longer marked as held.
      await expect
        .poll(() => ann.page.locator('hub-chat article.message.held', { hasText: held }).count())
        .toBe(0);
    } finally {
      await Promise.all([ann.context.close(), bob.context.close(), mod.context.close()]);
    }
  });
  it('the author of a held message sees, live, that a moderator removed it and why', async () => {
    const { community } = world;
    await upsertTestMember(world.hub.url, community.id, {
      userId: 'invites-owner',
      roles: ['member', 'admin'],
      name: 'Invites owner',
    });
    const owner = await apiAs(world.hub.url, 'invites-owner');
    const rules = await owner('PUT', `/api/v1/communities/${community.id}/moderation/automod`, {
      rules: [{ name: 'no invites', kind: 'keyword', keywords: ['invite*'], actions: [{ type: 'hide' }] }],
    });
    expect(rules.status, JSON.stringify(rules.body)).toBe(200);

    const chat = `<hub-chat community="${community.id}" channel="general"></hub-chat>`;
    const ann = await widgetPage(world.browser, world.hub, 'ann', chat);
    const mod = await widgetPage(
      world.browser,
      world.hub,
      'mod',
      `<hub-mod-queue community="${community.id}"></hub-mod-queue>`,
      { roles: ['member', 'moderator'] },
    );
    const text = 'invites to my server, everyone welcome';
    try {
      await mod.page.locator('hub-mod-queue [part="filters"]').waitFor();
      for (const p of [ann.page, mod.page]) {
        await expect.poll(() => p.locator('[part="connection"]').count(), { timeout: 10_000 }).toBe(0);
      }
      const box = ann.page.locator('hub-chat .main textarea[part="composer-input"]');
      await box.fill(text);
      await box.press('Enter');
      const mine = ann.page.locator('hub-chat article.message', { hasText: text });
      await mine.locator('[part="send-status"][data-code="held"]').waitFor({ timeout: 10_000 });

      // The open AutoMod case (an earlier test's is decided): the one about this message.
      const item = mod.page.locator('hub-mod-queue button[part="case-item"]:has(.source.automod)');
      await item.first().waitFor({ timeout: 10_000 });
      await item.first().click();
      await expect
        .poll(() => mod.page.locator('hub-mod-queue [part="flagged-message"]').textContent())
        .toContain(text);
      await mod.page.locator('hub-mod-queue textarea#reason').fill('No server invites in general');
      await mod.page.locator('hub-mod-queue').getByRole('button', { name: 'Remove', exact: true }).click();
      await mod.page
        .locator('hub-mod-queue [part="decision"]', { hasText: 'No server invites in general' })
        .waitFor();

      // Ann's page learns it at once, without a reload: removed, with the moderator's reason.
      const status = mine.locator('[part="send-status"]');
      await expect
        .poll(() => status.textContent(), { timeout: 10_000 })
        .toContain('Removed by a moderator: No server invites in general');
      expect(await status.textContent()).not.toContain('Held for review');
    } finally {
      await Promise.all([ann.context.close(), mod.context.close()]);
    }
  });

  it('an administrator sets AutoMod levels per category and tests a message before and after saving', async () => {
    const { community } = world;
    await upsertTestMember(world.hub.url, community.id, {
      userId: 'levels-admin',
      roles: ['member', 'admin'],
      name: 'Levels admin',
    });
    let releaseSettings = (): void => undefined;
    const settingsHeld = new Promise<void>((resolve) => (releaseSettings = resolve));
    const admin = await widgetPage(
      world.browser,
      world.hub,
      'levels-admin',
      `<hub-mod-queue community="${community.id}"></hub-mod-queue>`,
      {
        roles: ['member', 'admin'],
        // The stored settings are held until the panel has been seen loading.
        beforeLoad: (ctx) =>
          ctx.route(/\/moderation\/settings$/, async (route) => {
            await settingsHeld;
            await route.continue();
          }),
      },
    );
    try {
      const queue = admin.page.locator('hub-mod-queue');
      await queue.locator('[part="filters"]').waitFor();
      await expect.poll(() => queue.locator('[part="connection"]').count(), { timeout: 10_000 }).toBe(0);
      await queue.getByRole('button', { name: 'AutoMod settings' }).click();
      // Nothing to edit before the stored settings arrive (levels set then would be lost).
      await queue.getByText('Loading the AutoMod settings…').waitFor();
      expect(await queue.locator('[part="settings"] input').count()).toBe(0);
      releaseSettings();
      await queue.locator('[part="settings"] input[name="profanity"]').waitFor();

      // The preview uses the levels on screen, saved or not.
      await queue.locator('input[name="profanity"]').fill('4');
      await queue.locator('textarea[name="sample"]').fill('oh sh-i-t, I forgot');
      await queue.getByRole('button', { name: 'Test', exact: true }).click();
      await queue.locator('[part="preview"]', { hasText: 'Held for review' }).waitFor();
      await expect
        .poll(() => queue.locator('[part="preview"] li').allTextContents())
        .toEqual([expect.stringContaining('profanity (level 4)')]);
      await queue.locator('input[name="profanity"]').fill('2');
      await queue.getByRole('button', { name: 'Test', exact: true }).click();
      await queue.locator('[part="preview"]', { hasText: 'Allowed' }).waitFor();

      await queue.locator('input[name="profanity"]').fill('4');
      await queue.getByRole('button', { name: 'Save levels' }).click();
      await queue.getByText('Levels saved.').waitFor();
      const owner = await apiAs(world.hub.url, 'levels-admin');
      const settings = await owner('GET', `/api/v1/communities/${community.id}/moderation/settings`);
      expect(settings.body['automod']).toMatchObject({ levels: { profanity: 4, sexual: 0 } });
    } finally {
      releaseSettings();
      await admin.context.close();
    }
  });
});
