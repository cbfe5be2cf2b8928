import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { expect, onTestFinished, test } from 'vitest';
import { smokeConfig } from './config.js';
import { bytesFigureIds, expectedFigureIds, pdfFigureIds, renderFigureIds } from './figures.js';
import { repoRoot, tsNodeFlags } from './lib/children.js';
import { roomPoint, type BenchRun } from './lib/htmlReport.js';
import { figure, formatValue, type Figure } from './lib/report.js';

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
 * The HTML report beside the JSON: self-contained (no script, nothing fetched), a row for every
 * figure of the JSON with its exact value, baseline and ratio, a chart per room-sized figure with
 * a point per room, and the previous run's value beside this one's where `previous` had it.
 */
function expectHtmlReport(htmlFile: string, result: BenchOutput, previous: BenchRun | null): void {
  const html = readFileSync(htmlFile, 'utf8');
  expect(html).not.toMatch(/<script|<link|<img|(src|href)=/i);
  const document = new new Window().DOMParser().parseFromString(html, 'text/html');
  expect(document.querySelector('h1')?.textContent).toBe('Plenum benchmark');
  const rows = document.querySelectorAll('table.figures tr[data-figure]');
  expect(rows.length).toBe(result.figures.length);
  for (const f of result.figures) {
    const row = document.querySelector(`tr[data-figure="${f.id}"]`);
    expect(row, `row of ${f.id}`).not.toBeNull();
    const cells = [...row!.querySelectorAll('td')].map((td) => td.textContent);
    expect(row!.querySelector('[data-value]')?.getAttribute('data-value'), f.id).toBe(String(f.value ?? ''));
    expect(row!.querySelector('[data-baseline]')?.getAttribute('data-baseline'), f.id).toBe(String(f.baseline ?? ''));
    expect(cells[1], f.id).toBe(formatValue(f.value));
    expect(cells[3], f.id).toBe(f.ratio === null ? 'n/a' : `${f.ratio.toFixed(2)}×`);
    if (f.goal) expect(cells[7], f.id).toBe(f.goal.met ? '✔ met' : '✘ missed');
    const before = previous?.figures.find((p) => p.id === f.id);
    expect(cells[8], `${f.id}: previous`).toBe(before ? formatValue(before.value) : '');
    const point = roomPoint(f.id);
    if (point && f.value !== null) {
      const chart = document.querySelector(`section[data-chart="${point.chart}"]`);
      expect(chart, `chart of ${point.chart}`).not.toBeNull();
      const titles = [...chart!.querySelectorAll('svg circle title')].map((t) => t.textContent);
      expect(titles, f.id).toContain(`Plenum, this run, ${point.size}: ${formatValue(f.value)} ${f.unit}`);
      if (before?.value != null)
        expect(titles, f.id).toContain(`Plenum, previous run, ${point.size}: ${formatValue(before.value)} ${f.unit}`);
    }
  }
}

/**
 * Runs the scenarios in `only`, bounded by `boundMs`, and checks that each of `ids` has a finite
 * value, baseline and ratio, and the HTML report beside the JSON; `previous` is the JSON the run
 * finds there first, as a run after an earlier one does.
 */
async function expectFigures(
  only: string,
  ids: readonly string[],
  boundMs = 57_000,
  previous: BenchRun | null = null,
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'plenum-bench-smoke-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const outFile = join(dir, 'bench-results.json');
  if (previous) writeFileSync(outFile, JSON.stringify(previous));

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
  expectHtmlReport(join(dir, 'bench-results.html'), result, previous);
  return output;
}

/** An earlier run as its JSON holds it: the room of 20's seating and fan-out, and a room of 40 this run has not. */
function earlierRun(): BenchRun {
  const earlier = (id: string, value: number) =>
    figure({ id, group: 'seating', label: id, unit: 'ms', value, baseline: 100, baselineOf: 'bare socket.io' });
  return {
    meta: { date: '2026-01-02T03:04:05.000Z', mode: 'smoke', commit: null },
    figures: [earlier('seat.20', 1234.5), earlier('fanout.20', 4321), earlier('seat.40', 2222)],
  };
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
    const output = await expectFigures('rooms,acks', ids, 57_000, earlierRun());
    // The table made it to stdout too, and where the report went.
    expect(output).toContain('saturated fan-out');
    expect(output).toContain('bench-results.html (charts, against the run of 2026-01-02T03:04:05.000Z)');
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

// On a fresh clone the client may not be built yet (the browser tests build it too, whichever comes first).
test('the bytes benchmark runs in smoke mode and produces its figures', { timeout: 120_000 }, async () => {
  const output = await expectFigures('bytes', bytesFigureIds, 110_000);
  expect(output).toContain('join answer');
});

test('the PDF benchmark runs in smoke mode and produces its figures', { timeout: 60_000 }, async () => {
  const output = await expectFigures('pdf', pdfFigureIds);
  expect(output).toContain('minutes.pdf');
});
