#!/usr/bin/env node
// The `hub` command. Runs the TypeScript sources through tsx's loader, so there is no build
// step between a change and a run.
import { register } from 'tsx/esm/api';

register();
await import('../hub/cli.ts');
