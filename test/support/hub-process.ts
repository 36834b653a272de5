// A hub node in a process of its own, as `hub serve` runs it, with the test authorizer plugged
// in (or the community domain, when TEST_HUB_DOMAIN=community): for tests that kill a node or
// run several side by side. Configured by HUB_* variables.
import { loadConfig } from '../../config/index.js';
import { exitOnSignals } from '../../hub/lifecycle.js';
import { startHubNode } from '../../hub/node.js';
import { createLogger } from '../../hub/logger.js';
import { openChannels } from './authorizers.js';

const config = loadConfig();
const plugins = process.env['TEST_HUB_DOMAIN'] === 'community' ? {} : { authorizer: openChannels };
const node = await startHubNode(config, createLogger(config, 'hub'), plugins);
exitOnSignals((reason) => node.shutdown(reason), config.shutdown.timeoutMs, node.log);
process.send?.({ ready: true, url: node.url, nodeId: node.nodeId });
