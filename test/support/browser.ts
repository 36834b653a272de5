// Debian's Chromium, driven by playwright-core: no browser download, which this network forbids.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env['HUB_TEST_CHROMIUM'] ?? '/usr/bin/chromium';

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
