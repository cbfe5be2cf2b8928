/**
 * The server process of the fault tests, run with tsx like `server/src/main.ts`: the same
 * start, with the fault hooks that PLENUM_TEST_FAULTS (JSON, see {@link TestFaultsEnv}) asks
 * for — where to halt the command pipeline so the test can SIGKILL the process, the P3 negative
 * control (ack before commit), a step of the demo's seeding at which the process kills itself,
 * protections to change and the attendance window. A production start never installs any of them.
 */
import { loadConfig, startServer, type Protections } from '@plenum/server';
import { faultSteps, haltingFaults, haltSeedingAt } from './faults.js';
import type { TestFaultsEnv } from './serverProcess.js';

const faults = JSON.parse(process.env.PLENUM_TEST_FAULTS ?? '{}') as TestFaultsEnv;

startServer(loadConfig(process.env), {
  commandSteps: faultSteps(haltingFaults(faults.halt ?? null, { ackBeforeCommit: faults.ackBeforeCommit })),
  protections: faults.protections as Partial<Protections> | undefined,
  attendanceWindowMs: faults.attendanceWindowMs,
  afterSeedStep: faults.haltSeedAt ? haltSeedingAt(faults.haltSeedAt) : undefined,
}).catch((error: unknown) => {
  process.stderr.write(`The fault server could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
