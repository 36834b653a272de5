// Helpers of the widgets' browser tests: a real hub with a community of its own (made through
// the service API), the widgets built (cached), Debian's Chromium launched once per file
// (widgetSuite), and pages that host a widget with a member's token.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { buildWidgets } from '../../web-components/build.js';
import type { HubNode } from '../../hub/node.js';
import { launchChromium } from '../support/browser.js';
import { createTestCommunity, testDatabase, type TestCommunity } from '../support/community.js';
import { startTestHub } from '../support/hub.js';
import { tokenFor } from '../support/tokens.js';

/**
 * Test pages are served by the browser context (route.fulfill), which Chromium's Local Network
 * Access treats as a public origin: let it reach the hub on loopback, as a same-origin page does.
 */
export const WIDGET_BROWSER_ARGS = [
  '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests',
];

/** Browser tests share two cores with everything else: a generous timeout per test. */
/** The widths every widget's layout and accessibility tests run at: a desktop and a phone. */
export const WIDGET_VIEWPORTS = [
  { name: 'desktop', width: 1200, height: 800 },
  { name: '390px', width: 390, height: 844 },
] as const;

export const BROWSER_TEST_MS = 60_000;

export const SHOTS_DIR = process.env['HUB_TEST_SHOTS'] ?? '/tmp/hubbub/shots';

export interface WidgetWorld {
  hub: HubNode & { wsUrl: string };
  community: TestCommunity;
  connection: Awaited<ReturnType<typeof testDatabase>>['connection'];
  close(): Promise<void>;
}

/** Builds the widgets (skipped when unchanged), a database and a hub on it, and a community made
 * through the service API (createTestCommunity: its owner 'owner' is an admin);
 * `hubConfig` adds config sections (e.g. `livekit: {url}` for a test's own LiveKit). */
export async function widgetWorld(hubConfig: Record<string, unknown> = {}): Promise<WidgetWorld> {
  await buildWidgets();
  const db = await testDatabase();
  const hub = await startTestHub({
    mongodb: { url: db.url },
    redis: { keyPrefix: `wdg${randomUUID().slice(0, 6)}` },
    api: { ipBurst: 5_000, ipRatePerS: 1_000, userBurst: 5_000, userRatePerS: 1_000 },
    ...hubConfig,
  });
  const community = await createTestCommunity(hub.url);
  return {
    hub,
    community,
    connection: db.connection,
    close: async () => {
      await hub.shutdown();
      await db.drop();
    },
  };
}

/** A test file's world and its Chromium, filled in by widgetSuite's beforeAll. */
export type WidgetSuite = WidgetWorld & { browser: Browser };

/**
 * The set-up every widget test file shares: registers a beforeAll that makes a widgetWorld and
 * launches Chromium (WIDGET_BROWSER_ARGS plus `browserArgs`), and an afterAll that closes both.
 * The returned object is filled in place, so a file keeps it in a `const` and reads it in its
 * own hooks (registered after this call, they run after it) and tests.
 */
export function widgetSuite(
  options: { browserArgs?: string[]; hubConfig?: () => Record<string, unknown> } = {},
): WidgetSuite {
  const suite = {} as WidgetSuite;
  let world: WidgetWorld | undefined;
  beforeAll(async () => {
    world = await widgetWorld(options.hubConfig?.() ?? {});
    const browser = await launchChromium([...WIDGET_BROWSER_ARGS, ...(options.browserArgs ?? [])]);
    Object.assign(suite, world, { browser });
  }, 120_000);
  afterAll(async () => {
    await suite.browser?.close();
    await world?.close();
  }, 60_000);
  return suite;
}

export interface WidgetPage {
  context: BrowserContext;
  page: Page;
}

/**
 * A page of the hub's origin hosting `markup` (a widget element) with the user's token, the
 * widget modules loaded from /widgets/. `theme` sets the page's own colours to match.
 */
