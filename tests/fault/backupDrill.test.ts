import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { SqliteStore } from '@plenum/server';
import { emptySessionState, foldEvents, type SessionEvent } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { freePort } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { FaultClient } from './helpers/faultClient.js';
import { printFigures } from './helpers/figures.js';
import { startFaultServer } from './helpers/serverProcess.js';
import { seedWorld, type World } from './helpers/world.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm run <script> -- <args>` with DATA_DIR; resolves with its exit code and output. */
function npmRun(script: string, args: string[], dataDir: string): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

async function readLog(
  file: string,
  sessionId: string,
): Promise<{ events: SessionEvent[]; epoch: string; integrity: string }> {
  const store = new SqliteStore(file);
  try {
    const events: SessionEvent[] = [];
    for (;;) {
      const page = await store.read(sessionId, events.at(-1)?.seq ?? 0, 5000);
      if (page.length === 0) break;
      events.push(...page);
    }
    return { events, epoch: await store.epoch(), integrity: store.integrityCheck() };
  } finally {
    await store.close();
  }
}

/** What the restore of a backup gave: its log against the source's, or why it refused the copy. */
type Restored =
  | { refused: string }
  | { refused: null; head: number; prefixEqual: boolean; foldEqual: boolean; integrity: string; epochChanged: boolean };
type RestoredLog = Extract<Restored, { refused: null }>;

function restoredFigures(restored: Restored): Record<string, unknown> {
  if (restored.refused !== null) return { 'restore refused the copy': restored.refused };
  return {
    'head of the restored log': restored.head,
    'restored log is a prefix of the source': restored.prefixEqual,
    'restored fold equals the source at that point': restored.foldEqual,
    'integrity_check of the restore': restored.integrity,
    'epoch changed': restored.epochChanged,
  };
}

interface DrillResult {
  headAtStart: number;
  headAtEnd: number;
  restored: Restored;
  backupOutput: string;
}

/**
 * Runs a server with three clients posting criticisms, takes a backup while they do, stops,
 * restores the backup into a fresh folder and compares its log with the source's.
 */
async function drill(world: World, takeBackup: (destination: string) => Promise<string>): Promise<DrillResult> {
  const server = await startFaultServer({ dataDir: world.dataDir, port: await freePort(), logLevel: 'warn' });
  const critics = world.byRole('official').slice(0, 3);
  const clients = critics.map(
    (m, i) => new FaultClient({ url: server.url, token: m.token, sessionId: world.sessionId, name: `critic ${i}` }),
  );
  let running = true;
  const loops = clients.map(async (client, i) => {
    let n = 0;
    while (running) {
      await client.run({
        type: 'criticism:post',
        payload: {
          itemId: 'item-2',
          category: 'supply',
          severity: 'low',
          indicatorId: null,
          text: `Point ${i}-${++n}`,
        },
      });
    }
  });
  await new Promise((r) => setTimeout(r, 800));
  const headAtStart = Math.max(...clients.map((c) => c.lastSeq));
  const destination = join(await tempDir('plenum-backup-'), 'backup.sqlite');
  const backupOutput = await takeBackup(destination);
  await new Promise((r) => setTimeout(r, 300));
  running = false;
  await Promise.all(loops);
  server.kill('SIGTERM');
  await server.exited;
  for (const c of clients) c.close();

  const source = await readLog(world.file, world.sessionId);
  const target = await tempDir('plenum-restored-');
  const restore = await npmRun('restore', [destination], target);
  const drilled = { headAtStart, headAtEnd: source.events.length, backupOutput };
  if (restore.code !== 0) return { ...drilled, restored: { refused: restore.output.trim() } };
  const restored = await readLog(join(target, 'plenum.sqlite'), world.sessionId);
  const n = restored.events.length;
  return {
    ...drilled,
    restored: {
      refused: null,
      head: n,
      prefixEqual: isDeepStrictEqual(restored.events, source.events.slice(0, n)),
      foldEqual: isDeepStrictEqual(
        foldEvents(emptySessionState(world.sessionId), restored.events),
        foldEvents(emptySessionState(world.sessionId), source.events.slice(0, n)),
      ),
      integrity: restored.integrity,
      epochChanged: restored.epoch !== source.epoch,
    },
  };
}

