/**
 * `node --expose-gc --conditions=@plenum/source --import tsx tests/bench/experiments.ts`: measures, in one process, the
 * causes the benchmark's profiles point at, and what the proposed fixes would gain (see
 * README.md). Nothing here changes the server; each experiment runs the shipped code path
 * ("before") beside the proposed one ("after") on the same data.
 *
 * 1. Folding the log with `foldEvents` (immer: copies and deep-freezes the criticisms map on
 *    every call) against `applyEvent` on one mutable state: start-up, catch-up, per command.
 * 2. A join from 0 answered with the saved state (P26): what the server's event loop spends
 *    reading the snapshot and making its bytes, against reading and serialising the log's
 *    pages of 500; and what the client spends reading the state against folding the log.
 * 3. Committing each command in its own SQLite transaction (synchronous=FULL: one fsync each)
 *    against group commit (the commands of one tick in one transaction).
 * 4. Writing the snapshot as one row in one transaction against in parts, each in a transaction
 *    of its own (`SqliteLog`), while another thread commits every 5 ms (`lib/commitProbe.ts`):
 *    how long its commits wait for the write lock; and in parts without the rests between them,
 *    as a graceful stop saves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createApp, createLogger, ensureDemo, snapshotPartBytes, SqliteStore } from '@plenum/server';
import {
  applyEvent,
  emptySessionState,
  foldBatch,
  foldEvents,
  Limits,
  newEvent,
  readSavedState,
  type NewEvent,
  type SessionEvent,
  type SessionState,
} from '@plenum/shared';
import { connectionOf } from '../helpers/sqliteConnection.js';
import { criticismFiller } from './lib/load.js';
import { median, round } from './lib/stats.js';

const events = Number(process.env.EXPERIMENT_EVENTS ?? 100_000);
const out = (line: string) => process.stdout.write(`${line}\n`);

function criticism(i: number): NewEvent {
  return newEvent('criticism:posted', {
    itemId: 'item-2',
    category: 'shortfall',
    severity: 'medium',
    indicatorId: null,
    text: `#${i} ${criticismFiller}`,
    criticismId: `exp${String(i).padStart(16, '0')}`,
    unitId: 'riverside-steel',
  });
}

/** A mutable copy of a state, for the in-place fold. */
const mutable = (state: SessionState): SessionState => structuredClone(state);
type Draft = Parameters<typeof applyEvent>[0];

