import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { emptySessionState, foldEventsInPlace, type SessionState } from '@plenum/shared';
import { afterEach, describe, expect, onTestFinished, test } from 'vitest';
import type { StoreAddress } from '../domain/ports.js';
import { snapshotOf } from '../domain/statesAt.js';
import { demoWorld } from '../test/demoWorld.js';
import { copyLog, durableStores } from '../test/durableStores.js';
import { heldDemoWorld } from '../test/recordsMeeting.js';
import type { RecordsScope } from './access.js';
import { minutesMarkdown } from './minutes.js';
import { MinutesPool, MinutesQueueFull } from './minutesPool.js';

const chair: RecordsScope = { role: 'chair', unitId: null, lang: 'ko', dayId: null };

async function demoState(): Promise<SessionState> {
  const world = await demoWorld();
  return world.commands.state(world.sessionId);
}

const isPdf = (pdf: Buffer) =>
  pdf.subarray(0, 5).toString('latin1') === '%PDF-' && pdf.subarray(-6).toString('latin1').includes('%%EOF');

const pools: MinutesPool[] = [];
/** A pool whose workers read the store at `address`; null: the jobs carry their state. */
function pool(workers: number, queue: number, address: StoreAddress | null = null): MinutesPool {
  const made = new MinutesPool({ workers, queue }, address);
  pools.push(made);
  return made;
}
afterEach(() => Promise.all(pools.splice(0).map((p) => p.close())));

// A worker's first job starts it (and, from source, compiles the records code): seconds on a busy machine.
describe('minutes in a pool of worker threads', { timeout: 60_000 }, () => {
  test('a worker answers with the PDF’s bytes, and the same worker takes the next job', async () => {
    const state = await demoState();
    const pdfs = pool(1, 4);
    expect(isPdf(await pdfs.render(pdfs.job(state, chair, 'pdf')))).toBe(true);
    expect(isPdf(await pdfs.render(pdfs.job(state, { ...chair, lang: 'en' }, 'pdf')))).toBe(true);
  });

  test('the Markdown a worker writes is the document the server would write itself, byte for byte', async () => {
    const state = await demoState();
    const workers = pool(1, 4);
    const markdown = await workers.render(workers.job(state, chair, 'md'));
    expect(markdown.toString('utf8')).toBe(minutesMarkdown(state, chair));
  });

  test('a job that fails rejects its request instead of leaving it waiting, and the worker serves the next one', async () => {
    const state = await demoState();
    const pdfs = pool(1, 4);
    const broken = { ...state, definition: null };
    await expect(pdfs.render(pdfs.job(broken, chair, 'pdf'))).rejects.toThrow(/has no definition/);
    expect(isPdf(await pdfs.render(pdfs.job(state, chair, 'pdf')))).toBe(true);
  });

  test('beyond its workers and queue the pool refuses a job with a wait to retry after, and makes the others', async () => {
    const state = await demoState();
    const pdfs = pool(1, 1);
    // The first goes to the worker, the second waits, the third finds the queue full.
    const jobs = [
      pdfs.render(pdfs.job(state, chair, 'pdf')),
      pdfs.render(pdfs.job(state, chair, 'pdf')),
      pdfs.render(pdfs.job(state, chair, 'pdf')),
    ];
    const [first, second, third] = (await Promise.allSettled(jobs)) as [
      PromiseSettledResult<Buffer>,
      PromiseSettledResult<Buffer>,
      PromiseSettledResult<Buffer>,
    ];
    expect(first.status === 'fulfilled' && isPdf(first.value)).toBe(true);
    expect(second.status === 'fulfilled' && isPdf(second.value)).toBe(true);
    expect(third.status === 'rejected' && third.reason instanceof MinutesQueueFull).toBe(true);
    expect(((third as PromiseRejectedResult).reason as MinutesQueueFull).retryAfterSeconds).toBeGreaterThan(0);
  });

  test('negative control: with room in the queue the same three jobs are all made', async () => {
    const state = await demoState();
    const pdfs = pool(1, 2);
    const made = await Promise.all([
      pdfs.render(pdfs.job(state, chair, 'pdf')),
      pdfs.render(pdfs.job(state, chair, 'pdf')),
      pdfs.render(pdfs.job(state, chair, 'pdf')),
    ]);
    expect(made.every(isPdf)).toBe(true);
  });

  test('closing stops the workers: jobs in progress and waiting are rejected, later ones refused', async () => {
    const state = await demoState();
    const pdfs = pool(1, 4);
    const jobs = Promise.allSettled([
      pdfs.render(pdfs.job(state, chair, 'pdf')),
      pdfs.render(pdfs.job(state, chair, 'pdf')),
    ]);
    await pdfs.close();
    for (const job of await jobs) {
      expect(job.status === 'rejected' && String(job.reason)).toMatch(/stopping/);
    }
    await expect(pdfs.render(pdfs.job(state, chair, 'pdf'))).rejects.toThrow(/closed/);
  });
});

