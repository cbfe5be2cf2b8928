import { emptySessionState, foldBatch, PROTOCOL_VERSION, type SessionEvent, type SessionState } from '@plenum/shared';
import { io, type Socket } from 'socket.io-client';
import type { BenchConfig } from '../config.js';
import type { Child } from '../lib/children.js';
import { nextLoopbackAddress } from '../lib/clients.js';
import { figure, type Figure } from '../lib/report.js';
import { startBare, startItem, startPlenum, urlOf, type StartOptions } from '../lib/servers.js';
import { median, round } from '../lib/stats.js';

interface JoinPage {
  ok: boolean;
  data?: { headSeq: number; events: SessionEvent[]; hasMore: boolean };
  error?: { code: string; message: string };
}

export interface CatchUpPoint {
  /** Events the client had missed. */
  missed: number;
  /** Events the client's state held before it went away. */
  stateEvents: number;
  plenumMs: number[];
  /** Of each Plenum run, the time spent applying the events (the client's batch rule, `foldBatch`). */
  applyMs: number[];
  bareMs: number[];
  pages: number;
}

export interface CatchUpResult {
  points: CatchUpPoint[];
}

/**
 * The app's own transport, unlike the load generator's clients: socket.io-client decodes and
 * parses every page, as the browser does. Resolves on `connect`; rejects on `connect_error` or
 * after `timeoutMs`.
 */
