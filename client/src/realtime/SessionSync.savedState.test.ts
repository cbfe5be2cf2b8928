import type { SavedState, SessionState } from '@plenum/shared';
import { describe, expect, test, vi } from 'vitest';
import { demoSession, ids, joinAnswer } from '../test/events';
import { createAppliedState, demoHead, nextJoin, recordApplications, setup, untilStatus } from './testing/syncHarness';

/** A state as the server saves it and sends it: JSON text as UTF-8 bytes. */
const encode = (state: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(state));
const savedState = (state: unknown, seq: number): SavedState => ({ seq, value: encode(state) });

/** The demo log with three renames after it, and the state folded up to the demo's head. */
function logAndState() {
  const log = demoSession();
  const saved = createAppliedState(log.events);
  for (const n of [1, 2, 3]) log.add('session:renamed', { title: `Renamed ${n}` });
  return { log, saved };
}

describe('the saved state in a join answer (P26)', () => {
  test('P26: the state is adopted, the answer’s events and then live events are folded on it: the same state as folding the whole log', async () => {
    const env = setup();
    const applications = recordApplications(env.session);
    const { log, saved } = logAndState();
    env.fake.serverAccepts();
    const join = await nextJoin(env, 0);
    join.answer(joinAnswer(log.events.slice(demoHead, demoHead + 2), { state: savedState(saved, demoHead) }));
    await untilStatus(env.connection, 'live');
    // The state in one step, then the events after it in another.
    expect(applications()).toEqual([demoHead, demoHead + 2]);
    expect(env.session.getState().isFromLastVisit).toBe(false);

    env.fake.serverEmits('session:events', { sessionId: ids.session, events: [log.events.at(-1)!] });
    expect(env.session.getState().session).toEqual(createAppliedState(log.events));
    expect(Object.isFrozen(env.session.getState().session.definition)).toBe(true);
  });

  test('P26: a state behind what the client holds is left aside; the answer’s events follow on', async () => {
    const env = setup();
    const { log, saved } = logAndState();
    env.fake.serverAccepts();
    (await nextJoin(env, 0)).answer(joinAnswer(log.events.slice(0, demoHead + 1)));
    await untilStatus(env.connection, 'live');
    env.fake.serverDrops();
    env.fake.serverAccepts();
    const again = await nextJoin(env, demoHead + 1);
    again.answer(joinAnswer(log.events.slice(demoHead), { state: savedState(saved, demoHead) }));
    await untilStatus(env.connection, 'live');
    expect(env.session.getState().session).toEqual(createAppliedState(log.events));
  });

  const corrupt: { why: string; value: (saved: SessionState) => Uint8Array }[] = [
    { why: 'bytes that are not UTF-8', value: () => new Uint8Array([0xff, 0xfe, 0x7b]) },
    { why: 'text that is not JSON', value: (s) => encode(s).slice(0, 100) },
    { why: 'another session', value: (s) => encode({ ...s, sessionId: 'session-2' }) },
    { why: 'another seq', value: (s) => encode({ ...s, lastSeq: demoHead - 1 }) },
    { why: 'a field of another kind', value: (s) => encode({ ...s, criticisms: [] }) },
    { why: 'a field missing', value: (s) => encode({ ...s, agendaOrder: undefined }) },
    {
      why: 'criticisms in the shape of an older state',
      value: (s) => encode({ ...s, criticisms: { c1: { id: 'c1' } }, criticismOrder: ['c1'] }),
    },
    { why: 'a state that is an array', value: () => encode([]) },
  ];
  test.each(corrupt)(
    'P26: a state that cannot be read ($why) is set aside: the join is asked again from where it was without stateVersion, and the log is folded',
    async ({ value }) => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const env = setup();
      const applications = recordApplications(env.session);
      const { log, saved } = logAndState();
      env.fake.serverAccepts();
      const join = await nextJoin(env, 0);
      join.answer(joinAnswer(log.events.slice(demoHead), { state: { seq: demoHead, value: value(saved) } }));
      const fromLog = await nextJoin(env, 0, false);
      expect(applications()).toEqual([]);
      expect(env.connection.getState().status).toBe('catching-up');
      fromLog.answer(joinAnswer(log.events));
      await untilStatus(env.connection, 'live');
      expect(env.session.getState().session).toEqual(createAppliedState(log.events));
      expect(error).toHaveBeenCalledWith(expect.stringContaining('cannot be read'));
      error.mockRestore();
    },
  );

  test('P26: a state sent after the client stopped asking for one breaks the protocol', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const env = setup();
    const { log, saved } = logAndState();
    env.fake.serverAccepts();
    (await nextJoin(env, 0)).answer(joinAnswer([], { state: savedState({ ...saved, lastSeq: 1 }, demoHead) }));
    (await nextJoin(env, 0, false)).answer(joinAnswer(log.events, { state: savedState(saved, demoHead) }));
    await untilStatus(env.connection, 'offline');
    expect(error).toHaveBeenCalledWith(expect.stringContaining('a saved state not asked for'));
    error.mockRestore();
  });
});
