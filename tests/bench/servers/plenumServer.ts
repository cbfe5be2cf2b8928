/**
 * Plenum's real server for the benchmark, in its own process: `createApp` with the SQLite store
 * in a temp folder (or a given one) and real invitations. Prints one JSON line on stdout when
 * listening: the port, the session, the tokens and how long each start-up step took.
 *
 * - `mode: 'seed'` prepares a data folder and exits: the demo review (`ensureDemo`), `officials`
 *   invitations, item-2 started, `seedEvents` criticisms (as history with `seedHistory`); the
 *   tokens go to bench-tokens.json.
 * - `mode: 'serve'` on a seeded folder starts as `main.ts` does with DEMO=false (no seeding, the
 *   tokens from the file) and folds the session once, as its first join would; on a fresh or
 *   unseeded folder it runs `ensureDemo` (as with DEMO=true) and invites what is missing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import {
  checkpointEveryMs,
  createApp,
  createLogger,
  ensureDemo,
  snapshotEvery,
  SqliteStore,
  type App,
} from '@plenum/server';
import { Limits, newEvent, type NewEvent, type Participant } from '@plenum/shared';
import { announceReady, serveControl } from './control.js';

const importedAtMs = performance.now();

export interface PlenumServerOptions {
  mode: 'serve' | 'seed';
  /** An existing data folder to reuse; null: a fresh temp folder, removed at stop. */
  dataDir: string | null;
  /** Benchmark officials to have invitations for (invited when missing). */
  officials: number;
  /** `seed` mode: criticisms to append to the demo session's log. */
  seedEvents: number;
  /** `seed` mode: endorsements appended after each seeded criticism (by as many distinct officials). */
  seedEndorsements?: number;
  /** `seed` mode: write the criticisms straight into the log as history (see `appendHistory`). */
  seedHistory?: boolean;
  /** The built client to serve, for the browser measurement. */
  clientDir: string | null;
  /** Criticism text of the seeded events. */
  seedText: string;
  /** `seed` mode: also seed this folder with the demo alone (no invitations, no criticisms). */
  demoOnlyDir?: string | null;
  /** Serve without the catch-up read budgets (P12), for measurements that read the log again and again. */
  unbudgetedReads?: boolean;
}

/** What a seeded folder remembers: tokens are stored only as hashes in the database. */
interface SeededTokens {
  sessionId: string;
  chairToken: string;
  officialTokens: string[];
  /** The demo official, author of the appended criticisms. */
  authorId: string;
}

/** What the server prints when ready. */
export interface PlenumReady {
  kind: 'plenum';
  port: number;
  dataDir: string;
  sessionId: string;
  head: number;
  chairToken: string;
  /** Tokens of the benchmark officials, in invitation order. */
  officialTokens: string[];
  timings: {
    importedAtMs: number;
    storeOpenMs: number;
    demoMs: number;
    inviteMs: number;
    listenMs: number;
    /** Parts of `demoMs`, a start on a seeded folder only (see {@link LoadTimings}). */
    load?: LoadTimings;
  };
  readyAtMs: number;
}

/** How the first fold of the session went: the snapshot's read and parse, then the log after it. */
export interface LoadTimings {
  snapshotReadMs: number;
  /** Characters of the snapshot's text read before the state was used (bytes, when read in parts); 0 when there was none. */
  snapshotChars: number;
  snapshotSeq: number;
  parseMs: number;
  /** Events read after the snapshot (by every reader, the notification and webhook catch-ups included). */
  tailEvents: number;
}

/** What `seed` prints before it exits. */
export interface PlenumSeeded {
  kind: 'seeded';
  dataDir: string;
  sessionId: string;
  head: number;
}

/**
 * Instrumentation only, for the first fold: times the snapshot's read (whole, or its parts up to
 * the end of its first line) and its `JSON.parse` (the one string that long), and counts the
 * events read after it. Returns the undo.
 */
function instrumentLoad(store: SqliteStore, load: LoadTimings): () => void {
  const loadSnapshot = store.loadSnapshot.bind(store);
  const loadSnapshotPart = store.loadSnapshotPart.bind(store);
  const read = store.read.bind(store);
  const parse = JSON.parse;
  store.loadSnapshot = async (sessionId) => {
    const started = performance.now();
    const snapshot = await loadSnapshot(sessionId);
    load.snapshotReadMs += performance.now() - started;
    load.snapshotChars = snapshot?.state.length ?? 0;
    load.snapshotSeq = snapshot?.seq ?? 0;
    return snapshot;
  };
  store.loadSnapshotPart = async (head, index) => {
    const started = performance.now();
    const part = await loadSnapshotPart(head, index);
    load.snapshotReadMs += performance.now() - started;
    load.snapshotChars += part?.length ?? 0;
    load.snapshotSeq = head.seq;
    return part;
  };
  store.read = async (sessionId, afterSeq, limit) => {
    const events = await read(sessionId, afterSeq, limit);
    load.tailEvents += events.length;
    return events;
  };
  JSON.parse = (text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    if (text.length < 1_000_000) return parse(text, reviver) as unknown;
    const started = performance.now();
    const value = parse(text, reviver) as unknown;
    load.parseMs += performance.now() - started;
    return value;
  };
  return () => {
    store.loadSnapshot = loadSnapshot;
    store.loadSnapshotPart = loadSnapshotPart;
    store.read = read;
    JSON.parse = parse;
  };
}