function connectClient(url: string, token: string, timeoutMs = 10_000): Promise<Socket> {
  const socket = io(url, {
    forceNew: true,
    transports: ['websocket'],
    reconnection: false,
    timeout: timeoutMs,
    auth: { token, protocolVersion: PROTOCOL_VERSION },
    localAddress: nextLoopbackAddress(),
  } as Parameters<typeof io>[1]);
  return new Promise<Socket>((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`connect timed out after ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('connect_error');
      resolve(socket);
    });
    socket.once('connect_error', fail);
  });
}

/**
 * Pages through the log from `afterSeq` (500 a page, while `hasMore`), handing each page to
 * `onPage` with whether it was the last. Returns how many pages it took.
 */
async function pageThrough(
  socket: Socket,
  sessionId: string,
  afterSeq: number,
  onPage: (events: SessionEvent[], last: boolean) => void,
): Promise<number> {
  let at = afterSeq;
  for (let pages = 1; pages <= 1000; pages++) {
    const page = (await socket.timeout(30_000).emitWithAck('session:join', { sessionId, afterSeq: at })) as JoinPage;
    if (!page.ok || !page.data) throw new Error(`session:join refused: ${page.error?.code}: ${page.error?.message}`);
    at = page.data.events.at(-1)?.seq ?? at;
    onPage(page.data.events, !page.data.hasMore);
    if (!page.data.hasMore) return pages;
  }
  throw new Error('catch-up did not end within 1,000 pages');
}

/*
 * The client's catch-up: the pages are buffered and applied in one batch when the last arrives,
 * or every `catchUpApplyEvery` events (the default of client/src/realtime/SessionSync.ts, mirrored:
 * the client's modules are not a public entry), each batch with the client's `foldBatch`.
 */
const catchUpApplyEvery = 10_000;

/** Receives and applies every event after `from.lastSeq` as the client does; the time spent applying. */
async function catchUp(
  socket: Socket,
  from: SessionState,
): Promise<{ state: SessionState; applyMs: number; pages: number }> {
  let state = from;
  let applyMs = 0;
  let buffered: SessionEvent[] = [];
  const pages = await pageThrough(socket, from.sessionId, from.lastSeq, (events, last) => {
    buffered.push(...events);
    if (!last && buffered.length < catchUpApplyEvery) return;
    const t = performance.now();
    state = foldBatch(state, buffered);
    applyMs += performance.now() - t;
    buffered = [];
  });
  return { state, applyMs, pages };
}

/** A client of Plenum that knows the log up to some seq: its folded state. */
async function fetchState(url: string, token: string, sessionId: string): Promise<SessionState> {
  const socket = await connectClient(url, token);
  try {
    return (await catchUp(socket, emptySessionState(sessionId))).state;
  } finally {
    socket.disconnect();
  }
}

/** Reconnect, then receive and apply every missed event: the Plenum client's path. */
async function reconnectPlenum(
  url: string,
  token: string,
  from: SessionState,
): Promise<{ ms: number; applyMs: number; pages: number; state: SessionState }> {
  const t0 = performance.now();
  const socket = await connectClient(url, token);
  try {
    const run = await catchUp(socket, from);
    return { ms: performance.now() - t0, ...run };
  } finally {
    socket.disconnect();
  }
}

/** The same pages from the bare server (synthetic events, same shape), parsed but not applied. */
async function reconnectBare(url: string, afterSeq: number): Promise<number> {
  const t0 = performance.now();
  const socket = await connectClient(url, 'bare');
  try {
    await pageThrough(socket, 'bare', afterSeq, () => undefined);
    return performance.now() - t0;
  } finally {
    socket.disconnect();
  }
}

/**
 * Catch-up: a client folds the log, goes away, `counts` events are appended meanwhile, and it
 * reconnects: time from the new connection to the last missed event applied (median of
 * `repeats`). The baseline is the bare server sending as many events of the same size in the
 * same pages, which the client only parses.
 */
export async function measureCatchUp(
  config: BenchConfig,
  log: (line: string) => void,
  options: StartOptions,
): Promise<CatchUpResult> {
  const children: Child<unknown>[] = [];
  try {
    const [bare, plenum] = await Promise.all([
      startBare(options).then((c) => (children.push(c), c)),
      startPlenum({ officials: 1 }, options).then((c) => (children.push(c), c)),
    ]);
    await startItem(plenum);
    const url = urlOf(plenum);
    const token = plenum.ready.officialTokens[0]!;
    const state0 = await fetchState(url, token, plenum.ready.sessionId);
    // Warm-up of both paths (JIT, first-use costs), not counted.
    await plenum.control<number>('append', { count: 500 });
    let base = (await reconnectPlenum(url, token, state0)).state;
    let bareSeq = await bare.control<number>('advance', 500);
    await reconnectBare(urlOf(bare), 0);
    const points: CatchUpPoint[] = [];
    for (const count of config.catchup.counts) {
      // The client knows the log up to `base`; `count` events are appended while it is away.
      const head = await plenum.control<number>('append', { count });
      const bareFrom = bareSeq;
      bareSeq = await bare.control<number>('advance', count);
      const point: CatchUpPoint = {
        missed: head - base.lastSeq,
        stateEvents: base.lastSeq,
        plenumMs: [],
        applyMs: [],
        bareMs: [],
        pages: 0,
      };
      let caughtUp = base;
      for (let i = 0; i < config.catchup.repeats; i++) {
        const run = await reconnectPlenum(url, token, base);
        if (run.state.lastSeq < head)
          throw new Error(`catch-up ended at seq ${run.state.lastSeq}, the log is at ${head}`);
        point.plenumMs.push(run.ms);
        point.applyMs.push(run.applyMs);
        point.pages = run.pages;
        caughtUp = run.state;
        point.bareMs.push(await reconnectBare(urlOf(bare), bareFrom));
      }
      base = caughtUp;
      points.push(point);
      log(
        `catch-up of ${point.missed} events: Plenum ${round(median(point.plenumMs))} ms, bare ${round(median(point.bareMs))} ms`,
      );
    }
    return { points };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}

export function catchUpFigures(r: CatchUpResult, config: BenchConfig): Figure[] {
  return r.points.map((p, i) =>
    figure({
      id: `catchup.${config.catchup.counts[i]}`,
      group: 'catch-up',
      label: `reconnect + apply ${p.missed.toLocaleString('en-US')} missed events`,
      unit: 'ms',
      value: median(p.plenumMs),
      baseline: median(p.bareMs),
      baselineOf: 'bare: same pages, parsed only',
      goal: i === r.points.length - 1 ? { text: '≤ 500 ms', check: (v) => v <= 500 } : undefined,
      note: `${p.pages} pages; Plenum runs ${p.plenumMs.map((x) => Math.round(x)).join(', ')} ms, of which applying (the pages buffered and folded as the client does) ${p.applyMs.map((x) => Math.round(x)).join(', ')} ms; the client's state held ${p.stateEvents.toLocaleString('en-US')} events before`,
    }),
  );
}
