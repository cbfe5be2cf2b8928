import { defaultProtections, maxMessageBytes } from '@plenum/server';
import {
  CommandRequestSchema,
  commandTypes,
  errorCodes,
  PresenceUpdateSchema,
  SessionJoinRequestSchema,
  type Ack,
} from '@plenum/shared';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { commandFixtures } from '../fixtures/commands.js';
import { connectClient } from '../helpers/connectClient.js';
import { sendRaw } from '../helpers/factories.js';
import { count, printFigures, runSeed } from './helpers/figures.js';
import { startFaultApp, type FaultApp } from './helpers/faultApp.js';

type Channel = 'session:join' | 'command' | 'presence:update';
const payloadsPerChannel = count(10_000, 100_000);
const wireSamplePerChannel = count(300, 3000);
const shape = defaultProtections.requestShape as { maxDepth: number; maxValues: number };

// ---- arbitraries -----------------------------------------------------------------------------

const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Anything a decoder could produce and more: objects, arrays, odd numbers, null prototypes. */
const anyValue = fc.anything({
  maxDepth: 4,
  withNullPrototype: true,
  withObjectString: true,
  withBigInt: false,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
});

/** Values of the wrong type for any field. */
const wrongValue = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    false,
    0,
    -1,
    -0,
    1e308,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '',
    ' ',
    '\u0000',
    // Text that shows nothing or reads otherwise, a subnormal figure and a date in year 0.
    '\u200b\u200d',
    'a\u2028b',
    'a\u0085b',
    'a\u202eb',
    5e-324,
    '0000-01-01',
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 4 }),
);

/** Strings far over every schema limit (the transport would cut these; in process they reach the schema). */
const hugeString = fc
  .tuple(fc.integer({ min: 4_001, max: 200_000 }), fc.constantFrom('x', 'é', '€', '😀', '\u0000', ' '))
  .map(([n, c]) => c.repeat(n));

/** `value` wrapped `depth` times in arrays or objects. */
function nest(value: unknown, depth: number, inArrays: boolean): unknown {
  let current = value;
  for (let i = 0; i < depth; i++) current = inArrays ? [current] : { a: current };
  return current;
}
const deepNesting = fc
  .tuple(fc.integer({ min: shape.maxDepth, max: 1500 }), fc.boolean(), wrongValue)
  .map(([depth, inArrays, leaf]) => nest(leaf, depth, inArrays));

/** An object with prototype keys as own properties, as JSON.parse makes them. */
function withPrototypeKeys(base: unknown, key: string, value: unknown): unknown {
  const json = JSON.stringify(base ?? {}) ?? '{}';
  const extra = `${JSON.stringify(key)}:${JSON.stringify(value ?? { polluted: true }) ?? 'null'}`;
  if (!json.startsWith('{')) return JSON.parse(`{${extra}}`) as unknown;
  return JSON.parse(json === '{}' ? `{${extra}}` : `{${extra},${json.slice(1)}`) as unknown;
}

type Path = (string | number)[];
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value))
      out.push(...pathsOf(v, [...prefix, Array.isArray(value) ? Number(k) : k]));
  }
  return out;
}

type Mutation = {
  op: 'replace' | 'delete' | 'huge' | 'proto' | 'nest' | 'add';
  at: number;
  value: unknown;
  key: string;
};
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('replace', 'delete', 'huge', 'proto', 'nest', 'add'),
  at: fc.nat(),
  value: fc.oneof(wrongValue, anyValue),
  key: fc.oneof(fc.constantFrom(...prototypeKeys), fc.string({ maxLength: 10 })),
});