const benchOfficialPrefix = 'Bench official ';
const tokensFile = 'bench-tokens.json';

/** `ensureDemo`, then invitations for the benchmark officials still missing. */
async function demoWithOfficials(
  app: App,
  store: SqliteStore,
  officials: number,
): Promise<SeededTokens & { demoMs: number; inviteMs: number }> {
  let t = performance.now();
  const demo = await ensureDemo({ sessions: app.sessions, commands: app.commands, settings: store, ids: app.ids });
  const demoMs = performance.now() - t;
  const chair = demo.invitations.find((i) => i.participant.role === 'chair');
  const author = demo.invitations.find((i) => i.participant.role === 'official');
  if (!chair || !author) throw new Error('the demo has no chair or no official');
  t = performance.now();
  const officialTokens = demo.invitations
    .filter((i) => i.participant.role === 'official' && i.participant.name.startsWith(benchOfficialPrefix))
    .map((i) => i.token);
  for (let i = officialTokens.length; i < officials; i++) {
    const issued = await app.sessions.invite(demo.sessionId, {
      name: `${benchOfficialPrefix}${i + 1}`,
      role: 'official',
      unitId: null,
    });
    officialTokens.push(issued.token);
  }
  return {
    sessionId: demo.sessionId,
    chairToken: chair.token,
    officialTokens,
    authorId: author.participant.id,
    demoMs,
    inviteMs: performance.now() - t,
  };
}

const logger = createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'warn', destination: process.stderr });

/**
 * Criticisms on item-2 in batches of about `batchEvents` events, each criticism followed by
 * `endorsements` endorsements: the events `criticism:post` and `criticism:endorse` produce.
 */
let appended = 0;
function* criticismBatches(
  count: number,
  text: string,
  endorsements: number,
  batchEvents: number,
): Generator<NewEvent[]> {
  const batch = Math.max(1, Math.floor(batchEvents / (1 + endorsements)));
  for (let done = 0; done < count; done += batch) {
    const events: NewEvent[] = [];
    for (let i = done; i < Math.min(count, done + batch); i++) {
      const criticismId = `seed${process.pid}x${String(appended++).padStart(10, '0')}`;
      events.push(
        newEvent('criticism:posted', {
          itemId: 'item-2',
          category: 'shortfall',
          severity: 'medium',
          indicatorId: null,
          text: `#0 ${text}`,
          criticismId,
          unitId: 'riverside-steel',
        }),
      );
      for (let e = 0; e < endorsements; e++)
        events.push(newEvent('criticism:endorsed', { criticismId, participantId: `bench-endorser-${e}` }));
    }
    yield events;
  }
}

/**
 * Events per commit when a running server appends. A commit of 2,000 held the event loop about
 * 200 ms (the hash chain, the insert, the fold and the notifications), a load no room makes, and
 * it stood in the `loop.*` figures of `catchup` and `pdf` for what those scenarios measure
 * (bench finding 19). Half a page is still far more than any command commits.
 */
const liveBatchEvents = Limits.pageSize / 2;

/** Seeding, before the server listens: bigger batches, fewer commits. */
const seedBatchEvents = 2000;

/** Appends criticisms (and endorsements) through the command service, without their per-command cost. */
async function appendCriticisms(
  app: App,
  store: SqliteStore,
  session: SeededTokens,
  count: number,
  text: string,
  endorsements = 0,
  batchEvents = liveBatchEvents,
): Promise<number> {
  for (const events of criticismBatches(count, text, endorsements, batchEvents))
    await app.commands.appendSystem(session.sessionId, session.authorId, () => events);
  return store.head(session.sessionId);
}

/**
 * What saving the session's snapshot held: its time from the save's start to written, the longest
 * event-loop stall meanwhile, and the criticisms committed one after another meanwhile (each
 * commit waits for SQLite's write lock while the snapshot's writer holds it), with the longest.
 */
export interface SnapshotSave {
  ms: number;
  loopMaxMs: number;
  commits: number;
  commitMaxMs: number;
}

/** Commits posted while a snapshot is saved, and the wait for its save to start: bounded. */
const maxCommitsDuringSave = 5000;
const maxWaitForSaveMs = 30_000;

