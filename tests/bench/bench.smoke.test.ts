import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { smokeConfig } from './config.js';
import { bytesFigureIds, expectedFigureIds, pdfFigureIds, renderFigureIds } from './figures.js';
import { repoRoot, tsNodeFlags } from './lib/children.js';
import type { Figure } from './lib/report.js';

interface BenchOutput {
  meta: { mode: string };
  figures: Figure[];
  errors: { scenario: string; message: string }[];
}

/** Runs the harness in smoke mode in its own process (killed by PID if it overruns), on the scenarios in `only`. */
function runSmoke(outFile: string, timeoutMs: number, only: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...tsNodeFlags, 'tests/bench/run.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        BENCH_SMOKE: '1',
        BENCH_ONLY: only,
        BENCH_OUT: outFile,
        BENCH_MAX_MS: String(timeoutMs - 2000),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * Runs the scenarios in `only`, bounded by `boundMs`, and checks that each of `ids` has a finite
 * value, baseline and ratio.
 */
async function expectFigures(only: string, ids: readonly string[], boundMs = 57_000): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'plenum-bench-smoke-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const outFile = join(dir, 'bench-results.json');

  const { code, output } = await runSmoke(outFile, boundMs, only);
  expect(code, output.slice(-4000)).toBe(0);

  const result = JSON.parse(readFileSync(outFile, 'utf8')) as BenchOutput;
  expect(result.meta.mode).toBe('smoke');
  expect(result.errors).toEqual([]);
  const byId = new Map(result.figures.map((f) => [f.id, f]));
  for (const id of ids) {
    const f = byId.get(id);
    expect(f, `figure ${id}`).toBeDefined();
    expect(Number.isFinite(f!.value), `${id}: value ${f!.value} (${f!.note ?? ''})`).toBe(true);
    expect(Number.isFinite(f!.baseline), `${id}: baseline ${f!.baseline}`).toBe(true);
    // A ratio over a zero baseline is undefined; in a room of 20 the bare server's RSS may not move.
    if (f!.baseline === 0) expect(f!.ratio, `${id}: ratio over a zero baseline`).toBeNull();
    else expect(Number.isFinite(f!.ratio), `${id}: ratio ${f!.ratio}`).toBe(true);
    if (f!.goal) expect(typeof f!.goal.met, `${id}: goal`).toBe('boolean');
  }
  return output;
}

// Each run within the bound CI allows one: on a machine loaded by the rest of the suite, all the
// scenarios together came close to it; the render page has a build and a browser of its own.
const roomFigure = /^(seat|fanout|memory|paced|ack)\./;
const otherFigures = [...renderFigureIds, ...pdfFigureIds, ...bytesFigureIds];

test(
  'the benchmark harness runs the room and acknowledgement scenarios in smoke mode: every figure with its baseline and ratio',
  { timeout: 60_000 },
  async () => {
    const ids = expectedFigureIds(smokeConfig).filter((id) => roomFigure.test(id));
    const output = await expectFigures('rooms,acks', ids);
    // The table made it to stdout too.
    expect(output).toContain('saturated fan-out');
  },
);

test(
  'the benchmark harness runs the catch-up, start-up and client scenarios in smoke mode: every figure with its baseline and ratio',
  { timeout: 60_000 },
  async () => {
    const ids = expectedFigureIds(smokeConfig).filter((id) => !roomFigure.test(id) && !otherFigures.includes(id));
    await expectFigures('catchup,startup,client', ids);
  },
);

test('the render benchmark runs in smoke mode and produces its figure', { timeout: 60_000 }, async () => {
  const output = await expectFigures('render', renderFigureIds);
  expect(output).toContain('chair console');
});

// Smoke mode builds the client into a folder of its own first.
test('the bytes benchmark runs in smoke mode and produces its figures', { timeout: 120_000 }, async () => {
  const output = await expectFigures('bytes', bytesFigureIds, 110_000);
  expect(output).toContain('join answer');
});

test('the PDF benchmark runs in smoke mode and produces its figures', { timeout: 60_000 }, async () => {
  const output = await expectFigures('pdf', pdfFigureIds);
  expect(output).toContain('minutes.pdf');
});