/** Throws with every bar the drill broke; returns the restored log's figures when it broke none. */
function checkDrillBars({ headAtStart, restored }: DrillResult): RestoredLog {
  if (restored.refused !== null)
    throw new Error(`backup drill bars broken: the restore refused it: ${restored.refused}`);
  const broken: string[] = [];
  if (restored.integrity !== 'ok') broken.push('the restored store is not sound');
  if (restored.head < headAtStart)
    broken.push(`the backup lacks events committed before it started (${restored.head} < ${headAtStart})`);
  if (!restored.prefixEqual || !restored.foldEqual)
    broken.push("the restored fold differs from the source's at the backup point");
  if (!restored.epochChanged) broken.push('the restored log kept its epoch');
  if (broken.length > 0) throw new Error(`backup drill bars broken: ${broken.join('; ')}`);
  return restored;
}

describe('operations', () => {
  test('P17: npm run backup takes an online backup while the server runs and commits; npm run restore puts it back with a new epoch; its fold equals the source at the backup point', async () => {
    const world = await seedWorld(await tempDir('plenum-drill-'), [{ role: 'official', count: 2 }], {
      floorOpenOn: 'item-2',
    });
    const result = await drill(world, async (destination) => {
      const backup = await npmRun('backup', [destination], world.dataDir);
      expect(backup.code, backup.output).toBe(0);
      return backup.output;
    });
    printFigures('backup drill', {
      'head when the backup started': result.headAtStart,
      'head of the source at the end': result.headAtEnd,
      ...restoredFigures(result.restored),
    });
    const restored = checkDrillBars(result);
    expect(result.headAtEnd).toBeGreaterThan(restored.head);
  }, 120_000);

  test('negative control: copying the database file while the server runs (no backup API) misses what sits in the WAL, or tears the file', async () => {
    // A copy holds what the last checkpoint moved out of the WAL; one that happens to land just
    // before the copy leaves nothing behind, one that runs during the copy leaves a file torn
    // between two states that the restore refuses. Up to three drills: one copy that lacks events
    // or cannot be restored proves the backup API is needed.
    let failure: unknown = null;
    for (let attempt = 1; attempt <= 3 && failure === null; attempt++) {
      const world = await seedWorld(await tempDir('plenum-drill-'), [{ role: 'official', count: 2 }], {
        floorOpenOn: 'item-2',
      });
      const result = await drill(world, (destination) => {
        copyFileSync(world.file, destination);
        return Promise.resolve('cp');
      });
      printFigures(`backup drill — negative control (file copy), attempt ${attempt}`, {
        'head when the copy was taken': result.headAtStart,
        ...restoredFigures(result.restored),
      });
      try {
        checkDrillBars(result);
      } catch (error) {
        failure = error;
      }
    }
    expect(String(failure)).toMatch(
      /lacks events|restore refused it: Restore failed: .*(malformed|not a sound SQLite file)/s,
    );
  }, 240_000);

  test('P17: npm run restore refuses while a server has the store open', async () => {
    const world = await seedWorld(await tempDir('plenum-drill-'), []);
    const server = await startFaultServer({ dataDir: world.dataDir, port: await freePort(), logLevel: 'warn' });
    const backupFile = join(await tempDir('plenum-backup-'), 'b.sqlite');
    expect((await npmRun('backup', [backupFile], world.dataDir)).code).toBe(0);
    const refused = await npmRun('restore', [backupFile], world.dataDir);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/in use/);
    server.kill('SIGKILL');
    await server.exited;
    const done = await npmRun('restore', [backupFile], world.dataDir);
    expect(done.code, done.output).toBe(0);
    expect(done.output).toMatch(/previous store is kept/);
  }, 120_000);
});