export async function widgetPage(
  browser: Browser,
  hub: HubNode,
  userId: string,
  markup: string,
  options: {
    roles?: string[];
    /** The token's profile picture claim. */
    picture?: string;
    theme?: 'light' | 'dark';
    viewport?: { width: number; height: number };
    /** Runs before the page loads: to hold or alter the widgets' requests (`context.route`). */
    beforeLoad?: (context: BrowserContext) => Promise<unknown>;
  } = {},
): Promise<WidgetPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1200, height: 800 } });
  await options.beforeLoad?.(context);
  // Under the test timeout (BROWSER_TEST_MS), so a stuck step names itself.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const token = await tokenFor(userId, {
    roles: options.roles ?? ['member'],
    name: `Name ${userId}`,
    ...(options.picture !== undefined && { picture: options.picture }),
  });
  const dark = options.theme === 'dark';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>widget test</title>
    <style>body{margin:0;padding:16px;font-family:sans-serif;background:${dark ? '#0f1115' : '#f6f7f9'};}</style>
    <script type="module" src="/widgets/hub-chat.js"></script>
    <script type="module" src="/widgets/hub-mod-queue.js"></script>
    <script type="module" src="/widgets/hub-timeline.js"></script>
    </head><body><main>${markup}</main></body></html>`;
  // A page of the hub's own origin (the widgets' modules and API are same-origin), served by
  // the browser context itself.
  await context.route(`${hub.url}/widget-test`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.goto(`${hub.url}/widget-test`);
  await page.evaluate(async (t) => {
    await Promise.all(
      ['hub-chat', 'hub-mod-queue', 'hub-timeline'].map((n) => customElements.whenDefined(n)),
    );
    for (const el of document.querySelectorAll<HTMLElement & { tokenProvider?: () => string }>(
      'hub-chat, hub-mod-queue, hub-timeline',
    )) {
      el.tokenProvider = () => t;
    }
  }, token);
  return { context, page };
}

/**
 * Waits until the widget `scope` and every Lit element inside it (light DOM and shadow roots)
 * have rendered all their pending updates: for a read that asserts an action changed nothing
 * (a poll would pass before the action's effect could show). Rounds until no element has an
 * update pending, as an update may start others (a child given new properties).
 */
export async function renderedAll(scope: Locator): Promise<void> {
  await scope.evaluate(async (root) => {
    type Updating = Element & { updateComplete?: Promise<boolean> };
    const within = (node: Element | ShadowRoot, found: Element[] = []): Element[] => {
      for (const child of node.children) {
        found.push(child);
        within(child, found);
        if (child.shadowRoot) within(child.shadowRoot, found);
      }
      return found;
    };
    for (let round = 0; round < 20; round++) {
      const elements = [root, ...within(root), ...(root.shadowRoot ? within(root.shadowRoot) : [])];
      const done = await Promise.all(
        elements.map((el) => (el as Updating).updateComplete ?? Promise.resolve(true)),
      );
      if (done.every(Boolean)) return;
    }
    throw new Error('test: the widget kept updating');
  });
}

/** The impacts a check fails on by default; `WITH_MODERATE` adds moderate ones. */
export const SERIOUS = ['serious', 'critical'];
export const WITH_MODERATE = ['moderate', 'serious', 'critical'];

/** axe-core violations of the given impacts on the page (shadow roots included). */
export async function axeViolations(
  page: Page,
  impacts: readonly string[] = SERIOUS,
): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const require = createRequire(import.meta.url);
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async (impacts) => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string; nodes: { target: unknown[]; failureSummary: string }[] }[];
    }
    // Whether the page has an <h1> is the embedding page's business, not a widget's.
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      rules: { 'page-has-heading-one': { enabled: false } },
    });
    return result.violations
      .filter((v) => impacts.includes(v.impact))
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary}`),
      }));
  }, impacts);
}

export function shotPath(name: string): string {
  mkdirSync(SHOTS_DIR, { recursive: true });
  return `${SHOTS_DIR}/${name}.png`;
}

/** Picks a file through the "Attach files" button inside `scope`, as a person does. */
export async function attachThroughPicker(
  scope: Locator,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  const chooser = scope.page().waitForEvent('filechooser');
  await scope.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles(file);
}

/** A paste of one PNG into the element, as the clipboard gives it. */
export async function pastePng(target: Locator, png: Buffer, name = 'leak.png'): Promise<void> {
  await target.evaluate(
    (area, [bytes, fileName]) => {
      const data = new DataTransfer();
      data.items.add(
        new File([new Uint8Array(bytes as number[])], fileName as string, { type: 'image/png' }),
      );
      area.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    },
    [[...png], name] as const,
  );
}
