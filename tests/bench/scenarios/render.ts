import { existsSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { BenchConfig } from '../config.js';
import { makeTempDir, removeTempDir, runCommand } from '../lib/children.js';
import { figure, type Figure } from '../lib/report.js';
import { median, percentile, round } from '../lib/stats.js';
import {
  renderBenchGlobal,
  renderEventKinds,
  type RenderBenchApi,
  type RenderEventKind,
  type RenderSample,
} from '../render/api.js';
import { chromiumArgs, chromiumPath } from '../../helpers/chromium.js';

/** The origin the page is served from, answered by the harness from the build folder. */
const origin = 'http://render.bench';

export interface RenderRun {
  mounted: RenderBenchApi['mounted'];
  samples: RenderSample[];
}

export interface RenderResult {
  runs: RenderRun[];
  buildMs: number;
}

/** Builds `tests/bench/render` with the client's own Vite config (its plugins and resolve conditions). */
async function buildRenderPage(dir: string): Promise<number> {
  const args = ['vite', 'build', '--config', 'client/vite.config.ts', '--base', './'];
  const t0 = performance.now();
  const build = await runCommand('npx', [...args, '--outDir', dir, '--emptyOutDir', 'tests/bench/render'], {
    timeoutMs: 120_000,
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (build.code !== 0)
    throw new Error(`the render page did not build: ${`${build.stderr}\n${build.stdout}`.slice(-600)}`);
  return performance.now() - t0;
}

/** One fresh page: mounts the chair console on the generated session, warms up, then times `config.render.events`. */
async function runOnce(browser: Browser, dir: string, config: BenchConfig): Promise<RenderRun> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    await context.route(`${origin}/**`, (route) => {
      const path = normalize(new URL(route.request().url()).pathname).replace(/^\/+/, '');
      const file = join(dir, path);
      // The page runs without a server: what the console asks of the API (the trends, say) is not found.
      if (path.startsWith('api/') || !existsSync(file)) {
        return route.fulfill({
          status: 404,
          contentType: 'application/problem+json',
          body: JSON.stringify({ code: 'NOT_FOUND', detail: 'The render page has no server.' }),
        });
      }
      return route.fulfill({ path: file });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const { units, criticisms } = config.render;
    await page.goto(`${origin}/index.html?units=${units}&criticisms=${criticisms}`, { timeout: 30_000 });
    await page
      .waitForFunction((name) => name in window, renderBenchGlobal, { timeout: 60_000 })
      .catch((error: unknown) => {
        throw new Error(`the chair console did not mount: ${errors.join('; ') || String(error)}`);
      });
    const drive = (count: number) =>
      page.evaluate(([name, n]) => (window as unknown as Record<string, RenderBenchApi>)[name]!.run(n), [
        renderBenchGlobal,
        count,
      ] as const);
    await drive(config.render.warmupEvents);
    const samples = await drive(config.render.events);
    const mounted = await page.evaluate(
      (name) => (window as unknown as Record<string, RenderBenchApi>)[name]!.mounted,
      renderBenchGlobal,
    );
    return { mounted, samples };
  } finally {
    await context.close();
  }
}

/**
 * Client render cost: the chair console of a session of `config.render.criticisms` criticisms
 * and `config.render.units` units, in Chromium, one live event at a time through the session
 * store's action (attendance ping, criticism posted, endorsement, timer, in turn), timed from
 * the action to React's commit. `config.render.runs` fresh pages.
 */
export async function measureRender(config: BenchConfig, log: (line: string) => void): Promise<RenderResult> {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found`);
  const dir = makeTempDir('plenum-bench-render-');
  let browser: Browser | null = null;
  try {
    const buildMs = await buildRenderPage(dir);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
      headless: true,
      timeout: 60_000,
    });
    const runs: RenderRun[] = [];
    for (let i = 0; i < config.render.runs; i++) {
      const run = await runOnce(browser, dir, config);
      runs.push(run);
      log(
        `render: run ${i + 1}, p95 ${round(percentileOf(run.samples, 95), 2)} ms per event (${run.mounted.criticisms} criticisms, ${run.mounted.units} units, first render ${Math.round(run.mounted.firstRenderMs)} ms)`,
      );
    }
    return { runs, buildMs };
  } finally {
    await browser?.close();
    removeTempDir(dir);
  }
}

/** The `p`th percentile of the samples (of one kind, or all), in ms. */
function percentileOf(samples: readonly RenderSample[], p: number, kind?: RenderEventKind): number {
  const ms = samples.filter((s) => kind === undefined || s.kind === kind).map((s) => s.ms);
  return percentile(Float64Array.from(ms).sort(), p);
}

export function renderFigures(r: RenderResult): Figure[] {
  const perRun = r.runs.map((run) => percentileOf(run.samples, 95));
  const first = r.runs[0];
  const byKind = renderEventKinds
    .map((kind) => `${kind} ${round(median(r.runs.map((run) => percentileOf(run.samples, 95, kind))), 2)}`)
    .join(', ');
  const p50 = median(r.runs.map((run) => percentileOf(run.samples, 50)));
  return [
    figure({
      id: 'render.p95',
      group: 'client',
      label: 'chair console: apply one event and render, p95',
      unit: 'ms',
      value: median(perRun),
      baseline: 4,
      baselineOf: 'goal (4 ms)',
      goal: { text: '≤ 4 ms', check: (v) => v <= 4 },
      note: first
        ? `median of ${r.runs.length} pages' p95 (${perRun.map((v) => round(v, 2)).join(', ')} ms) over ${first.samples.length} events each; p50 ${round(p50, 2)} ms; p95 by kind: ${byKind} ms; ${first.mounted.criticisms} criticisms, ${first.mounted.units} units, ${first.mounted.events} events; first render ${Math.round(median(r.runs.map((run) => run.mounted.firstRenderMs)))} ms`
        : 'no run',
    }),
  ];
}
