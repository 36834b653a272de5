// Starts hub nodes inside the test process, on free ports, against the test profile's servers.
import type { Config } from '../../config/index.js';
import { createLogger } from '../../hub/logger.js';
import { startHubNode, type HubNode, type HubNodePlugins } from '../../hub/node.js';
import { testConfig } from './config.js';

export async function startTestHub(
  overrides: Record<string, unknown> = {},
  plugins: HubNodePlugins = {},
): Promise<HubNode & { config: Config; wsUrl: string }> {
  const config = testConfig(overrides);
  const node = await startHubNode(config, createLogger(config, 'hub'), plugins);
  return Object.assign(node, { config, wsUrl: `${node.url.replace(/^http/, 'ws')}/ws` });
}
