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

/**
 * Resolves once the node has acted on the control bus's next invalidation of the community (its
 * cached permissions and AutoMod rules dropped): the node's own handlers run before this one.
 * Call it before the change that sends the invalidation.
 */
export function invalidationOn(node: HubNode, communityId: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = node.control.onMessage((m) => {
      if (m.op !== 'invalidate' || m.communityId !== communityId) return;
      stop();
      resolve();
    });
  });
}
