import { newEvent } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { ConcurrencyError, type AppendRequest } from '../domain/ports.js';
import { planAppend, type AppendBasis } from './appendPlan.js';

const request = (
  sessionId: string,
  expectedSeq: number,
  commandId: string | null,
  count = 1,
  at = '2026-04-13T08:00:00.000Z',
): AppendRequest => ({
  sessionId,
  commandId,
  actorId: 'p-1',
  expectedSeq,
  at,
  events: Array.from({ length: count }, (_, i) => newEvent('session:renamed', { title: `T${expectedSeq + i + 1}` })),
});

/** A log with the given heads and the given known command ids (`session/command` → seq). */
const basis = (heads: Record<string, number> = {}, known: Record<string, number> = {}): AppendBasis => ({
  head: (sessionId) => heads[sessionId] ?? 0,
  headHash: () => null,
  known: (sessionId, commandId) => {
    const seq = known[`${sessionId}/${commandId}`];
    return seq === undefined ? undefined : { seq };
  },
});

describe('planAppend', () => {
  test('P1: numbers the events of each request on top of the head, chaining requests of one session', () => {
    const plan = planAppend(
      [request('s1', 3, 'c1', 2), request('s1', 5, 'c2'), request('s2', 0, null)],
      basis({ s1: 3 }),
    );
    expect(plan.outcomes.map((o) => [o.kind, o.result.seq])).toEqual([
      ['appended', 5],
      ['appended', 6],
      ['appended', 1],
    ]);
    expect(plan.events.map(({ event, commandId }) => [event.sessionId, event.seq, commandId])).toEqual([
      ['s1', 4, 'c1'],
      ['s1', 5, 'c1'],
      ['s1', 6, 'c2'],
      ['s2', 1, null],
    ]);
    expect(plan.heads).toEqual([
      { sessionId: 's1', from: 3, to: 6, firstAt: '2026-04-13T08:00:00.000Z' },
      { sessionId: 's2', from: 0, to: 1, firstAt: '2026-04-13T08:00:00.000Z' },
    ]);
    expect(plan.commands).toEqual([
      { sessionId: 's1', commandId: 'c1', actorId: 'p-1', seq: 5 },
      { sessionId: 's1', commandId: 'c2', actorId: 'p-1', seq: 6 },
    ]);
  });

  test('P2: a command id the log knows, or an earlier request of the batch, is a duplicate that writes nothing', () => {
    const plan = planAppend(
      [request('s1', 4, 'old'), request('s1', 4, 'new'), request('s1', 5, 'new'), request('s2', 0, 'old')],
      basis({ s1: 4 }, { 's1/old': 2 }),
    );
    expect(plan.outcomes).toEqual([
      { kind: 'duplicate', result: { seq: 2 } },
      expect.objectContaining({ kind: 'appended', result: { seq: 5 } }),
      { kind: 'duplicate', result: { seq: 5 } },
      expect.objectContaining({ kind: 'appended', result: { seq: 1 } }),
    ]);
    expect(plan.events.map(({ event }) => [event.sessionId, event.seq])).toEqual([
      ['s1', 5],
      ['s2', 1],
    ]);
    expect(plan.commands.map((c) => `${c.sessionId}/${c.commandId}`)).toEqual(['s1/new', 's2/old']);
  });

  test('a head other than the expected one throws ConcurrencyError, also when an earlier request moved it', () => {
    expect(() => planAppend([request('s1', 0, 'c1')], basis({ s1: 2 }))).toThrow(ConcurrencyError);
    expect(() => planAppend([request('s1', 0, 'c1'), request('s1', 0, 'c2')], basis())).toThrow(
      'session s1: expected head 0, found 1',
    );
  });

  test('a session first logged by the batch is created at its first appended request', () => {
    const plan = planAppend(
      [request('s1', 0, null, 1, '2026-04-13T08:00:00.000Z'), request('s1', 1, null, 1, '2026-04-13T09:00:00.000Z')],
      basis(),
    );
    expect(plan.heads).toEqual([{ sessionId: 's1', from: 0, to: 2, firstAt: '2026-04-13T08:00:00.000Z' }]);
  });

  test('a request with no events refuses the whole batch', () => {
    expect(() => planAppend([request('s1', 0, null), { ...request('s1', 1, null), events: [] }], basis())).toThrow(
      'nothing to append',
    );
  });
});