function mutate(valid: unknown, mutations: Mutation[], huge: string): unknown {
  let root: unknown = structuredClone(valid);
  for (const m of mutations) {
    const paths = pathsOf(root);
    const path = paths[m.at % paths.length]!;
    const replacement = (() => {
      switch (m.op) {
        case 'replace':
          return m.value;
        case 'huge':
          return huge;
        case 'nest':
          return nest(m.value, shape.maxDepth + (m.at % 50), m.at % 2 === 0);
        case 'proto':
          return withPrototypeKeys(getAt(root, path), m.key, m.value);
        case 'add':
          return withPrototypeKeys(getAt(root, path), m.key, m.value);
        case 'delete':
          return undefined;
      }
    })();
    if (path.length === 0) root = replacement;
    else setAt(root, path, replacement, m.op === 'delete');
  }
  return root;
}
function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    root,
  );
}
function setAt(root: unknown, path: Path, value: unknown, remove: boolean): void {
  const parent = getAt(root, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return;
  const key = path.at(-1)!;
  try {
    if (remove && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key];
    else (parent as Record<string | number, unknown>)[key] = value;
  } catch {
    // A typed array or a frozen object refuses the value: leave this mutation out.
  }
}

function validRequest(channel: Channel, sessionId: string, type: (typeof commandTypes)[number]): unknown {
  switch (channel) {
    case 'command':
      return { commandId: 'cmd-fuzz-0001', sessionId, command: commandFixtures[type] };
    case 'session:join':
      return { sessionId, afterSeq: 3, limit: 10 };
    case 'presence:update':
      return { sessionId, isTyping: true };
  }
}

/** Payloads for a channel: random values, mutated valid messages, prototype keys, deep nesting, huge strings. */
function payloads(channel: Channel, sessionId: string, maxHuge: number): fc.Arbitrary<unknown> {
  const huge = hugeString.map((s) => s.slice(0, maxHuge));
  const mutated = fc
    .tuple(fc.constantFrom(...commandTypes), fc.array(mutation, { minLength: 1, maxLength: 3 }), huge)
    .map(([type, ms, h]) => mutate(validRequest(channel, sessionId, type), ms, h));
  return fc.oneof(
    { weight: 2, arbitrary: anyValue },
    { weight: 1, arbitrary: wrongValue },
    { weight: 6, arbitrary: mutated },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: huge },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...prototypeKeys), anyValue)
        .map(([key, value]) => withPrototypeKeys(validRequest(channel, sessionId, 'criticism:post'), key, value)),
    },
  );
}

// ---- oracle ----------------------------------------------------------------------------------

const schemas = {
  command: CommandRequestSchema,
  'session:join': SessionJoinRequestSchema,
  'presence:update': PresenceUpdateSchema,
};

/** The answers a payload may get from an observer of the session (who may issue no command). */
function expectedCodes(channel: Channel, payload: unknown, sessionId: string): Set<string> {
  if (!fitsShape(payload)) return new Set(['TOO_LARGE']);
  const parsed = schemas[channel].safeParse(payload);
  if (!parsed.success) return new Set(['INVALID_PAYLOAD']);
  const other = (parsed.data as { sessionId: string }).sessionId !== sessionId;
  if (channel === 'command') return new Set(['FORBIDDEN']);
  return new Set(other ? ['FORBIDDEN'] : ['ok']);
}

/**
 * The protocol's bound on a message's shape (P11), stated here on its own terms rather than
 * borrowed from the server's check: objects and arrays nest fewer than `maxDepth` deep, and
 * the message holds at most `maxValues` values, counting every object, array, member and
 * element (an array's holes too).
 */
function fitsShape(payload: unknown): boolean {
  let values = 0;
  const nesting = (value: unknown): number => {
    values++;
    if (typeof value !== 'object' || value === null) return 0;
    const members: unknown[] = Array.isArray(value) ? Array.from(value) : Object.values(value);
    return 1 + members.reduce<number>((deepest, member) => Math.max(deepest, nesting(member)), 0);
  };
  return nesting(payload) < shape.maxDepth && values <= shape.maxValues;
}

function codeOf(ack: Ack<unknown>): string {
  return ack.ok ? 'ok' : ack.error.code;
}

// ---- the harness -----------------------------------------------------------------------------

interface ServerSocketInternals {
  onevent(packet: { type: number; nsp: string; data: unknown[] }): void;
}

/** Delivers a decoded message to the server socket exactly as socket.io does after parsing it. */
function deliver(
  app: FaultApp,
  socketId: string,
  channel: Channel,
  payload: unknown,
  withAck: boolean,
): Promise<Ack<unknown> | 'no answer'> {
  const socket = app.app.io.sockets.sockets.get(socketId) as unknown as ServerSocketInternals | undefined;
  if (!socket) throw new Error('the fuzzed socket is gone');
  return new Promise((resolve) => {
    const data: unknown[] = [channel, payload];
    let timer: NodeJS.Timeout | undefined;
    if (withAck) {
      data.push((answer: Ack<unknown>) => {
        clearTimeout(timer);
        resolve(answer);
      });
      timer = setTimeout(() => resolve('no answer'), 5000);
    } else setImmediate(() => setImmediate(() => resolve('no answer')));
    socket.onevent({ type: 2, nsp: '/', data });
  });
}

