// Taking a widget's screenshot in a fixed state and comparing it with its committed reference:
// every `<time>` the widgets show replaced by one constant, fonts loaded, animations and the
// caret off, and what still moves with the clock (an SLA countdown) masked. Shared by the
// screenshots*.test.ts files.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { compareScreenshot } from './screenshot-compare.js';

/**
 * Replaces every time the widgets show (inside their shadow roots) with one constant, so a shot
 * does not depend on the clock, then waits for fonts.
 */
export async function freezeTimes(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const visit = (root: Document | ShadowRoot) => {
      for (const time of root.querySelectorAll('time'))
        for (const node of time.childNodes) if (node.nodeType === Node.TEXT_NODE) (node as Text).data = '';
      root.querySelectorAll('time').forEach((time) => time.append('10:00'));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    await document.fonts.ready;
  });
}

/** The widget `tag`'s screenshot matches the reference `name` (or rewrites it when updating);
 * `mask` paints over what changes with the clock. */
export async function expectShot(page: Page, tag: string, name: string, mask: Locator[] = []): Promise<void> {
  await freezeTimes(page);
  const png = await page
    .locator(tag)
    .screenshot({ animations: 'disabled', caret: 'hide', mask, maskColor: '#808080' });
  const result = await compareScreenshot(name, png);
  expect(result.outcome, result.message).not.toBe('differs');
}