const run = promisify(execFile);
const poppler = await run('pdftotext', ['-v']).then(
  () => true,
  () => false,
);
if (!poppler && process.env.CI === 'true') throw new Error('pdftotext (poppler-utils) is required under CI=true');

/** A PDF's text as poppler reads it, laid out. */
async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plenum-minutes-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'minutes.pdf'), pdf);
  return (await run('pdftotext', ['-layout', join(dir, 'minutes.pdf'), '-'])).stdout;
}

/** A morning of the demo review held in memory: its state and its log. */
async function meeting() {
  const world = await heldDemoWorld();
  const log = await world.store.read(world.sessionId, 0, Number.MAX_SAFE_INTEGER);
  return { state: await world.commands.state(world.sessionId), log };
}

describe.each(durableStores)(
  'minutes made by workers that read the store themselves, $kind',
  { timeout: 120_000 },
  ({ open }) => {
    test('the job carries no state; the Markdown is the one made from the state itself, and so is the PDF’s text', async () => {
      const { state, log } = await meeting();
      const store = await open();
      await copyLog(store, log);
      const fromStore = pool(1, 4, store.address);
      const fromState = pool(1, 4);
      const headHash = 'a'.repeat(64);
      const markdown = fromStore.job(state, chair, 'md', headHash);
      expect(markdown).toMatchObject({ sessionId: state.sessionId, seq: log.length, state: null });
      expect((await fromStore.render(markdown)).toString('utf8')).toBe(
        (await fromState.render(fromState.job(state, chair, 'md', headHash))).toString('utf8'),
      );
      if (!poppler) return;
      const english = { ...chair, lang: 'en' } as const;
      const [pdf, expected] = await Promise.all([
        fromStore.render(fromStore.job(state, english, 'pdf', headHash)),
        fromState.render(fromState.job(state, english, 'pdf', headHash)),
      ]);
      const text = await pdfText(pdf);
      expect(text).toContain('Riverside');
      expect(text).toBe(await pdfText(expected));
    });

    test('a job at a seq below a newer snapshot makes the minutes of that seq', async () => {
      const { state, log } = await meeting();
      const store = await open();
      await copyLog(store, log);
      await store.saveSnapshot(snapshotOf(state));
      const earlier = foldEventsInPlace(emptySessionState(state.sessionId), log.slice(0, -6));
      const fromStore = pool(1, 4, store.address);
      // Made of the head first, so the worker also keeps a state later than the one asked for next.
      expect((await fromStore.render(fromStore.job(state, chair, 'md'))).toString('utf8')).toBe(
        minutesMarkdown(state, chair),
      );
      const minutes = (await fromStore.render(fromStore.job(earlier, chair, 'md'))).toString('utf8');
      expect(minutes).toBe(minutesMarkdown(earlier, chair));
      expect(minutes).not.toBe(minutesMarkdown(state, chair));
    });
  },
);