interface FuzzFigures {
  payloads: number;
  answered: number;
  unanswered: number;
  unexpected: { payload: string; expected: string; got: string }[];
  byCode: Record<string, number>;
}

async function fuzzChannel(
  app: FaultApp,
  socketId: string,
  channel: Channel,
  numRuns: number,
  seed: number,
): Promise<FuzzFigures> {
  const figures: FuzzFigures = { payloads: 0, answered: 0, unanswered: 0, unexpected: [], byCode: {} };
  const withAck = channel !== 'presence:update';
  await fc.assert(
    fc.asyncProperty(
      payloads(channel, app.sessionId, 200_000),
      fc.integer({ min: 0, max: 19 }),
      async (payload, roll) => {
        figures.payloads++;
        // One in twenty requests comes without an acknowledgement: dropped and logged (P7).
        const ack = withAck && roll !== 0;
        const answer = await deliver(app, socketId, channel, payload, ack);
        if (!ack) {
          if (answer !== 'no answer')
            figures.unexpected.push({ payload: show(payload), expected: 'no answer', got: codeOf(answer) });
          return;
        }
        if (answer === 'no answer') {
          figures.unanswered++;
          return;
        }
        figures.answered++;
        const code = codeOf(answer);
        figures.byCode[code] = (figures.byCode[code] ?? 0) + 1;
        const expected = expectedCodes(channel, payload, app.sessionId);
        if (!expected.has(code) || (!answer.ok && !errorCodes.includes(answer.error.code))) {
          figures.unexpected.push({ payload: show(payload), expected: [...expected].join('|'), got: code });
        }
      },
    ),
    { numRuns, seed, endOnFailure: true },
  );
  return figures;
}

/** The JSON a client would send, or null when the value cannot be written as JSON at all. */
function toJson(value: unknown): string | undefined | null {
  try {
    return JSON.stringify(value);
  } catch {
    return null;
  }
}

function show(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 300);
  } catch {
    return String(value).slice(0, 300);
  }
}

// ---- the tests -------------------------------------------------------------------------------

const noRateLimits = { messages: false, commits: false, reads: false, strikes: false } as const;

