// npm run docs:widgets — writes web-components/custom-elements.json (the widgets' Custom Elements
// Manifest, from their JSDoc) and the API tables of docs/widgets.md generated from it. The npm
// script runs prettier on both after; manifest.test.ts fails when either is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WIDGETS } from '../build.js';
import { analyzeWidgets } from './analyze.js';
import { applyTables, widgetTables } from './docs.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifestFile = new URL('../custom-elements.json', import.meta.url);
const docsFile = new URL('../../docs/widgets.md', import.meta.url);

const manifest = analyzeWidgets(root, WIDGETS);
writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(docsFile, applyTables(readFileSync(docsFile, 'utf8'), widgetTables(manifest)));
process.stdout.write(`wrote ${fileURLToPath(manifestFile)} and ${fileURLToPath(docsFile)}\n`);
