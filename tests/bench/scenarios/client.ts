import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { emptySessionState, foldEvents, type SessionEvent } from '@plenum/shared';
import { topicAfterUnit } from '../../../client/src/lib/itemTitle.js';
import { chromiumArgs, chromiumPath } from '../../helpers/chromium.js';
import { buildClient, clientDist, ensureClientBuilt } from '../../helpers/clientBuild.js';
import type { BenchConfig } from '../config.js';
import { connectOne } from '../lib/clients.js';
import { figure, type Figure } from '../lib/report.js';
import { startBare, startItem, startPlenum, urlOf, type StartOptions } from '../lib/servers.js';
import { median, round } from '../lib/stats.js';

export interface BundleResult {
  dir: string;
  /** Set when the fresh build failed and an earlier one was measured. */
  buildError: string | null;
  files: { file: string; kind: 'js' | 'css'; bytes: number; gzip: number }[];
  jsGzip: number;
  cssGzip: number;
  buildMs: number;
}

export interface LiveRun {
  /** `performance.now()` in the page when the current item showed: ms since navigation start. */
  pageMs: number;
  /** Navigation timing of the same load: the HTML's response end, the scripts', DOMContentLoaded. */
  htmlMs: number;
  scriptsMs: number;
  domContentLoadedMs: number;
  /** The harness's clock, from `goto` to the same moment. */
  wallMs: number;
}

export interface ClientResult {
  bundle: BundleResult;
  live: { runs: LiveRun[]; topic: string; fallback: string | null } | { error: string };
}

/** The assets `index.html` loads up front: entry scripts, module preloads and style sheets. */
function initialAssets(html: string): { path: string; kind: 'js' | 'css' }[] {
  const assets: { path: string; kind: 'js' | 'css' }[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const src = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!src || /^https?:/.test(src)) continue;
    if (tag.startsWith('<script') && /type="module"/.test(tag)) assets.push({ path: src, kind: 'js' });
    else if (/rel="modulepreload"/.test(tag)) assets.push({ path: src, kind: 'js' });
    else if (/rel="stylesheet"/.test(tag)) assets.push({ path: src, kind: 'css' });
  }
  return assets;
}

