import { defineConfig } from 'vitest/config';

// Tiers: unit (pure code, beside it), integration (real database, test/integration), e2e (real
// Chromium, test/e2e), faults (long proofs under faults and load, test/faults). `npm test` runs
// the first two.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'pwa/**/*.test.ts', 'pwa/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          testTimeout: 900_000,
          hookTimeout: 300_000,
          // Each file loads the machine on its own (a PostgreSQL restart, killed servers, thousands of sockets).
          fileParallelism: false,
        },
      },
    ],
  },
});
