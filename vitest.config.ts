import { availableParallelism } from 'node:os';
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

// Vitest's default is one worker fewer than the cores: one file at a time on two. The unit,
// contract and integration files are light and independent, so they take every core, two at
// least. The heavy projects run after them, one project at a time, so a flood never shares the
// machine with another heavy test; the fault, scale and benchmark files one at a time too. The
// browser files run two at a time: each waits on its browser more than it computes.
const workers = Math.max(2, availableParallelism() - 1);
const lightFiles = { maxWorkers: workers, sequence: { groupOrder: 0 } };
const heavyProject = (groupOrder: number) => ({ fileParallelism: false, sequence: { groupOrder } });

export default defineConfig({
  test: {
    maxWorkers: workers,
    projects: [
      {
        ...nodeProject,
        test: { name: 'shared', environment: 'node', include: ['shared/src/**/*.test.ts'], ...lightFiles },
      },
      {
        ...nodeProject,
        test: { name: 'server', environment: 'node', include: ['server/src/**/*.test.ts'], ...lightFiles },
      },
      {
        // The client's own Vite config brings React and its resolve conditions.
        extends: './client/vite.config.ts',
        test: {
          name: 'client',
          environment: 'happy-dom',
          include: ['client/src/**/*.test.{ts,tsx}'],
          setupFiles: ['client/src/test/setup.ts'],
          ...lightFiles,
        },
      },
      {
        ...nodeProject,
        test: { name: 'contract', environment: 'node', include: ['tests/contract/**/*.test.ts'], ...lightFiles },
      },
      {
        ...nodeProject,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          ...lightFiles,
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
          ...heavyProject(4),
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
          ...heavyProject(1),
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
          ...heavyProject(2),
        },
      },
      {
        ...nodeProject,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          // Two browser files share the machine: a test may take twice its time alone.
          testTimeout: 90_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 3 },
          maxWorkers: 2,
        },
      },
    ],
  },
});
