import { existsSync } from 'node:fs';
import { PROTOCOL_VERSION } from '@plenum/shared';
import { chromium, type Browser, type Request } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { chromiumArgs, chromiumPath } from '../../helpers/chromium.js';
import { clientDist, ensureClientBuilt } from '../../helpers/clientBuild.js';
import { figure, type Figure } from '../lib/report.js';
import { startBare, startPlenum, startSeededPlenum, urlOf, type StartOptions } from '../lib/servers.js';
import { round } from '../lib/stats.js';
import { measureFanoutBytes, type FanoutBytes } from './fanoutBytes.js';

/** What a screen received on one visit, until its connection badge read "Live" and its role's screen showed. */
export interface VisitBytes {
  /** HTTP response bodies as sent (compressed); nothing for what came from a cache. */
  http: number;
  /** WebSocket messages as the page read them (after inflating). */
  socket: number;
}

export interface BytesResult {
  screens: { role: 'chair' | 'official'; first: VisitBytes; second: VisitBytes }[];
  /** One join answer of a full page (500 events), as bytes read from the TCP socket. */
  join: { events: number; deflated: number; plain: number };
  /** One broadcast of one event and of a tick's batch, as each listener reads it, plain and deflated. */
  fanout: FanoutBytes[];
}

/** Events in the broadcasts measured: one criticism, and a batch of a busy tick. */
export const fanoutEventCounts = [1, 8] as const;

const seedEvents = 500;

/** Opens `link` twice in one browser context (the second visit has the cache and the service worker). */
async function visitTwice(browser: Browser, link: string): Promise<[VisitBytes, VisitBytes]> {
  const context = await browser.newContext();
  try {
    const visit = async (): Promise<VisitBytes> => {
      const page = await context.newPage();
      const bytes: VisitBytes = { http: 0, socket: 0 };
      const sized: Promise<void>[] = [];
      const onFinished = (request: Request) => {
        sized.push(
          request.sizes().then((sizes) => {
            bytes.http += Math.max(0, sizes.responseBodySize);
          }),
        );
      };
      page.on('requestfinished', onFinished);
      page.on('websocket', (ws) => {
        ws.on('framereceived', (frame) => {
          bytes.socket += typeof frame.payload === 'string' ? Buffer.byteLength(frame.payload) : frame.payload.length;
        });
      });
      await page.goto(link, { waitUntil: 'commit', timeout: 30_000 });
      await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor({ timeout: 30_000 });
      // The role's screen is fetched once the join answer names the role: its code counts too.
      await page.getByTestId('screen-loading').waitFor({ state: 'detached', timeout: 30_000 });
      // A request that finishes after this point would ask for its sizes of a closing page (an
      // unhandled rejection that ends the run): stop listening before waiting on the ones heard.
      page.off('requestfinished', onFinished);
      await Promise.all(sized);
      await page.close();
      return bytes;
    };
    const first = await visit();
    return [first, await visit()];
  } finally {
    await context.close();
  }
}

/** Bytes read from the TCP socket for one join answer of `afterSeq` 0, with deflate offered or not. */
async function joinWireBytes(url: string, token: string, sessionId: string, deflate: boolean): Promise<number> {
  const socket: Socket = io(url, {
    forceNew: true,
    transports: ['websocket'],
    reconnection: false,
    auth: { token, protocolVersion: PROTOCOL_VERSION },
    // engine.io-client offers permessage-deflate to the server unless told not to.
    perMessageDeflate: deflate ? { threshold: 1024 } : false,
  } as Parameters<typeof io>[1]);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    // The ws client's TCP socket, under engine.io's transport.
    const tcp = () =>
      (socket.io.engine.transport as unknown as { ws: { _socket: { bytesRead: number } } }).ws._socket.bytesRead;
    const before = tcp();
    const answer = (await socket.timeout(30_000).emitWithAck('session:join', { sessionId, afterSeq: 0 })) as {
      ok: boolean;
      data?: { events: unknown[] };
    };
    if (!answer.ok || (answer.data?.events.length ?? 0) < seedEvents)
      throw new Error('the join answer is not a full page');
    return tcp() - before;
  } finally {
    socket.disconnect();
  }
}

/**
 * Bytes per screen on a first and a second visit (the chair's and an official's, in Chromium
 * over loopback), and the wire bytes of a full join answer with per-message deflate and without.
 */
