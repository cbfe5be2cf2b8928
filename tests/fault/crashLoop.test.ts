import { isDeepStrictEqual } from 'node:util';
import { SqliteStore } from '@plenum/server';
import { emptySessionState, foldEvents, type SessionEvent, type SessionState } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { freePort } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { FaultClient } from './helpers/faultClient.js';
import { count, printFigures, runSeed, seededRandom } from './helpers/figures.js';
import { loadFor, markersIn, marker } from './helpers/load.js';
import { startFaultServer, type FaultServer, type TestFaultsEnv } from './helpers/serverProcess.js';
import { reportingUnits, seedWorld, type World } from './helpers/world.js';

type KillKind = 'random' | 'after-commit' | 'after-ack';

interface LifeRecord {
  kind: KillKind;
  /** For forced kills: whether the hook was reached (else the process was killed at random). */
  hitForcedPoint: boolean;
  integrity: string;
  headAfter: number;
}

interface CrashLoopResult {
  seed: number;
  lives: LifeRecord[];
  clients: FaultClient[];
  log: SessionEvent[];
  serverState: SessionState;
  /** The store's answer to each command id that was acknowledged. */
  stored: Map<string, number | null>;
  output: string;
  tokens: string[];
  denseSessions: boolean;
}

interface CrashLoopOptions {
  kills: KillKind[];
  clients: number;
  /** Negative controls: P3 off (ack before commit) on `after-ack` lives; P2 off on the clients. */
  ackBeforeCommit?: boolean;
  freshIdOnRetry?: boolean;
  onlyCriticise?: boolean;
}

/** The data of one sealed log: every event of every session, checked dense from 1. */
async function readStore(file: string): Promise<{ integrity: string; dense: boolean; store: SqliteStore }> {
  const store = new SqliteStore(file);
  const integrity = store.integrityCheck();
  let dense = true;
  for (const sessionId of await store.listSessions()) {
    const events: SessionEvent[] = [];
    for (;;) {
      const page = await store.read(sessionId, events.at(-1)?.seq ?? 0, 5000);
      if (page.length === 0) break;
      events.push(...page);
    }
    if (!events.every((e, i) => e.seq === i + 1) || events.length !== (await store.head(sessionId))) dense = false;
  }
  return { integrity, dense, store };
}