describe('input fuzzing', () => {
  test(`P7/P11: ${payloadsPerChannel.toLocaleString('en')} fuzzed payloads per client→server message type, through the real middleware, register() and handlers: 0 crashes, 0 unhandled rejections, a typed answer for each, nothing appended`, async () => {
    const seed = runSeed();
    const server = await startFaultApp({ store: 'memory', protections: noRateLimits, logLevel: 'warn' });
    const observer = await connectClient(server.url, { token: server.tokens.observer });
    expect(await sendRaw(observer, 'session:join', { sessionId: server.sessionId, afterSeq: 0 })).toMatchObject({
      ok: true,
    });
    const head = await server.head();
    const sessions = await server.store.listSessions();
    const crashes: unknown[] = [];
    const onCrash = (error: unknown): void => void crashes.push(error);
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
    const results: Record<string, FuzzFigures> = {};
    const started = performance.now();
    try {
      for (const channel of ['command', 'session:join', 'presence:update'] as const) {
        results[channel] = await fuzzChannel(server, observer.id!, channel, payloadsPerChannel, seed);
      }
    } finally {
      process.off('unhandledRejection', onCrash);
      process.off('uncaughtException', onCrash);
    }
    const unknownDropped = server.logLines.filter((l) => l.includes('request without acknowledgement dropped')).length;
    printFigures('fuzz, in process', {
      seed,
      'payloads per message type': payloadsPerChannel,
      seconds: (performance.now() - started) / 1000,
      ...Object.fromEntries(
        Object.entries(results).flatMap(([channel, f]): [string, unknown][] => [
          [`${channel}: answered`, f.answered],
          [`${channel}: answers by code`, JSON.stringify(f.byCode)],
          [`${channel}: unanswered (ack given)`, f.unanswered],
          [`${channel}: unexpected answers`, f.unexpected.length],
        ]),
      ),
      'requests without ack dropped and logged': unknownDropped,
      'crashes / unhandled rejections': crashes.length,
      'events appended': (await server.head()) - head,
    });
    expect(crashes).toEqual([]);
    for (const f of Object.values(results)) {
      expect(f.unexpected.slice(0, 5)).toEqual([]);
      expect(f.unanswered).toBe(0);
    }
    expect(results.command!.answered + results['session:join']!.answered).toBeGreaterThan(payloadsPerChannel);
    expect(unknownDropped).toBeGreaterThan(0);
    expect(await server.head()).toBe(head);
    expect(await server.store.listSessions()).toEqual(sessions);
    expect(observer.connected).toBe(true);
    // No prototype was polluted on the way.
    expect(Object.getOwnPropertyNames(Object.prototype).filter((k) => k === 'polluted')).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 300_000);

  test(`P7/P11: a sample of ${wireSamplePerChannel} fuzzed payloads per message type over the wire (socket.io-client → server) get the same typed answers`, async () => {
    const seed = runSeed();
    const server = await startFaultApp({ store: 'memory', protections: noRateLimits, logLevel: 'warn' });
    const observer = await connectClient(server.url, { token: server.tokens.observer });
    await sendRaw(observer, 'session:join', { sessionId: server.sessionId, afterSeq: 0 });
    const head = await server.head();
    let unexpected = 0;
    let sent = 0;
    const maxHuge = maxMessageBytes / 4 - 1000; // stays under the transport cap even as 4-byte UTF-8
    for (const channel of ['command', 'session:join'] as const) {
      const samples = fc.sample(payloads(channel, server.sessionId, maxHuge), { numRuns: wireSamplePerChannel, seed });
      for (const payload of samples) {
        // What the wire can carry: the JSON form of the payload (undefined members vanish).
        const json = toJson(payload);
        if (json === null) continue;
        const wire = json === undefined ? null : (JSON.parse(json) as unknown);
        if (json !== undefined && Buffer.byteLength(json) > maxMessageBytes - 100) continue;
        sent++;
        const ack = await sendRaw(observer, channel, wire);
        if (!expectedCodes(channel, wire, server.sessionId).has(codeOf(ack))) {
          unexpected++;
          console.error('unexpected', channel, codeOf(ack), show(wire));
        }
      }
    }
    for (const payload of fc.sample(payloads('presence:update', server.sessionId, maxHuge), {
      numRuns: wireSamplePerChannel,
      seed,
    })) {
      const json = toJson(payload);
      if (json === null) continue;
      if (json !== undefined && Buffer.byteLength(json) > maxMessageBytes - 100) continue;
      sent++;
      observer.emit('presence:update', (json === undefined ? null : JSON.parse(json)) as never);
    }
    // A last request shows the socket still answers, after everything before it.
    expect(await sendRaw(observer, 'session:join', { sessionId: server.sessionId, afterSeq: 0 })).toMatchObject({
      ok: true,
    });
    printFigures('fuzz, over the wire', {
      seed,
      'payloads sent': sent,
      'unexpected answers': unexpected,
      'events appended': (await server.head()) - head,
    });
    expect(unexpected).toBe(0);
    expect(observer.connected).toBe(true);
    expect(await server.head()).toBe(head);
  }, 120_000);

  test('P11: a request nested deeper than any valid one gets TOO_LARGE, without being parsed', async () => {
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn' });
    const observer = await connectClient(server.url, { token: server.tokens.observer });
    const head = await server.head();
    const deep = nest({ sessionId: server.sessionId }, 200, true);
    expect(await sendRaw(observer, 'session:join', deep)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    const wide = { sessionId: server.sessionId, afterSeq: 0, extra: Array.from({ length: 6000 }, () => 0) };
    expect(await sendRaw(observer, 'session:join', wide)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(await server.head()).toBe(head);
  });

  test('negative control: without the shape limit, the deep request reaches the schema and is answered INVALID_PAYLOAD instead', async () => {
    const server = await startFaultApp({ store: 'memory', logLevel: 'warn', protections: { requestShape: false } });
    const observer = await connectClient(server.url, { token: server.tokens.observer });
    const deep = nest({ sessionId: server.sessionId }, 200, true);
    const ack = await sendRaw(observer, 'session:join', deep);
    expect(codeOf(ack)).not.toBe('TOO_LARGE');
    // The fuzz oracle expects TOO_LARGE here: the bar is not met without the protection.
    expect(expectedCodes('session:join', deep, server.sessionId).has(codeOf(ack))).toBe(false);
  });
});
