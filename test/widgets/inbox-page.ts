// A page hosting <hub-inbox> signed in as the support agent 'ada' (widgetPage loads the other
// widgets only): shared by the inbox's behaviour and screenshot tests.
import type { Browser } from 'playwright-core';
import { tokenFor } from '../support/tokens.js';
import { widgetPage, type WidgetPage } from './support.js';

export const AGENT = { roles: ['agent'], name: 'Ada Agent' };

export async function inboxPage(
  browser: Browser,
  hubUrl: string,
  theme: 'light' | 'dark' = 'light',
  options: { viewport?: { width: number; height: number }; style?: string } = {},
): Promise<WidgetPage> {
  const style = options.style ? ` style="${options.style}"` : '';
  const { context, page } = await widgetPage(
    browser,
    { url: hubUrl } as Parameters<typeof widgetPage>[1],
    'ada',
    `<hub-inbox agent-id="1" status="all" refresh-s="600" theme="${theme}" locale="en"${style}></hub-inbox>`,
    { roles: AGENT.roles, theme, ...(options.viewport && { viewport: options.viewport }) },
  );
  const token = await tokenFor('ada', AGENT);
  await page.addScriptTag({ url: `${hubUrl}/widgets/hub-inbox.js`, type: 'module' });
  await page.evaluate(async (t) => {
    await customElements.whenDefined('hub-inbox');
    const el = document.querySelector('hub-inbox') as HTMLElement & { tokenProvider?: () => string };
    el.tokenProvider = () => t;
  }, token);
  return { context, page };
}