async function runCrashLoop(world: World, options: CrashLoopOptions): Promise<CrashLoopResult> {
  const seed = runSeed();
  const random = seededRandom(seed);
  const port = await freePort();
  const { sessionId } = world;
  // ~30 clients: the chair, presenters, officials, inspectors and the big screen.
  const members = world.members.slice(0, options.clients);
  let server: FaultServer | null = null;
  let output = '';
  const clients: FaultClient[] = [];
  let stopping = false;
  const loops: Promise<void>[] = [];

  const startLife = async (faults: TestFaultsEnv | undefined): Promise<FaultServer> => {
    server = await startFaultServer({ dataDir: world.dataDir, port, faults, killOnFault: true, logLevel: 'debug' });
    return server;
  };

  const lives: LifeRecord[] = [];
  for (const [i, kind] of options.kills.entries()) {
    const forced = kind !== 'random';
    const nth = 3 + Math.floor(random() * 25);
    const life = await startLife(
      forced
        ? { halt: { point: kind, nth }, ackBeforeCommit: options.ackBeforeCommit === true && kind === 'after-ack' }
        : undefined,
    );
    if (i === 0) {
      for (const member of members) {
        const client = new FaultClient({
          url: life.url,
          token: member.token,
          sessionId,
          name: `${member.participant.role}:${member.participant.name}`,
          ackTimeoutMs: 2000,
          freshIdOnRetry: options.freshIdOnRetry,
        });
        clients.push(client);
        const next = loadFor(member.participant, { onlyCriticise: options.onlyCriticise });
        if (!next) continue;
        const index = clients.length;
        loops.push(
          (async () => {
            let n = 0;
            const think = member.participant.role === 'chair' ? [150, 350] : [120, 600];
            while (!stopping) {
              await client.ready().catch(() => undefined);
              if (stopping) break;
              const opId = `c${index}-${++n}`;
              const command = next(client.state, opId, random);
              if (command) await client.run(command, opId);
              await new Promise((r) => setTimeout(r, think[0]! + random() * (think[1]! - think[0]!)));
            }
          })(),
        );
      }
    }
    let hit = false;
    if (forced) {
      const reached = await Promise.race([
        life.faultLine.then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 8000)),
      ]);
      hit = reached;
      if (!reached) life.kill('SIGKILL');
    } else {
      await new Promise((r) => setTimeout(r, 300 + random() * 1200));
      life.kill('SIGKILL');
    }
    const exit = await life.exited;
    expect(exit.signal).toBe('SIGKILL');
    output += life.output();
    const sealed = await readStore(world.file);
    lives.push({
      kind,
      hitForcedPoint: hit,
      integrity: sealed.integrity,
      headAfter: await sealed.store.head(sessionId),
    });
    await sealed.store.close();
  }

  // The last life: no fault; the load stops, every command still unanswered is retried until
  // answered, and every client catches up to the head.
  const last = await startLife(undefined);
  await new Promise((r) => setTimeout(r, 1000));
  stopping = true;
  await Promise.all(loops);
  await Promise.all(clients.map((c) => c.ready().then(() => c.catchUp())));
  last.kill('SIGTERM');
  await last.exited;
  output += last.output();
  for (const client of clients) client.close();

  const sealed = await readStore(world.file);
  const log: SessionEvent[] = [];
  for (;;) {
    const page = await sealed.store.read(sessionId, log.at(-1)?.seq ?? 0, 5000);
    if (page.length === 0) break;
    log.push(...page);
  }
  const stored = new Map<string, number | null>();
  for (const op of clients.flatMap((c) => c.ops)) {
    if (!op.answer?.ok) continue;
    const commandId = op.commandIds.at(-1)!;
    stored.set(commandId, (await sealed.store.findCommand(sessionId, commandId))?.result.seq ?? null);
  }
  lives.push({ kind: 'random', hitForcedPoint: false, integrity: sealed.integrity, headAfter: log.length });
  await sealed.store.close();
  return {
    seed,
    lives: lives.slice(0, -1),
    clients,
    log,
    serverState: foldEvents(emptySessionState(sessionId), log),
    stored,
    output,
    tokens: members.map((m) => m.token),
    denseSessions: sealed.dense,
  };
}

/** The figures of a crash loop, and which of the bars they break. */
function crashFigures(r: CrashLoopResult) {
  const ops = r.clients.flatMap((c) => c.ops);
  const acked = ops.filter((op) => op.answer?.ok === true);
  const lost = acked.filter((op) => {
    const seq = op.answer?.ok ? op.answer.data.seq : -1;
    return r.stored.get(op.commandIds.at(-1)!) !== seq;
  });
  const markerCounts = new Map<string, number>();
  for (const event of r.log) for (const m of markersIn(event)) markerCounts.set(m, (markerCounts.get(m) ?? 0) + 1);
  const duplicated = [...markerCounts.values()].filter((n) => n > 1).length;
  const ackedMarkers = acked.filter((op) => JSON.stringify(op.command).includes(marker(op.opId)));
  const ackedMarkerMissing = ackedMarkers.filter((op) => !markerCounts.has(marker(op.opId))).length;
  const gaps = r.log.filter((e, i) => e.seq !== i + 1).length + (r.denseSessions ? 0 : 1);
  const integrityFailures = [...r.lives].filter((l) => l.integrity !== 'ok').length;
  const statesDiffering = r.clients.filter((c) => !isDeepStrictEqual(c.state, r.serverState)).length;
  const tokenLeaks = r.tokens.filter((t) => r.output.includes(t)).length;
  return {
    seed: r.seed,
    kills: r.lives.length,
    'kills after commit (hook reached)': r.lives.filter((l) => l.kind === 'after-commit' && l.hitForcedPoint).length,
    'kills after ack (hook reached)': r.lives.filter((l) => l.kind === 'after-ack' && l.hitForcedPoint).length,
    'kills at random moments': r.lives.filter((l) => !l.hitForcedPoint).length,
    clients: r.clients.length,
    'commands sent': ops.length,
    'commands retried': ops.filter((op) => op.attempts > 1).length,
    'commands acked': acked.length,
    'commands refused by the domain': ops.filter((op) => op.answer?.ok === false).length,
    'acked commands lost': lost.length + ackedMarkerMissing,
    'duplicated operations in the log': duplicated,
    'events in the log': r.log.length,
    'seq gaps': gaps,
    'integrity_check failures': integrityFailures,
    'clients whose state differs from the fold': statesDiffering,
    'tokens found in server output': tokenLeaks,
  };
}

