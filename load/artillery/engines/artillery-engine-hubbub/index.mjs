// The entry artillery loads (it resolves `artillery-engine-hubbub` through NODE_PATH, which
// load/artillery/run.ts sets): registers tsx in artillery's worker thread, then loads the
// engine, which is TypeScript over the client SDK.
import { register } from 'tsx/esm/api';

register();
const { HubbubEngine } = await import('./engine.ts');
export default HubbubEngine;
