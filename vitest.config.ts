import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'server/**/*.test.ts', 'rules/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites each boot their own app and database; keep them on
    // separate workers but never more than the two cores this machine has.
    pool: 'forks',
    maxWorkers: 2,
    // A current dist/ build and the browser tests' Chromium, settled once.
    globalSetup: ['test/support/global-setup.ts'],
    env: { LOG_LEVEL: 'silent', NODE_ENV: 'test' },
  },
});