function checkCrashBars(figures: ReturnType<typeof crashFigures>): void {
  const broken: string[] = [];
  if (figures['acked commands lost'] !== 0) broken.push(`${figures['acked commands lost']} acknowledged commands lost`);
  if (figures['duplicated operations in the log'] !== 0)
    broken.push(`${figures['duplicated operations in the log']} operations duplicated in the log`);
  if (figures['seq gaps'] !== 0) broken.push('seq not dense from 1');
  if (figures['integrity_check failures'] !== 0) broken.push('integrity_check failed');
  if (figures['clients whose state differs from the fold'] !== 0)
    broken.push(`${figures['clients whose state differs from the fold']} clients differ from the server's fold`);
  if (figures['tokens found in server output'] !== 0) broken.push('a token appeared in the server output');
  if (broken.length > 0) throw new Error(`crash-loop bars broken: ${broken.join('; ')}`);
}

/** Invitees beyond the demo's five: presenters of three more units, officials and inspectors. */
async function crashWorld(): Promise<World> {
  const dataDir = await tempDir('plenum-crash-');
  const units = reportingUnits.filter((u) => u !== 'eastfield-cement').slice(0, 3);
  return seedWorld(
    dataDir,
    [
      ...units.map((unitId) => ({ role: 'presenter' as const, unitId, count: 1 })),
      { role: 'official', count: 11 },
      { role: 'inspector', count: 11 },
    ],
    { floorOpenOn: 'item-2' },
  );
}

describe('crash safety', () => {
  test('P1/P2/P3/P10: ~30 clients under SIGKILL at random moments and at forced points between commit, ack and broadcast: nothing acknowledged lost, nothing duplicated, seq dense, integrity ok, every client equal to the fold', async () => {
    const world = await crashWorld();
    const killCount = count(10, 30);
    const kinds: KillKind[] = ['after-commit', 'after-ack', 'random'];
    const kills = Array.from({ length: killCount }, (_, i) => kinds[i % 3]!);
    const result = await runCrashLoop(world, { kills, clients: count(30, 30) });
    const figures = crashFigures(result);
    printFigures('crash loop', figures);
    checkCrashBars(figures);
    expect(figures.kills).toBeGreaterThanOrEqual(10);
    expect(figures['kills after commit (hook reached)']).toBeGreaterThanOrEqual(1);
    expect(figures['kills after ack (hook reached)']).toBeGreaterThanOrEqual(1);
    expect(figures['commands acked']).toBeGreaterThan(100);
    for (const life of result.lives) expect(life.integrity).toBe('ok');
  }, 240_000);

  test('negative control: with ack-before-commit (P3 off) and retries under fresh ids (P2 off), the same loop loses acknowledged commands and duplicates others', async () => {
    const world = await crashWorld();
    const result = await runCrashLoop(world, {
      kills: ['after-commit', 'after-ack', 'after-commit'],
      clients: 16,
      ackBeforeCommit: true,
      freshIdOnRetry: true,
      onlyCriticise: true,
    });
    const figures = crashFigures(result);
    printFigures('crash loop — negative control (P2 and P3 off)', figures);
    expect(() => checkCrashBars(figures)).toThrow(/lost/);
    expect(() => checkCrashBars(figures)).toThrow(/duplicated/);
  }, 120_000);
});
