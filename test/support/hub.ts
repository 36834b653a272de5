// Starts hub nodes inside the test process, on free ports, against the test profile's servers.
import type { Config } from '../../config/index.js';
import { startHubNode, type HubNode } from '../../hub/node.js';
import { testConfig } from './config.js';

export async function startTestHub(
  overrides: Record<string, unknown> = {},
): Promise<HubNode & { config: Config }> {
  const config = testConfig(overrides);
  const node = await startHubNode(config);
  return Object.assign(node, { config });
}