/** Whether a snapshot save is under way: `snapshotsWritten` does not settle within the turn. */
async function snapshotSaving(app: App): Promise<boolean> {
  let written = false;
  void app.commands.snapshotsWritten().then(() => (written = true));
  await new Promise((resolve) => setImmediate(resolve));
  return !written;
}

/**
 * The events that make a snapshot due (criticisms, each endorsed `endorsements` times, as seeded);
 * the snapshot then saved as the scheduler saves it, in the pause after them, while criticisms are
 * committed one at a time until it is written, as participants' commands come in the middle of a save.
 */
async function saveSnapshot(
  app: App,
  store: SqliteStore,
  session: SeededTokens,
  text: string,
  endorsements: number,
): Promise<SnapshotSave> {
  await appendCriticisms(app, store, session, Math.ceil(snapshotEvery / (1 + endorsements)), text, endorsements);
  // Watched from the pause on (the appends before are not the save's): the save begins once it
  // has lasted the scheduler's quiet time. The monitor's timer measures each stall from its
  // previous tick, when it fires after it: a tick before the save, and one after.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const ticks = () => new Promise((resolve) => setTimeout(resolve, 20));
  await ticks();
  const waitStarted = performance.now();
  while (!(await snapshotSaving(app))) {
    if (performance.now() - waitStarted > maxWaitForSaveMs) throw new Error('no snapshot save began in the pause');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const started = performance.now();
  let saved = false;
  const written = app.commands.snapshotsWritten().finally(() => (saved = true));
  let commits = 0;
  let commitMaxMs = 0;
  while (!saved && commits < maxCommitsDuringSave) {
    const t = performance.now();
    await appendCriticisms(app, store, session, 1, text);
    commitMaxMs = Math.max(commitMaxMs, performance.now() - t);
    commits++;
  }
  await written;
  const ms = performance.now() - started;
  await ticks();
  loop.disable();
  return { ms, loopMaxMs: loop.max / 1e6, commits, commitMaxMs };
}

/** How far back `seedHistory` dates its events: past the notifications' freshness (a day). */
const historyAgeMs = 2 * 24 * 60 * 60 * 1000;

/**
 * Writes criticisms (and endorsements) straight into the log, dated {@link historyAgeMs} back:
 * no fold, no snapshot, no notification per batch, so a million events take minutes rather than
 * the hour the growing snapshots would. Then the state is folded once and saved as the snapshot
 * at the head (as a graceful stop leaves it) by `app.close()`; the notifications' cursor stays
 * where it was, so the next start reads the whole log again, all of it history, not news.
 */
async function appendHistory(
  app: App,
  store: SqliteStore,
  session: SeededTokens,
  count: number,
  text: string,
  endorsements: number,
): Promise<number> {
  const at = new Date(Date.now() - historyAgeMs).toISOString();
  let head = await store.head(session.sessionId);
  for (const events of criticismBatches(count, text, endorsements, seedBatchEvents)) {
    await store.appendBatch([
      { sessionId: session.sessionId, commandId: null, actorId: session.authorId, expectedSeq: head, at, events },
    ]);
    head += events.length;
  }
  await app.commands.read(session.sessionId, (state) => state.lastSeq);
  return head;
}

/**
 * Seeds a data folder: demo, invitations, item-2 started, criticisms (and endorsements),
 * bench-tokens.json; with `history`, by {@link appendHistory}. Returns the head.
 */
async function seedFolder(
  dataDir: string,
  officials: number,
  events: number,
  text: string,
  endorsements = 0,
  history = false,
): Promise<{ sessionId: string; head: number }> {
  const store = new SqliteStore(join(dataDir, 'plenum.sqlite'));
  const app = createApp({ store, logger, publicUrl: 'http://127.0.0.1' });
  try {
    const { demoMs: _d, inviteMs: _i, ...session } = await demoWithOfficials(app, store, officials);
    const participants = (await app.commands.state(session.sessionId)).participants;
    const chair = Object.values(participants).find((p: Participant) => p.role === 'chair');
    if (!chair) throw new Error('no chair');
    try {
      await app.commands.execute(chair, session.sessionId, `bench-seed-start-${Date.now()}`, {
        type: 'agenda:start-item',
        payload: { itemId: 'item-2' },
      });
    } catch {
      // already started
    }
    const head = history
      ? await appendHistory(app, store, session, events, text, endorsements)
      : await appendCriticisms(app, store, session, events, text, endorsements, seedBatchEvents);
    // The snapshots the seeding's appends made due are written on a thread of their own: in the folder before it is used.
    await app.commands.snapshotsWritten();
    writeFileSync(join(dataDir, tokensFile), JSON.stringify(session satisfies SeededTokens));
    if (history) await app.close();
    return { sessionId: session.sessionId, head };
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const options = JSON.parse(process.env.BENCH_PLENUM ?? '{}') as PlenumServerOptions;
  const ownDir = options.dataDir === null;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'plenum-bench-'));

  if (options.mode === 'seed') {
    const { sessionId, head } = await seedFolder(
      dataDir,
      options.officials,
      options.seedEvents,
      options.seedText,
      options.seedEndorsements,
      options.seedHistory,
    );
    if (options.demoOnlyDir) await seedFolder(options.demoOnlyDir, 0, 0, options.seedText);
    announceReady({ kind: 'seeded', dataDir, sessionId, head } satisfies Omit<PlenumSeeded, 'readyAtMs'>);
    process.exit(0);
  }

  let t = performance.now();
  // As `openStore` opens it for a running server.
  const store = new SqliteStore(join(dataDir, 'plenum.sqlite'), { walCheckpointEveryMs: checkpointEveryMs });
  const storeOpenMs = performance.now() - t;
  // Instrumentation only: the wall time of each group commit (a synchronous transaction and
  // fsync that blocks the event loop) and the appends it held, reported by the `stats` control op.
  const appends = { count: 0, requests: 0, totalMs: 0, maxMs: 0, over1Ms: 0 };
  const appendBatch = store.appendBatch.bind(store);
  store.appendBatch = (requests) => {
    const started = performance.now();
    const outcome = appendBatch(requests);
    const ms = performance.now() - started;
    appends.count++;
    appends.requests += requests.length;
    appends.totalMs += ms;
    appends.maxMs = Math.max(appends.maxMs, ms);
    if (ms > 1) appends.over1Ms++;
    return outcome;
  };
  // The JSON log goes to stderr (warnings and errors only), so stdout stays the ready line.
  // No public URL: a browser opening http://127.0.0.1:<port> is then of an allowed origin (P14),
  // which a fixed `http://127.0.0.1` (port 80) would refuse the socket of.
  const app = createApp({
    store,
    logger,
    clientDir: options.clientDir ?? undefined,
    ...(options.unbudgetedReads ? { protections: { reads: false } } : {}),
  });
  let caughtUpAtMs = Number.NaN;
  void Promise.all([app.notifications.start(), app.webhooks.start()]).then(() => {
    caughtUpAtMs = performance.now();
  });

  let session: SeededTokens;
  let demoMs = 0;
  let inviteMs = 0;
  let load: LoadTimings | undefined;
  if (existsSync(join(dataDir, tokensFile)) && options.officials === 0) {
    session = JSON.parse(readFileSync(join(dataDir, tokensFile), 'utf8')) as SeededTokens;
    load = { snapshotReadMs: 0, snapshotChars: 0, snapshotSeq: 0, parseMs: 0, tailEvents: 0 };
    const restore = instrumentLoad(store, load);
    t = performance.now();
    // A view that keeps nothing, as a join's: the state folded, not copied; its criticisms are
    // read behind it, as at a start.
    await app.commands.readWithoutCriticisms(session.sessionId, (state) => state.lastSeq);
    demoMs = performance.now() - t;
    restore();
  } else {
    ({ demoMs, inviteMs, ...session } = await demoWithOfficials(app, store, options.officials));
  }

  // Stopping closes the store and exits without `app.close()`: closing the sockets one by one
  // would broadcast presence to the rest of the room for each of them (O(N²) at 2,000).
  const close = async () => {
    await store.close();
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };

  t = performance.now();
  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(0, '127.0.0.1', resolve);
  });
  const listenMs = performance.now() - t;

  serveControl({
    stop: close,
    stats: () => ({ appends: { ...appends } }),
    handlers: {
      head: () => store.head(session.sessionId),
      // When the notification and webhook catch-ups begun at start were done (ms since the process began).
      caughtUp: async () => {
        await Promise.all([app.notifications.start(), app.webhooks.start()]);
        return caughtUpAtMs;
      },
      append: (arg) => appendCriticisms(app, store, session, (arg as { count: number }).count, options.seedText),
      // Saves the session's state now, as a pause would: what a join may answer with (P26).
      snapshot: () => app.commands.saveSnapshots(),
      timedSnapshot: (arg) =>
        saveSnapshot(app, store, session, options.seedText, (arg as { endorsements: number }).endorsements),
    },
  });
  announceReady({
    kind: 'plenum',
    port: (app.httpServer.address() as AddressInfo).port,
    dataDir,
    sessionId: session.sessionId,
    head: await store.head(session.sessionId),
    chairToken: session.chairToken,
    officialTokens: session.officialTokens,
    timings: { importedAtMs, storeOpenMs, demoMs, inviteMs, listenMs, load },
  } satisfies Omit<PlenumReady, 'readyAtMs'>);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `plenumServer failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
