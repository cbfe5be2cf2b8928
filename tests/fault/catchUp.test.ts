import { isDeepStrictEqual } from 'node:util';
import { emptySessionState, foldEvents, newEvent, type SessionEvent } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { connectClient, type ClientSocket } from '../helpers/connectClient.js';
import { postCriticism, sendOk, startItem } from '../helpers/factories.js';
import { FaultClient, type FaultClientOptions } from './helpers/faultClient.js';
import { count, printFigures } from './helpers/figures.js';
import { startFaultApp, type FaultApp } from './helpers/faultApp.js';
import type { Faults } from './helpers/faults.js';

const offlineEvents = count(10_000, 50_000);

async function serverLog(server: FaultApp): Promise<SessionEvent[]> {
  const log: SessionEvent[] = [];
  for (;;) {
    const page = await server.store.read(server.sessionId, log.at(-1)?.seq ?? 0, 5000);
    if (page.length === 0) return log;
    log.push(...page);
  }
}

/** The chair, having put item-2 on the floor. */
async function chairOnItemTwo(server: FaultApp): Promise<ClientSocket> {
  const chair = await connectClient(server.url, { token: server.tokens.chair });
  await sendOk(chair, server.sessionId, startItem('item-2'));
  return chair;
}

/** The official's fault client in the app's session, joined and caught up. */
async function readyOfficial(
  server: FaultApp,
  options: Omit<FaultClientOptions, 'url' | 'token' | 'sessionId'>,
): Promise<FaultClient> {
  const client = new FaultClient({
    url: server.url,
    token: server.tokens.official,
    sessionId: server.sessionId,
    ...options,
  });
  await client.ready();
  return client;
}

/** `n` criticisms on item-2, appended by the server in batches (each batch one transaction). */
async function appendCriticisms(server: FaultApp, n: number, tag: string): Promise<void> {
  const batch = 250;
  for (let done = 0; done < n; done += batch) {
    await server.app.commands.appendSystem(server.sessionId, server.participants.official.id, () =>
      Array.from({ length: Math.min(batch, n - done) }, (_, i) =>
        newEvent('criticism:posted', {
          itemId: 'item-2',
          category: 'shortfall',
          severity: 'low',
          indicatorId: null,
          text: `${tag} ${done + i}`,
          criticismId: `${tag}-${done + i}`,
          unitId: 'riverside-steel',
        }),
      ),
    );
  }
}

interface CatchUpFigures {
  missed: number;
  pages: number;
  liveDuringCatchUp: number;
  gaps: number;
  duplicatesApplied: number;
  stateEqualsFold: boolean;
}

async function offlineCatchUp(naiveFolding: boolean): Promise<CatchUpFigures> {
  const server = await startFaultApp({ heartbeatMs: 60_000 });
  const chair = await chairOnItemTwo(server);
  const away = await readyOfficial(server, { name: 'away', naiveFolding });
  const lastSeq = away.lastSeq;
  away.socket.disconnect();

  await appendCriticisms(server, offlineEvents, 'offline');
  const missed = (await server.head()) - lastSeq;

  // Back online: the catch-up pages through the log while the chair keeps committing.
  const receivedBefore = away.received.length;
  const joinsBefore = away.stats.joins;
  away.socket.connect();
  let live = 0;
  while (live < 20) {
    await sendOk(chair, server.sessionId, postCriticism('item-2', { text: `Live point ${live}` }));
    live++;
  }
  await away.ready();
  const head = await server.head();
  while (away.lastSeq < head) await away.catchUp();
  const received = away.received.slice(receivedBefore).map((r) => r.event.seq);
  const log = await serverLog(server);
  // What the client applied, in order: each seq once, from lastSeq + 1 to the head.
  const applied = naiveFolding ? received : [...new Set(received)].sort((a, b) => a - b);
  const expected = Array.from({ length: head - lastSeq }, (_, i) => lastSeq + 1 + i);
  const seen = new Set(applied);
  const figures = {
    missed,
    pages: away.stats.joins - joinsBefore,
    liveDuringCatchUp: live,
    gaps: expected.filter((seq) => !seen.has(seq)).length,
    duplicatesApplied: naiveFolding ? received.length - new Set(received).size : 0,
    stateEqualsFold: isDeepStrictEqual(away.state, foldEvents(emptySessionState(server.sessionId), log)),
  };
  away.close();
  return figures;
}

function checkCatchUpBars(f: CatchUpFigures): void {
  const broken: string[] = [];
  if (f.gaps !== 0) broken.push(`${f.gaps} gaps`);
  if (f.duplicatesApplied !== 0) broken.push(`${f.duplicatesApplied} duplicates applied`);
  if (!f.stateEqualsFold) broken.push("the client's state differs from the server's fold");
  if (broken.length > 0) throw new Error(`catch-up bars broken: ${broken.join('; ')}`);
}

