import {
  emptySessionState,
  foldBatch,
  Limits,
  PROTOCOL_VERSION,
  readSavedState,
  stateVersion,
  type SessionEvent,
  type SessionState,
} from '@plenum/shared';
import { io, type Socket } from 'socket.io-client';
import type { BenchConfig } from '../config.js';
import type { Child } from '../lib/children.js';
import { nextLoopbackAddress } from '../lib/clients.js';
import { figure, type Figure } from '../lib/report.js';
import { startBare, startItem, startPlenum, urlOf, type StartOptions } from '../lib/servers.js';
import { median, round } from '../lib/stats.js';

interface JoinPage {
  ok: boolean;
  data?: {
    headSeq: number;
    state?: { seq: number; value: Uint8Array };
    events: SessionEvent[];
    hasMore: boolean;
  };
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

/** A first visit (from 0) on the log as a point left it, with and without the saved state (P26). */
export interface FirstVisitPoint {
  /** The log's head when the client joined. */
  head: number;
  /** `seq` of the saved state the server answered with; 0: none (over half the outbound bound, P13). */
  stateSeq: number;
  withStateMs: number[];
  withoutStateMs: number[];
  /** Bytes the client's connection read, deflated as they crossed it (the last run's). */
  withStateBytes: number;
  withoutStateBytes: number;
  withStatePages: number;
  withoutStatePages: number;
}

export interface CatchUpResult {
  points: CatchUpPoint[];
  firstVisits: FirstVisitPoint[];
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
 * Bytes the client's TCP connection has read so far (the WebSocket under engine.io): what
 * crossed the wire, deflated. Private fields of engine.io-client and ws: instrumentation only.
 */
function bytesRead(socket: Socket): number {
  const engine = socket.io.engine as unknown as { transport?: { ws?: { _socket?: { bytesRead: number } } } };
  const bytes = engine.transport?.ws?._socket?.bytesRead;
  if (bytes === undefined) throw new Error('the client’s connection is not a WebSocket over TCP');
  return bytes;
}

/**
 * Pages through the log from `afterSeq` (500 a page, while `hasMore`), handing each page to
 * `onPage` with whether it was the last; with `asksForState`, the first join asks for the saved
 * state (P26). Returns how many pages it took.
 */
async function pageThrough(
  socket: Socket,
  sessionId: string,
  afterSeq: number,
  onPage: (page: NonNullable<JoinPage['data']>, last: boolean) => void,
  asksForState = false,
): Promise<number> {
  let at = afterSeq;
  for (let pages = 1; pages <= 1000; pages++) {
    const request = { sessionId, afterSeq: at, ...(asksForState && pages === 1 ? { stateVersion } : {}) };
    const page = (await socket.timeout(30_000).emitWithAck('session:join', request)) as JoinPage;
    if (!page.ok || !page.data) throw new Error(`session:join refused: ${page.error?.code}: ${page.error?.message}`);
    at = page.data.events.at(-1)?.seq ?? page.data.state?.seq ?? at;
    onPage(page.data, !page.data.hasMore);
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

/**
 * Receives and applies every event after `from.lastSeq` as the client does, adopting the saved
 * state when it comes first (with `asksForState`, P26); the time spent applying (and reading the state).
 */
async function catchUp(
  socket: Socket,
  from: SessionState,
  asksForState = false,
): Promise<{ state: SessionState; applyMs: number; pages: number; stateSeq: number }> {
  let state = from;
  let applyMs = 0;
  let stateSeq = 0;
  let buffered: SessionEvent[] = [];
  const onPage = (page: NonNullable<JoinPage['data']>, last: boolean) => {
    const t = performance.now();
    if (page.state) {
      const saved = readSavedState(page.state.value, from.sessionId, page.state.seq);
      if (!saved) throw new Error(`the saved state at seq ${page.state.seq} cannot be read`);
      state = saved;
      stateSeq = page.state.seq;
    }
    buffered.push(...page.events);
    if (last || buffered.length >= catchUpApplyEvery) {
      state = foldBatch(state, buffered);
      buffered = [];
    }
    applyMs += performance.now() - t;
  };
  const pages = await pageThrough(socket, from.sessionId, from.lastSeq, onPage, asksForState);
  return { state, applyMs, pages, stateSeq };
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

/** A first visit: joins from 0, asking for the saved state or not, and folds what comes as the client does. */
async function firstVisit(
  url: string,
  token: string,
  sessionId: string,
  asksForState: boolean,
): Promise<{ ms: number; bytes: number; pages: number; stateSeq: number; state: SessionState }> {
  const t0 = performance.now();
  const socket = await connectClient(url, token);
  try {
    const run = await catchUp(socket, emptySessionState(sessionId), asksForState);
    return { ms: performance.now() - t0, bytes: bytesRead(socket), ...run };
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
      // One official reconnects, another visits from 0. The runs read thousands of events a
      // second, again and again: the read budget of a participant (P12) would refuse them.
      startPlenum({ officials: 2, unbudgetedReads: true }, options).then((c) => (children.push(c), c)),
    ]);
    await startItem(plenum);
    const url = urlOf(plenum);
    const [token, visitToken] = plenum.ready.officialTokens as [string, string];
    const { sessionId } = plenum.ready;
    // The visitor's first join, with its attendance (P21), before the log's head is taken.
    await fetchState(url, visitToken, sessionId);
    const state0 = await fetchState(url, token, sessionId);
    // Warm-up of both paths (JIT, first-use costs), not counted.
    await plenum.control<number>('append', { count: 500 });
    let base = (await reconnectPlenum(url, token, state0)).state;
    let bareSeq = await bare.control<number>('advance', 500);
    await reconnectBare(urlOf(bare), 0);
    const points: CatchUpPoint[] = [];
    const firstVisits: FirstVisitPoint[] = [];
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
      points.push(point);
      log(
        `catch-up of ${point.missed} events: Plenum ${round(median(point.plenumMs))} ms, bare ${round(median(point.bareMs))} ms`,
      );

      // A first visit on this log: the state saved at the head, as a pause saves it, then half a
      // page more, so that the answer holds the state and events after it.
      await plenum.control('snapshot');
      const visitHead = await plenum.control<number>('append', { count: Limits.pageSize / 2 });
      const visit: FirstVisitPoint = {
        head: visitHead,
        stateSeq: 0,
        withStateMs: [],
        withoutStateMs: [],
        withStateBytes: 0,
        withoutStateBytes: 0,
        withStatePages: 0,
        withoutStatePages: 0,
      };
      let visited = caughtUp;
      for (let i = 0; i < config.catchup.repeats; i++) {
        const without = await firstVisit(url, visitToken, sessionId, false);
        const withState = await firstVisit(url, visitToken, sessionId, true);
        for (const run of [without, withState]) {
          if (run.state.lastSeq < visitHead)
            throw new Error(`the first visit ended at seq ${run.state.lastSeq}, the log is at ${visitHead}`);
        }
        visited = withState.state;
        visit.withoutStateMs.push(without.ms);
        visit.withStateMs.push(withState.ms);
        Object.assign(visit, {
          stateSeq: withState.stateSeq,
          withStateBytes: withState.bytes,
          withoutStateBytes: without.bytes,
          withStatePages: withState.pages,
          withoutStatePages: without.pages,
        });
      }
      firstVisits.push(visit);
      log(
        `first visit on ${visitHead} events: with the saved state ${round(median(visit.withStateMs))} ms, ${visit.withStateBytes} B; without ${round(median(visit.withoutStateMs))} ms, ${visit.withoutStateBytes} B`,
      );
      // The next point starts from the head: the visits' state is the same fold.
      base = visited;
    }
    return { points, firstVisits };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}

export function catchUpFigures(r: CatchUpResult, config: BenchConfig): Figure[] {
  const reconnects = r.points.map((p, i) =>
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
  const firstVisits = r.firstVisits.map((v, i) =>
    figure({
      id: `catchup.state.${config.catchup.counts[i]}`,
      group: 'catch-up',
      label: `first visit on ${v.head.toLocaleString('en-US')} events, with the saved state`,
      unit: 'ms',
      value: median(v.withStateMs),
      baseline: median(v.withoutStateMs),
      baselineOf: 'Plenum: the same visit folding the whole log',
      note: `${v.stateSeq > 0 ? `the state saved at seq ${v.stateSeq.toLocaleString('en-US')}, then ${(v.head - v.stateSeq).toLocaleString('en-US')} events` : 'no state sent: the saved state is over half the outbound bound (P13), so the log is folded'}; ${v.withStatePages} page(s) and ${v.withStateBytes.toLocaleString('en-US')} bytes read (deflated) against ${v.withoutStatePages} pages and ${v.withoutStateBytes.toLocaleString('en-US')} bytes; runs ${v.withStateMs.map((x) => Math.round(x)).join(', ')} ms against ${v.withoutStateMs.map((x) => Math.round(x)).join(', ')} ms`,
    }),
  );
  return [...reconnects, ...firstVisits];
}
