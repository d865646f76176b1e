import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // e2e tests start real servers on 127.0.0.1; a slow CI machine gets room, not flakiness
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // every log line tests write is kept per run and scanned for the tests' secrets at the end
    globalSetup: ['test/support/log-scan.global.ts'],
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-artifacts/vitest-report.json' },
  },
});
