import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/reporters/summary-line.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { TZ: 'UTC' },
    // Most of the suite's time is spent waiting (child processes, the database, HTTP round trips), not computing:
    // vitest's default of one worker per core but one (a single worker on a 2-core machine) ran the files one by one.
    // Two at a time on two cores; three or four left the process tests' start-up budgets (10 s) short under load.
    maxWorkers: 2,
    // Files share a worker's loaded modules instead of importing src/, exceljs, the Feishu SDK … afresh for each file:
    // that was about a third of the suite's CPU time. No test stubs modules, globals or the environment; src/ keeps no
    // module-level state beyond caches keyed by what they cache (a database handle, a key, a character).
    isolate: false,
  },
});