/** Sizes the initial assets of a built client. */
function sizeBuild(dir: string): Pick<BundleResult, 'files' | 'jsGzip' | 'cssGzip'> {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = initialAssets(html).map(({ path, kind }) => {
    const content = readFileSync(join(dir, path.replace(/^\//, '')));
    return { file: path, kind, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
  if (!files.some((f) => f.kind === 'js')) throw new Error(`no initial script found in ${join(dir, 'index.html')}`);
  const sum = (kind: 'js' | 'css') => files.filter((f) => f.kind === kind).reduce((a, f) => a + f.gzip, 0);
  return { files, jsGzip: sum('js'), cssGzip: sum('css') };
}

/**
 * The client in client/dist, sized: built fresh and timed for a full run; in smoke mode only when
 * stale, as the browser tests build it (one build shared by every file of the suite). If a fresh
 * build fails, the last build (if any) is measured instead, and the result says so.
 */
export async function buildAndSize(config: BenchConfig): Promise<BundleResult> {
  const t0 = performance.now();
  try {
    await (config.client.build === 'fresh' ? buildClient() : ensureClientBuilt());
    return { dir: clientDist, ...sizeBuild(clientDist), buildMs: performance.now() - t0, buildError: null };
  } catch (error) {
    const buildMs = performance.now() - t0;
    const output = error instanceof Error ? error.message : String(error);
    const buildError = (output.split('\n').find((l) => /error|Error/.test(l)) ?? output).trim().slice(0, 300);
    if (!existsSync(join(clientDist, 'index.html')))
      throw new Error(`the client's build failed and there is no earlier build: ${buildError}`);
    const builtAt = statSync(join(clientDist, 'index.html')).mtime.toISOString();
    return {
      dir: clientDist,
      ...sizeBuild(clientDist),
      buildMs,
      buildError: `the build failed (${buildError}); measured the earlier build in client/dist from ${builtAt}`,
    };
  }
}

/** The topic of an item as the screen shows it, from the log through the protocol. */
async function topicOf(url: string, token: string, sessionId: string, itemId: string): Promise<string> {
  const client = await connectOne(url, token);
  try {
    let state = emptySessionState(sessionId);
    for (let i = 0; i < 100; i++) {
      const page = await client.request<{ ok: boolean; data?: { events: SessionEvent[]; hasMore: boolean } }>(
        'session:join',
        { sessionId, afterSeq: state.lastSeq },
      );
      if (!page.ok || !page.data) throw new Error('session:join refused');
      state = foldEvents(state, page.data.events);
      if (!page.data.hasMore) break;
    }
    const item = state.agenda[itemId];
    if (!item) throw new Error(`no ${itemId} in the demo agenda`);
    // As the panel shows it: after the unit's name, which it prints on a line of its own.
    return topicAfterUnit(item.topic, item.unitId === null ? null : (state.units[item.unitId]?.name ?? null));
  } finally {
    client.close();
  }
}

/** Where the page's load went: HTML, initial scripts, DOMContentLoaded (ms from navigation start). */
function navigationTiming(page: Page): Promise<{ htmlMs: number; scriptsMs: number; domContentLoadedMs: number }> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
      (r) => r.initiatorType === 'script' || r.name.endsWith('.js'),
    );
    return {
      htmlMs: nav?.responseEnd ?? Number.NaN,
      scriptsMs: Math.max(0, ...scripts.map((r) => r.responseEnd)),
      domContentLoadedMs: nav?.domContentLoadedEventEnd ?? Number.NaN,
    };
  });
}

/**
 * Time until the participant screen shows the current item: the invite link opened in a fresh
 * browser context, until `[data-testid="current-item"]` holds the item's topic. If that element
 * never shows, falls back to the first content in `#root` and says so.
 */
async function measureLive(
  config: BenchConfig,
  dir: string,
  log: (line: string) => void,
  options: StartOptions,
): Promise<ClientResult['live']> {
  if (!existsSync(chromiumPath)) return { error: `${chromiumPath} not found` };
  const server = await startPlenum({ officials: 1, clientDir: dir }, options);
  // A witness of the machine: the bare server, idle beside Plenum while the browser loads the
  // pages on the same two cores; its longest stall goes in the note of `loop.client`.
  const witness = await startBare(options).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  let browser: Browser | null = null;
  try {
    await startItem(server);
    const url = urlOf(server);
    const token = server.ready.officialTokens[0]!;
    const topic = await topicOf(url, token, server.ready.sessionId, 'item-2');
    const link = `${url}/s/${server.ready.sessionId}#token=${token}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
      headless: true,
      timeout: 60_000,
    });
    // Set from inside `once` (a closure), hence the widened type.
    let fallback = null as string | null;
    const once = async (): Promise<LiveRun> => {
      const context = await browser!.newContext();
      try {
        const page = await context.newPage();
        const t0 = performance.now();
        await page.goto(link, { waitUntil: 'commit', timeout: 30_000 });
        try {
          const handle = await page.waitForFunction(
            (text: string) => {
              const el = document.querySelector('[data-testid="current-item"]');
              return el !== null && (el.textContent ?? '').includes(text) ? performance.now() : null;
            },
            topic,
            { polling: 'raf', timeout: fallback === null ? 10_000 : 1 },
          );
          return {
            pageMs: (await handle.jsonValue()) as number,
            wallMs: performance.now() - t0,
            ...(await navigationTiming(page)),
          };
        } catch {
          fallback =
            'the current-item element with the topic did not show within 10 s: timed to the first content in #root instead';
          const handle = await page.waitForFunction(
            () => ((document.querySelector('#root')?.childElementCount ?? 0) > 0 ? performance.now() : null),
            undefined,
            {
              polling: 'raf',
              timeout: 10_000,
            },
          );
          return {
            pageMs: (await handle.jsonValue()) as number,
            wallMs: performance.now() - t0,
            ...(await navigationTiming(page)),
          };
        }
      } finally {
        await context.close();
      }
    };
    if (config.client.warmup) await once(); // browser process, server JIT: not counted
    const runs: LiveRun[] = [];
    for (let i = 0; i < config.client.runs; i++) runs.push(await once());
    log(
      `client: current item shown after ${round(median(runs.map((r) => r.pageMs)))} ms (page clock)${fallback ? ` — ${fallback}` : ''}`,
    );
    return { runs, topic, fallback };
  } finally {
    await browser?.close();
    await Promise.all([server.stop(), witness.stop()]);
  }
}

export async function measureClient(
  config: BenchConfig,
  log: (line: string) => void,
  options: StartOptions,
): Promise<ClientResult> {
  const bundle = await buildAndSize(config);
  if (bundle.buildError) log(`client: ${bundle.buildError}`);
  log(
    `client: initial JS ${bundle.jsGzip} B gzip, CSS ${bundle.cssGzip} B gzip (${bundle.files.length} files, built in ${Math.round(bundle.buildMs)} ms)`,
  );
  let live: ClientResult['live'];
  try {
    live = await measureLive(config, bundle.dir, log, options);
  } catch (error) {
    live = { error: error instanceof Error ? error.message : String(error) };
  }
  return { bundle, live };
}

export function clientFigures(r: ClientResult): Figure[] {
  const kB = (bytes: number) => bytes / 1000;
  const total = r.bundle.jsGzip + r.bundle.cssGzip;
  const live = 'runs' in r.live ? r.live : null;
  return [
    figure({
      id: 'client.initialGzip',
      group: 'client',
      label: 'initial JS + CSS, gzip',
      unit: 'kB',
      value: kB(total),
      baseline: 150,
      baselineOf: 'goal (150 kB)',
      goal: { text: '≤ 150 kB', check: (v) => v <= 150 },
      note: `${r.bundle.buildError ? `${r.bundle.buildError}. ` : ''}gzip -9 of ${r.bundle.files.map((f) => `${f.file} ${round(kB(f.gzip))} kB (${round(kB(f.bytes))} kB raw)`).join('; ')}`,
    }),
    figure({
      id: 'client.jsGzip',
      group: 'client',
      label: 'initial JS, gzip',
      unit: 'kB',
      value: kB(r.bundle.jsGzip),
      baseline: 150,
      baselineOf: 'goal (150 kB)',
    }),
    figure({
      id: 'client.cssGzip',
      group: 'client',
      label: 'initial CSS, gzip',
      unit: 'kB',
      value: kB(r.bundle.cssGzip),
      baseline: 150,
      baselineOf: 'goal (150 kB)',
    }),
    figure({
      id: 'client.live',
      group: 'client',
      label: 'participant screen shows the current item',
      unit: 'ms',
      value: live ? median(live.runs.map((x) => x.pageMs)) : null,
      baseline: 1000,
      baselineOf: 'goal (1,000 ms)',
      goal: { text: '≤ 1,000 ms', check: (v) => v <= 1000 },
      note: live
        ? `${live.fallback ? `${live.fallback}. ` : ''}page clock from navigation start, median of ${live.runs.length} (harness clock ${round(median(live.runs.map((x) => x.wallMs)))} ms); HTML at ${Math.round(median(live.runs.map((x) => x.htmlMs)))} ms, scripts loaded at ${Math.round(median(live.runs.map((x) => x.scriptsMs)))} ms, DOMContentLoaded at ${Math.round(median(live.runs.map((x) => x.domContentLoadedMs)))} ms`
        : (r.live as { error: string }).error,
    }),
  ];
}
