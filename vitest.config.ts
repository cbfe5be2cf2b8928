import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Every workspace runs `shared` (and `server`, for tests/) from source through this condition.
// Vite's own server defaults follow it: vitest passes these to Node as --conditions, and an
// extra 'import' there would make CommonJS require() pick packages' ESM entries.
const conditions = ['@plenum/source', ...defaultServerConditions];
const nodeProject = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@plenum/source'] } },
};

export default defineConfig({
  test: {
    projects: [
      { ...nodeProject, test: { name: 'shared', environment: 'node', include: ['shared/src/**/*.test.ts'] } },
      { ...nodeProject, test: { name: 'server', environment: 'node', include: ['server/src/**/*.test.ts'] } },
      {
        // The client's own Vite config brings React and its resolve conditions.
        extends: './client/vite.config.ts',
        test: {
          name: 'client',
          environment: 'happy-dom',
          include: ['client/src/**/*.test.{ts,tsx}'],
          setupFiles: ['client/src/test/setup.ts'],
        },
      },
      { ...nodeProject, test: { name: 'contract', environment: 'node', include: ['tests/contract/**/*.test.ts'] } },
      {
        ...nodeProject,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // The benchmark harness in smoke mode, so it never rots; `npm run bench` is the real run.
        ...nodeProject,
        test: {
          name: 'bench',
          environment: 'node',
          include: ['tests/bench/**/*.smoke.test.ts'],
          testTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        ...nodeProject,
        test: {
          name: 'fault',
          environment: 'node',
          include: ['tests/fault/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // Several server processes on the machine's PostgreSQL and Redis, one file at a time.
        ...nodeProject,
        test: {
          name: 'scale',
          environment: 'node',
          include: ['tests/scale/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        ...nodeProject,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
