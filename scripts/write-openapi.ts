// npm run docs:openapi — regenerates docs/openapi.json from the route schemas.
import { writeFileSync } from 'node:fs';
import { hubOpenApi } from '../hub/openapi.js';

const target = new URL('../docs/openapi.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(hubOpenApi(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