export async function measureBytes(log: (line: string) => void, options: StartOptions): Promise<BytesResult> {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found`);
  // The bundle `client` left in client/dist, or built here when it is stale (a fresh clone).
  await ensureClientBuilt();
  // A witness of the machine: the bare server, idle beside Plenum while the browser loads the
  // screens on the same two cores; its longest stall goes in the note of `loop.bytes`.
  const witness = await startBare(options);
  try {
    return await measureScreens(clientDist, log, options);
  } finally {
    await witness.stop();
  }
}

async function measureScreens(
  clientDir: string,
  log: (line: string) => void,
  options: StartOptions,
): Promise<BytesResult> {
  const screens: BytesResult['screens'] = [];
  const server = await startPlenum({ officials: 1, clientDir }, options);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
      headless: true,
      timeout: 60_000,
    });
    const url = urlOf(server);
    const tokens = { chair: server.ready.chairToken, official: server.ready.officialTokens[0]! };
    for (const role of ['chair', 'official'] as const) {
      const [first, second] = await visitTwice(browser, `${url}/s/${server.ready.sessionId}#token=${tokens[role]}`);
      screens.push({ role, first, second });
      log(
        `bytes: ${role} first visit ${first.http} B HTTP + ${first.socket} B socket; second ${second.http} + ${second.socket}`,
      );
    }
  } finally {
    await browser?.close();
    await server.stop();
  }

  const seeded = await startSeededPlenum({ officials: 1, seedEvents }, options);
  try {
    const { ready } = seeded.child;
    const url = urlOf(seeded.child);
    const token = ready.officialTokens[0]!;
    const plain = await joinWireBytes(url, token, ready.sessionId, false);
    const deflated = await joinWireBytes(url, token, ready.sessionId, true);
    log(`bytes: a join answer of ${seedEvents} events is ${deflated} B deflated, ${plain} B plain`);
    const fanout = await measureFanoutBytes(fanoutEventCounts);
    for (const f of fanout)
      log(
        `bytes: a broadcast of ${f.events} event(s) (${f.messageBytes} B of JSON) is ${f.deflated} B deflated, ${f.plain} B plain, per listener`,
      );
    return { screens, join: { events: seedEvents, deflated, plain }, fanout };
  } finally {
    await seeded.child.stop();
    seeded.cleanup();
  }
}

/** At 256 kbit/s a screen live in 5 s can receive about this much. */
const firstVisitGoalKb = 160;

export function bytesFigures(r: BytesResult): Figure[] {
  const kB = (bytes: number) => bytes / 1000;
  const total = (v: VisitBytes) => v.http + v.socket;
  return [
    ...r.screens.flatMap(({ role, first, second }) => [
      figure({
        id: `bytes.${role}.first`,
        group: 'bytes',
        label: `${role} screen, first visit`,
        unit: 'kB',
        value: kB(total(first)),
        baseline: firstVisitGoalKb,
        baselineOf: `goal (${firstVisitGoalKb} kB: 5 s at 256 kbit/s)`,
        goal: { text: `≤ ${firstVisitGoalKb} kB`, check: (v) => v <= firstVisitGoalKb },
        note: `${round(kB(first.http))} kB of HTTP bodies as sent + ${round(kB(first.socket))} kB of socket messages as read (inflated)`,
      }),
      figure({
        id: `bytes.${role}.second`,
        group: 'bytes',
        label: `${role} screen, second visit`,
        unit: 'kB',
        value: kB(total(second)),
        baseline: kB(total(first)),
        baselineOf: 'the first visit',
        note: `${round(kB(second.http))} kB of HTTP bodies + ${round(kB(second.socket))} kB of socket messages (inflated); the rest comes from the service worker's cache`,
      }),
    ]),
    figure({
      id: 'bytes.join.deflated',
      group: 'bytes',
      label: `join answer of ${r.join.events} events on the wire, deflated`,
      unit: 'kB',
      value: kB(r.join.deflated),
      baseline: kB(r.join.plain),
      baselineOf: 'the same answer uncompressed',
      note: 'bytes read from the TCP socket; broadcasts and other messages under 1 kB are never compressed',
    }),
    ...r.fanout.map((f) =>
      figure({
        id: `bytes.fanout.${f.events}`,
        group: 'bytes',
        label: `broadcast of ${f.events} event${f.events === 1 ? '' : 's'} per listener offering deflate`,
        unit: 'B',
        value: f.deflated,
        baseline: f.plain,
        baselineOf: 'the same broadcast to a listener not offering deflate',
        note: `${f.messageBytes} B of JSON, sent with compress(false) as the Broadcaster sends it; wire bytes per listener of a room of 20, with the gateway's deflate options`,
      }),
    ),
  ];
}