describe('catch-up', () => {
  test(`P4: a client offline while ${offlineEvents.toLocaleString('en')} events happen catches up in pages, with events still arriving live: no gap, no duplicate, state equal to the fold`, async () => {
    const f = await offlineCatchUp(false);
    printFigures('catch-up after being offline', {
      'events missed while offline': f.missed,
      'pages (session:join)': f.pages,
      'commands committed during the catch-up': f.liveDuringCatchUp,
      gaps: f.gaps,
      'duplicates applied': f.duplicatesApplied,
      'state equals the fold': f.stateEqualsFold,
    });
    expect(f.missed).toBeGreaterThanOrEqual(offlineEvents);
    expect(f.pages).toBeGreaterThanOrEqual(Math.ceil(offlineEvents / 500));
    checkCatchUpBars(f);
  }, 120_000);

  test('negative control: a client that applies what arrives without dropping seq <= lastSeq (P4 off) applies duplicates and ends in another state', async () => {
    const f = await offlineCatchUp(true);
    printFigures('catch-up — negative control (no duplicate drop)', {
      gaps: f.gaps,
      'duplicates applied': f.duplicatesApplied,
      'state equals the fold': f.stateEqualsFold,
    });
    expect(() => checkCatchUpBars(f)).toThrow(/duplicates applied/);
  }, 120_000);

  async function missedLiveEvent(heartbeatMs: number): Promise<{ behindAfterWait: number; waitedMs: number }> {
    const server = await startFaultApp({ store: 'memory', heartbeatMs });
    const client = await readyOfficial(server, { name: 'lossy' });
    const chair = await connectClient(server.url, { token: server.tokens.chair });
    // Every attendance is in and heard first: the start below is then the last event there is.
    const head = await server.head();
    while (client.lastSeq < head) await new Promise((r) => setTimeout(r, 20));
    // The next live message is lost on the way (as if a proxy dropped it).
    const socket = client.socket as unknown as {
      listeners(e: string): ((m: unknown) => void)[];
      off(e: string, l: unknown): void;
      on(e: string, l: unknown): void;
    };
    const [listener] = socket.listeners('session:events');
    socket.off('session:events', listener);
    let dropped = 0;
    socket.on('session:events', (message: unknown) => {
      if (dropped++ === 0) return;
      listener!(message);
    });
    const seq = await sendOk(chair, server.sessionId, startItem('item-2'));
    const started = performance.now();
    const waitMs = 1500;
    while (client.lastSeq < seq && performance.now() - started < waitMs) await new Promise((r) => setTimeout(r, 20));
    return { behindAfterWait: seq - client.lastSeq, waitedMs: performance.now() - started };
  }

  test('P5: a client that lost a live event (and hears nothing more) learns the head from the heartbeat and catches up', async () => {
    const r = await missedLiveEvent(200);
    printFigures('heartbeat', { 'events behind after the wait': r.behindAfterWait, 'ms until caught up': r.waitedMs });
    expect(r.behindAfterWait).toBe(0);
  });

  test('negative control: without a heartbeat within the wait, the same client stays behind', async () => {
    const r = await missedLiveEvent(600_000);
    expect(r.behindAfterWait).toBeGreaterThan(0);
  });

  /** Once armed, drops the official's connection when its next command commits, before the ack. */
  function loseFirstAck(server: () => FaultApp): Faults & { armed: boolean } {
    let done = false;
    return {
      armed: false,
      async reach(point, context) {
        if (point !== 'after-commit' || done || !this.armed) return;
        done = true;
        for (const socket of server().app.io.sockets.sockets.values()) {
          if (socket.data.participant.role === 'official') socket.conn.close();
        }
        await Promise.resolve(context);
      },
    };
  }

  async function lostAck(freshIdOnRetry: boolean) {
    const ref: { server: FaultApp | null } = { server: null };
    const faults = loseFirstAck(() => ref.server!);
    const server = await startFaultApp({ faults });
    ref.server = server;
    await chairOnItemTwo(server);
    const official = await readyOfficial(server, { name: 'official', freshIdOnRetry, ackTimeoutMs: 2000 });
    faults.armed = true;
    const op = await official.run(
      postCriticism('item-2', { text: 'Acked once, committed once [op:lost-ack]' }),
      'lost-ack',
    );
    const log = await serverLog(server);
    const copies = log.filter((e) => JSON.stringify(e.payload).includes('[op:lost-ack]'));
    const stored = await server.store.findCommand(server.sessionId, op.commandIds[0]!);
    return { op, copies, stored };
  }

  test('P2: a lost acknowledgement followed by a retry with the same command id returns the same seq, and the log holds the command once', async () => {
    const { op, copies, stored } = await lostAck(false);
    printFigures('lost ack', {
      attempts: op.attempts,
      'copies in the log': copies.length,
      'acked seq': op.answer?.ok ? op.answer.data.seq : 'refused',
      'stored seq': stored?.result.seq ?? 'none',
    });
    expect(op.attempts).toBeGreaterThanOrEqual(2);
    expect(op.answer).toEqual({ ok: true, data: { seq: stored!.result.seq } });
    expect(copies).toHaveLength(1);
    expect(copies[0]!.seq).toBe(stored!.result.seq);
  });

  test('negative control: retrying under a fresh command id appends the criticism twice', async () => {
    const { op, copies } = await lostAck(true);
    expect(op.attempts).toBeGreaterThanOrEqual(2);
    expect(copies).toHaveLength(2);
  });
});
