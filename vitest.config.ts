import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // e2e tests start real servers on 127.0.0.1; a slow CI machine gets room, not flakiness
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default on 2 cores is one worker; most e2e time is spent waiting on servers and
    // processes, so two files at a time use both cores without starving the timing-minded tests.
    maxWorkers: 2,
    // every log line tests write is kept per run and scanned for the tests' secrets at the end
    globalSetup: ['test/support/log-scan.global.ts'],
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-artifacts/vitest-report.json' },
    projects: [
      // Unit tests hold no servers, ports or processes: one module graph per worker serves them all
      // (a fresh one per file costs more than the tests themselves).
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/unit/**'] } },
    ],
  },
});
