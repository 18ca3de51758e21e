#!/usr/bin/env node
// The installed `diaodu` command: runs the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
// main() sets the exit code once all output is written; exiting here would cut off output a slow reader has not taken.
await main(process.argv.slice(2), process.env);
