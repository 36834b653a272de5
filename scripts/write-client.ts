// npm run docs:client — regenerates the typed HTTP API client from docs/openapi.json (run
// `npm run docs:openapi` first when routes changed).
import { readFileSync, writeFileSync } from 'node:fs';
import { generateClient, type OpenApiInput } from './client-generator.js';

const source = new URL('../docs/openapi.json', import.meta.url);
const target = new URL('../realtime/client/api/hub-api.ts', import.meta.url);
writeFileSync(target, generateClient(JSON.parse(readFileSync(source, 'utf8')) as OpenApiInput));
console.log(`wrote ${target.pathname}`);
