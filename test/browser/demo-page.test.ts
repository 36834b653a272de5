// The demo page in real Chromium (Debian's), against a real hub node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { HubNode } from '../../hub/node.js';
import { launchChromium } from '../support/browser.js';
import { startTestHub } from '../support/hub.js';

describe('demo page in Chromium', () => {
  let hub: HubNode;
  let browser: Browser;
  beforeAll(async () => {
    hub = await startTestHub();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.shutdown();
  });

  it('shows the node ready, with each dependency up', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${hub.url}/`);
    expect(response?.url()).toBe(`${hub.url}/demo/`);
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 10_000 })
      .toBe(`Node ${hub.nodeId}: ready`);
    const rows = await page.locator('#checks tr').allTextContents();
    expect(rows.some((r) => r.startsWith('redisup'))).toBe(true);
    expect(rows.some((r) => r.startsWith('mongodbup'))).toBe(true);
    expect(rows.some((r) => r.startsWith('livekitup'))).toBe(true);
  });
});
