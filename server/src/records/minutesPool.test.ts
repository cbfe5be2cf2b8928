import type { SessionState } from '@plenum/shared';
import { afterEach, describe, expect, test } from 'vitest';
import { demoWorld } from '../test/demoWorld.js';
import type { RecordsScope } from './access.js';
import { minutesMarkdown } from './minutes.js';
import { minutesJob, MinutesPool, MinutesQueueFull } from './minutesPool.js';

const chair: RecordsScope = { role: 'chair', unitId: null, lang: 'ko', dayId: null };

async function demoState(): Promise<SessionState> {
  const world = await demoWorld();
  return world.commands.state(world.sessionId);
}

const isPdf = (pdf: Buffer) =>
  pdf.subarray(0, 5).toString('latin1') === '%PDF-' && pdf.subarray(-6).toString('latin1').includes('%%EOF');

const pools: MinutesPool[] = [];
function pool(workers: number, queue: number): MinutesPool {
  const made = new MinutesPool({ workers, queue });
  pools.push(made);
  return made;
}
afterEach(() => Promise.all(pools.splice(0).map((p) => p.close())));

// A worker's first job starts it (and, from source, compiles the records code): seconds on a busy machine.
describe('minutes in a pool of worker threads', { timeout: 60_000 }, () => {
  test('a worker answers with the PDF’s bytes, and the same worker takes the next job', async () => {
    const state = await demoState();
    const pdfs = pool(1, 4);
    expect(isPdf(await pdfs.render(minutesJob(state, chair, 'pdf')))).toBe(true);
    expect(isPdf(await pdfs.render(minutesJob(state, { ...chair, lang: 'en' }, 'pdf')))).toBe(true);
  });

  test('the Markdown a worker writes is the document the server would write itself, byte for byte', async () => {
    const state = await demoState();
    const workers = pool(1, 4);
    const markdown = await workers.render(minutesJob(state, chair, 'md'));
    expect(markdown.toString('utf8')).toBe(minutesMarkdown(state, chair));
  });

  test('a job that fails rejects its request instead of leaving it waiting, and the worker serves the next one', async () => {
    const state = await demoState();
    const pdfs = pool(1, 4);
    const broken = { ...state, definition: null };
    await expect(pdfs.render(minutesJob(broken, chair, 'pdf'))).rejects.toThrow(/has no definition/);
    expect(isPdf(await pdfs.render(minutesJob(state, chair, 'pdf')))).toBe(true);
  });

  test('beyond its workers and queue the pool refuses a job with a wait to retry after, and makes the others', async () => {
    const state = await demoState();
    const pdfs = pool(1, 1);
    // The first goes to the worker, the second waits, the third finds the queue full.
    const jobs = [
      pdfs.render(minutesJob(state, chair, 'pdf')),
      pdfs.render(minutesJob(state, chair, 'pdf')),
      pdfs.render(minutesJob(state, chair, 'pdf')),
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
      pdfs.render(minutesJob(state, chair, 'pdf')),
      pdfs.render(minutesJob(state, chair, 'pdf')),
      pdfs.render(minutesJob(state, chair, 'pdf')),
    ]);
    expect(made.every(isPdf)).toBe(true);
  });

  test('closing stops the workers: jobs in progress and waiting are rejected, later ones refused', async () => {
    const state = await demoState();
    const pdfs = pool(1, 4);
    const jobs = Promise.allSettled([
      pdfs.render(minutesJob(state, chair, 'pdf')),
      pdfs.render(minutesJob(state, chair, 'pdf')),
    ]);
    await pdfs.close();
    for (const job of await jobs) {
      expect(job.status === 'rejected' && String(job.reason)).toMatch(/stopping/);
    }
    await expect(pdfs.render(minutesJob(state, chair, 'pdf'))).rejects.toThrow(/closed/);
  });
});
