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
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, createLogger, ensureDemo, SqliteStore } from '@plenum/server';
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
          const snapshot = await store.loadSnapshot(demo.sessionId);
          bytes = Buffer.from(snapshot!.state, 'utf8');
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
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
