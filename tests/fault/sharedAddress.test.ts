import type { Protections } from '@plenum/server';
import { describe, expect, test } from 'vitest';
import { connectClient, type ClientSocket } from '../helpers/connectClient.js';
import { newCommandId, postCriticism, sendCommand, sendOk, startItem } from '../helpers/factories.js';
import { printFigures } from './helpers/figures.js';
import { startFaultApp, type FaultApp } from './helpers/faultApp.js';

const officials = 12;
const inFlight = 4;
const commandsEach = 40;

/**
 * The base budget of an address, small enough that the officials' commands exceed it at any
 * speed of the machine, so that only the scaling with participants can let them through.
 */
const smallAddress: Partial<Protections> = {
  messages: {
    perSocket: { capacity: 200, refillPerSecond: 100 },
    perAddress: { capacity: 100, refillPerSecond: 10 },
  },
};

async function officeServer(protections: Partial<Protections>): Promise<FaultApp> {
  const server = await startFaultApp({ store: 'memory', logLevel: 'warn', protections });
  const chair = await connectClient(server.url, { token: server.tokens.chair });
  await sendOk(chair, server.sessionId, startItem('item-2'));
  chair.disconnect();
  return server;
}

/** Sends `total` criticisms over `socket`, `inFlight` at a time; counts the answers by kind. */
async function sendMany(server: FaultApp, socket: ClientSocket, total: number, tally: Record<string, number>) {
  let next = 0;
  const lane = async () => {
    while (next < total) {
      next++;
      const ack = await sendCommand(socket, server.sessionId, postCriticism('item-2'), newCommandId(), 10_000).catch(
        () => null,
      );
      const kind = ack === null ? 'no answer' : ack.ok ? 'ok' : ack.error.code;
      tally[kind] = (tally[kind] ?? 0) + 1;
      if (!socket.connected) return;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
}

/** Twelve officials behind one address (loopback), each with 4 commands in flight. */
async function office(protections: Partial<Protections>) {
  const server = await officeServer(protections);
  const tokens = await Promise.all(Array.from({ length: officials }, () => server.invite('official')));
  const sockets = await Promise.all(
    tokens.map(({ token }) => connectClient(server.url, { token, reconnection: false })),
  );
  const tally: Record<string, number> = {};
  await Promise.all(sockets.map((socket) => sendMany(server, socket, commandsEach, tally)));
  return { tally, disconnected: sockets.filter((s) => !s.connected).length };
}

/**
 * One participant's five sockets, each sending within its own socket's budget; the command
 * limits are off, so that what refuses it can only be its address's budget.
 */
async function oneFlooder(protections: Partial<Protections>) {
  const server = await officeServer(protections);
  const sockets = await Promise.all(
    Array.from({ length: 5 }, () => connectClient(server.url, { token: server.tokens.official, reconnection: false })),
  );
  const tally: Record<string, number> = {};
  await Promise.all(sockets.map((socket) => sendMany(server, socket, 150, tally)));
  return tally;
}

describe('many participants behind one address', () => {
  test('rehearsal 17: 12 officials behind one address with 4 commands in flight each are never refused; one participant’s 5 sockets still are', async () => {
    const withDefaults = await office({});
    const small = await office(smallAddress);
    const flooder = await oneFlooder({ ...smallAddress, commits: false });
    printFigures('one address', {
      'officials × commands': `${officials} × ${commandsEach}`,
      'answers, default budgets': JSON.stringify(withDefaults.tally),
      'answers, small base budget': JSON.stringify(small.tally),
      'one participant, 5 sockets × 150': JSON.stringify(flooder),
    });
    for (const run of [withDefaults, small]) {
      expect(run.tally).toEqual({ ok: officials * commandsEach });
      expect(run.disconnected).toBe(0);
    }
    expect(flooder.RATE_LIMITED ?? 0).toBeGreaterThan(0);
  }, 60_000);

  test('negative control: without the scaling, the same officials are refused as one flooder', async () => {
    const run = await office({ ...smallAddress, addressScaling: false });
    printFigures('one address — negative control (scaling off)', { answers: JSON.stringify(run.tally) });
    expect(run.tally.RATE_LIMITED ?? 0).toBeGreaterThan(0);
  }, 60_000);
});
