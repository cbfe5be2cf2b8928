import { spawnServer, type SpawnedServer } from '../../helpers/serverProcess.js';
import type { HaltPlan } from './faults.js';

/** What PLENUM_TEST_FAULTS may carry (read by faultServerMain.ts). */
export interface TestFaultsEnv {
  halt?: HaltPlan | null;
  ackBeforeCommit?: boolean;
  /** Kill the process at the end of this step of the demo's first seeding. */
  haltSeedAt?: number | null;
  /** Protections replaced or switched off (`false`). */
  protections?: Record<string, unknown>;
  /** First connections gathered this long before one attendance append (the server's default: 1 s). */
  attendanceWindowMs?: number;
}

/** The entry of a server process with fault hooks, as tsx runs it from the repository root. */
export const faultServerEntry = 'tests/fault/helpers/faultServerMain.ts';

/** One life of a server process, started on an existing data folder. */
export interface FaultServer extends SpawnedServer {
  /** Resolves with the fault line (`PLENUM_FAULT <point> <commandId> <seq>`) if the hook halted. */
  faultLine: Promise<string>;
}

/**
 * Starts the fault server ({@link faultServerEntry}) with DEMO=false on an existing `dataDir`;
 * resolves once it listens. With
 * `killOnFault`, the process is SIGKILLed by PID the moment it prints its fault line.
 */
export async function startFaultServer(options: {
  dataDir: string;
  port: number;
  faults?: TestFaultsEnv;
  killOnFault?: boolean;
  logLevel?: string;
  timeoutMs?: number;
}): Promise<FaultServer> {
  let resolveFault!: (line: string) => void;
  const faultLine = new Promise<string>((resolve) => (resolveFault = resolve));
  const server = await spawnServer({
    dataDir: options.dataDir,
    port: options.port,
    entry: faultServerEntry,
    env: {
      DEMO: 'false',
      LOG_LEVEL: options.logLevel ?? 'info',
      HEARTBEAT_MS: '1000',
      ALLOWED_ORIGINS: undefined,
      PLENUM_TEST_FAULTS: options.faults ? JSON.stringify(options.faults) : undefined,
    },
    isReady: (stdout) => (stdout.includes('Plenum is running at') ? true : null),
    waitingFor: 'did not start',
    timeoutMs: options.timeoutMs ?? 30_000,
    onStdout: (chunk, life) => {
      const match = /^PLENUM_FAULT .*$/m.exec(chunk);
      if (!match) return;
      if (options.killOnFault) life.kill('SIGKILL');
      resolveFault(match[0]);
    },
  });
  return { ...server, faultLine };
}