/** Wall time of `fn`, after a full GC when --expose-gc is given (so earlier garbage is not billed here). */
function time(fn: () => void): number {
  (globalThis as { gc?: () => void }).gc?.();
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Wall time of `fn`, as {@link time}: for store calls, whose SQLite work runs before their promise settles. */
async function timeAsync(fn: () => Promise<void>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'plenum-bench-exp-'));
  try {
    const store = new SqliteStore(join(dir, 'plenum.sqlite'));
    const app = createApp({ store, logger: createLogger({ level: 'silent' }), publicUrl: 'http://127.0.0.1' });
    const demo = await ensureDemo({ sessions: app.sessions, commands: app.commands, settings: store, ids: app.ids });
    const author = demo.invitations.find((i) => i.participant.role === 'official')!.participant.id;
    /** Appends criticisms `first` to `first + count - 1` in one transaction. */
    const appendCriticisms = async (first: number, count: number): Promise<void> => {
      const head = await store.head(demo.sessionId);
      await store.append({
        sessionId: demo.sessionId,
        commandId: null,
        actorId: author,
        expectedSeq: head,
        at: new Date().toISOString(),
        events: Array.from({ length: count }, (_, i) => criticism(first + i)),
      });
    };
    const base = await store.head(demo.sessionId);
    for (let done = 0; done < events; done += 5000) await appendCriticisms(done, Math.min(5000, events - done));
    const log: SessionEvent[] = [];
    for (let after = 0; ;) {
      const page = await store.read(demo.sessionId, after, 5000);
      if (page.length === 0) break;
      log.push(...page);
      after = page.at(-1)!.seq;
    }
    out(
      `log: ${log.length.toLocaleString('en-US')} events (${base} of the demo, then ${events.toLocaleString('en-US')} criticisms)`,
    );

    // 1a. Folding the whole log, as at start-up (SessionStates.current reads pages of 5,000).
    out('\n1. folding the log');
    const startBefore = time(() => {
      let state = emptySessionState(demo.sessionId);
      for (let i = 0; i < log.length; i += 5000) state = foldEvents(state, log.slice(i, i + 5000));
    });
    const startAfter = time(() => {
      const state = mutable(emptySessionState(demo.sessionId)) as Draft;
      for (const event of log) applyEvent(state, event);
    });
    out(
      `  start-up, all ${log.length.toLocaleString('en-US')} events in pages of 5,000: foldEvents ${Math.round(startBefore)} ms; applyEvent in place ${Math.round(startAfter)} ms`,
    );

    // 1b. A client catching up on 10,000 events, onto a small state (as in the benchmark) and a big one.
    const tail = 10_000;
    for (const known of [1500, log.length - tail]) {
      if (known + tail > log.length) continue;
      let state0 = emptySessionState(demo.sessionId);
      for (let i = 0; i < known; i += 5000) state0 = foldEvents(state0, log.slice(i, Math.min(i + 5000, known)));
      const missed = log.slice(known, known + tail);
      const perPage = time(() => {
        let state = state0;
        for (let i = 0; i < missed.length; i += 500) state = foldEvents(state, missed.slice(i, i + 500));
      });
      const once = time(() => void foldEvents(state0, missed));
      const inPlace = time(() => {
        const state = mutable(state0) as Draft;
        for (const event of missed) applyEvent(state, event);
      });
      out(
        `  catch-up of ${tail.toLocaleString('en-US')} onto a state of ${known.toLocaleString('en-US')} events: foldEvents per page of 500 ${Math.round(perPage)} ms; one foldEvents for all pages ${Math.round(once)} ms; applyEvent in place on a copy ${Math.round(inPlace)} ms`,
      );
    }

    // 1c. One command's event folded into the cached state, at growing sizes (SessionStates.record).
    out('\n  one more event (each command, SessionStates.record):');
    for (const size of [1000, 10_000, log.length - 200]) {
      if (size > log.length - 100) continue;
      let state = emptySessionState(demo.sessionId);
      for (let i = 0; i < size; i += 5000) state = foldEvents(state, log.slice(i, Math.min(i + 5000, size)));
      const immer: number[] = [];
      for (let i = 0; i < 50; i++)
        immer.push(
          time(
            () =>
              void foldEvents(
                state,
                [log[size + (i % 100)]!].map((e, j) => ({ ...e, seq: state.lastSeq + 1 + j })),
              ),
          ),
        );
      const draft = mutable(state) as Draft;
      const inPlace: number[] = [];
      for (let i = 0; i < 50; i++) {
        const event = { ...log[size + (i % 100)]!, seq: draft.lastSeq + 1 };
        inPlace.push(time(() => applyEvent(draft, event)));
      }
      out(
        `    after ${size.toLocaleString('en-US')} events: foldEvents ${round(median(immer), 3)} ms, applyEvent in place ${round(median(inPlace), 4)} ms (median of 50)`,
      );
    }

    // 2. A join from 0 on the whole log: the saved state as stored, or every page of the log.
    out('\n2. a join from 0 (P26)');
    await app.commands.state(demo.sessionId);
    await app.commands.saveSnapshots();
    let bytes = Buffer.alloc(0);
    const withState: number[] = [];
    const withPages: number[] = [];
    for (let i = 0; i < 3; i++) {
      withState.push(
        await timeAsync(async () => {
          const head = await store.loadSnapshotHead(demo.sessionId);
          bytes = Buffer.from((await store.loadSnapshotBytes(head!))!);
        }),
      );
      withPages.push(
        await timeAsync(async () => {
          for (let after = 0; ;) {
            const page = await store.read(demo.sessionId, after, Limits.pageSize);
            if (page.length === 0) break;
            JSON.stringify(page);
            after = page.at(-1)!.seq;
          }
        }),
      );
    }
    const seq = (await store.loadSnapshot(demo.sessionId))!.seq;
    out(
      `  server: the snapshot at seq ${seq.toLocaleString('en-US')} read and made bytes (${(bytes.byteLength / 1e6).toFixed(1)} MB) ${withState.map(Math.round).join(', ')} ms; the log read and serialised in ${Math.ceil(log.length / Limits.pageSize)} pages ${withPages.map(Math.round).join(', ')} ms`,
    );
    const readState = time(() => void readSavedState(bytes, demo.sessionId, seq));
    const pagesText = Array.from({ length: Math.ceil(log.length / Limits.pageSize) }, (_, i) =>
      JSON.stringify(log.slice(i * Limits.pageSize, (i + 1) * Limits.pageSize)),
    );
    const foldLog = time(
      () =>
        void foldBatch(
          emptySessionState(demo.sessionId),
          pagesText.flatMap((text) => JSON.parse(text) as SessionEvent[]),
        ),
    );
    out(
      `  client: the state decoded, parsed and frozen ${Math.round(readState)} ms; the pages parsed and folded (foldBatch) ${Math.round(foldLog)} ms`,
    );

    // 3. Commits: one transaction per command against one per group of 20.
    out('\n3. committing criticisms (SqliteStore.append, synchronous=FULL)');
    const commit = async (perTransaction: number, total: number): Promise<number> => {
      const t = performance.now();
      for (let done = 0; done < total; done += perTransaction) await appendCriticisms(events + done, perTransaction);
      return ((performance.now() - t) * 1000) / total;
    };
    await commit(1, 200); // warm-up
    for (const perTransaction of [1, 5, 20]) {
      out(`  ${perTransaction} per transaction: ${Math.round(await commit(perTransaction, 2000))} µs per criticism`);
    }

    // 4. The snapshot's write against a commit on another thread, which waits for SQLite's write lock.
    out('\n4. a snapshot written while another thread commits every 5 ms (its commits wait for the write lock)');
    const snapshot = (await store.loadSnapshot(demo.sessionId))!;
    const file = join(dir, 'plenum.sqlite');
    // The write as it was: the whole state upserted in one row, on a connection of its own.
    const oneRowStore = new SqliteStore(file);
    const oneRow = connectionOf(oneRowStore);
    oneRow.pragma('synchronous = NORMAL');
    oneRow.prepare('CREATE TABLE one_row_snapshots (session_id TEXT PRIMARY KEY, state TEXT NOT NULL) STRICT').run();
    const upsert = oneRow.prepare(
      'INSERT INTO one_row_snapshots VALUES (?, ?) ON CONFLICT (session_id) DO UPDATE SET state = excluded.state',
    );
    const writes: [string, () => Promise<void>][] = [
      ['one row, one transaction (before)', () => Promise.resolve(void upsert.run(snapshot.sessionId, snapshot.state))],
      [`parts of ${snapshotPartBytes / 1024} KiB (after)`, () => store.saveSnapshot(snapshot)],
      // As a graceful stop saves, holding the command lane: no commit of its own process waits.
      ['parts, saved alone (a graceful stop)', () => store.saveSnapshot(snapshot, { alone: true })],
    ];
    out(`  state: ${Buffer.byteLength(snapshot.state).toLocaleString('en-US')} bytes`);
    for (let pass = 0; pass < 2; pass++) {
      for (const [name, write] of writes) {
        const committer = await startCommitProbe(file);
        const ms = await timeAsync(write);
        const commits = await committer.stop();
        out(
          `  ${name}: written in ${Math.round(ms)} ms; ${commits.length} commits meanwhile, the longest ${round(commits.at(-1) ?? 0)} ms (median ${round(median(commits), 2)})`,
        );
      }
    }
    await oneRowStore.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `lib/commitProbe.ts` started on a thread of its own; `stop` ends it and gives its commits' times, ascending. */
async function startCommitProbe(file: string): Promise<{ stop: () => Promise<number[]> }> {
  const probe = new URL('./lib/commitProbe.ts', import.meta.url).href;
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(probe)}); });`;
  const worker = new Worker(code, { eval: true, workerData: { file } });
  await new Promise((resolve) => worker.once('message', resolve));
  return {
    stop: async () => {
      const times = new Promise<number[]>((resolve) => worker.once('message', resolve));
      worker.postMessage('stop');
      const sorted = (await times).sort((a, b) => a - b);
      await worker.terminate();
      return sorted;
    },
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
