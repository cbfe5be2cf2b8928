import { outboundMeter } from '@plenum/server';
import { newEvent, type Ack, type SessionJoinResult } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { sendJoin } from '../helpers/factories.js';
import { printFigures } from './helpers/figures.js';
import { startFaultApp } from './helpers/faultApp.js';

const capBytes = 1024 * 1024;

/**
 * A client joins, stops reading its socket, and keeps asking for big pages of the log. What
 * the server buffers for it is measured on the server's side.
 */
async function slowConsumer(outboundBytes: number | false) {
  // The read budget (P12) would refuse most of these pages before they are queued: off here,
  // so that what bounds the buffer is the outbound cap alone.
  const server = await startFaultApp({
    store: 'memory',
    logLevel: 'warn',
    protections: { outboundBytes, reads: false },
  });
  // 500 criticisms of 4,000 characters: one page of the log is about 2 MB.
  await server.app.commands.appendSystem(server.sessionId, server.participants.official.id, () =>
    Array.from({ length: 500 }, (_, i) =>
      newEvent('criticism:posted', {
        itemId: 'item-2',
        category: 'other',
        severity: 'low',
        indicatorId: null,
        text: `${i} ${'x'.repeat(3990)}`,
        criticismId: `big-${i}`,
        unitId: null,
      }),
    ),
  );
  const slow = await connectClient(server.url, { token: server.tokens.official, reconnection: false });
  await sendJoin(slow, { sessionId: server.sessionId, afterSeq: await server.head() });
  const serverSide = server.app.io.sockets.sockets.get(slow.id!)!;
  const meter = outboundMeter(serverSide)!;
  // Stop reading: the kernel buffers fill, then the server's.
  const transport = slow.io.engine.transport as unknown as { ws?: { _socket?: { pause(): void } } };
  transport.ws!._socket!.pause();
  let cutByServer = false;
  serverSide.on('disconnect', (reason) => {
    if (reason === 'server namespace disconnect') cutByServer = true;
  });
  const requests = 15;
  for (let i = 0; i < requests; i++) {
    slow.emit(
      'session:join',
      { sessionId: server.sessionId, afterSeq: 0 },
      (_answer: Ack<SessionJoinResult>) => undefined,
    );
  }
  const started = performance.now();
  while (!cutByServer && performance.now() - started < 5000) await new Promise((r) => setTimeout(r, 50));
  const heap = process.memoryUsage().heapUsed;
  slow.disconnect();
  // Drop the connection outright: a closing handshake would wait behind the buffered megabytes.
  (
    serverSide.conn as unknown as { transport?: { socket?: { terminate?: () => void } } }
  ).transport?.socket?.terminate?.();
  return {
    cutByServer,
    peak: meter.peakBytes(),
    requested: requests * 2_050_000,
    heap,
    afterMs: performance.now() - started,
  };
}

function checkSlowConsumerBars(r: Awaited<ReturnType<typeof slowConsumer>>): void {
  const broken: string[] = [];
  if (!r.cutByServer) broken.push('the slow consumer was not disconnected');
  // At most the cap plus one message (a page of about 2 MB) is ever held for it.
  if (r.peak > capBytes + 2_200_000) broken.push(`${r.peak} bytes were queued for it`);
  if (broken.length > 0) throw new Error(`slow-consumer bars broken: ${broken.join('; ')}`);
}

describe('slow consumer', () => {
  test('P13: a client that stops reading is disconnected once 1 MiB waits for it; the server never holds more than the cap plus one message', async () => {
    const r = await slowConsumer(capBytes);
    printFigures('slow consumer', {
      'cap (bytes)': capBytes,
      'bytes requested by the client': r.requested,
      'peak bytes queued for it': r.peak,
      'disconnected by the server': r.cutByServer,
      'ms until disconnected': r.afterMs,
    });
    checkSlowConsumerBars(r);
  }, 60_000);

  test('negative control: without the cap, the server keeps buffering for the slow client', async () => {
    const r = await slowConsumer(false);
    printFigures('slow consumer — negative control (no cap)', {
      'peak bytes queued for it': r.peak,
      'disconnected by the server': r.cutByServer,
    });
    expect(() => checkSlowConsumerBars(r)).toThrow(/not disconnected/);
    expect(r.peak).toBeGreaterThan(4 * capBytes);
  }, 60_000);
});
