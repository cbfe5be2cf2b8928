import { describe, expect, test } from 'vitest';
import { defaultThresholds } from '@plenum/shared';
import { demoWorld, refusal } from '../../test/demoWorld.js';

describe('reopening', () => {
  test('rehearsal 5: the chair reopens a closed item with a reason, back where it stood, while its day is open', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const chair = byRole.chair;
    const reopen = (itemId: string) =>
      run(chair, { type: 'agenda:reopen-item', payload: { itemId, reason: 'Closed by mistake.' } });

    expect((await refusal(reopen('item-2'))).message).toBe(
      'Only a closed item can be reopened; a deferred item continues on its later day.',
    );
    expect((await refusal(reopen('item-99'))).code).toBe('NOT_FOUND');

    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
    await run(chair, { type: 'agenda:open-floor', payload: { itemId: 'item-2' } });
    await run(chair, { type: 'agenda:close-item', payload: { itemId: 'item-2' } });
    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-3' } });
    expect((await refusal(reopen('item-2'))).message).toMatch(/^Close or defer "Northern Coal Mine No. 3/);
    await run(chair, { type: 'agenda:close-item', payload: { itemId: 'item-3' } });

    await reopen('item-2');
    const state = await commands.state(sessionId);
    expect(state.agenda['item-2']).toMatchObject({
      status: 'floor-open',
      closedAt: null,
      reopenings: [{ reason: 'Closed by mistake.', actorId: chair.id, endedAt: '2026-04-13T09:00:00.000Z' }],
    });
    expect(state.agenda['item-2']?.timer.runningSince).not.toBeNull();
    expect(state.currentItemId).toBe('item-2');
    // An item that never had the floor opened goes back to presenting.
    await run(chair, { type: 'agenda:close-item', payload: { itemId: 'item-2' } });
    await reopen('item-3');
    expect((await commands.state(sessionId)).agenda['item-3']?.status).toBe('presenting');
    await run(chair, { type: 'agenda:close-item', payload: { itemId: 'item-3' } });

    await run(chair, { type: 'day:adjourn', payload: { dayId: 'day-1' } });
    expect((await refusal(reopen('item-2'))).message).toBe(
      "The day is not open: open (or reopen) the item's day first.",
    );
  });

  test('rehearsal 5: an adjourned day reopens with a reason only while no other day is open', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const chair = byRole.chair;
    const reopen = (dayId: string) =>
      run(chair, { type: 'day:reopen', payload: { dayId, reason: 'The coal mine was never presented.' } });

    expect((await refusal(reopen('day-1'))).message).toBe('Only an adjourned day can be reopened.');
    expect((await refusal(reopen('day-2'))).message).toBe('Only an adjourned day can be reopened.');
    expect((await refusal(reopen('day-9'))).code).toBe('NOT_FOUND');

    await run(chair, { type: 'day:adjourn', payload: { dayId: 'day-1' } });
    await run(chair, { type: 'day:open', payload: { dayId: 'day-2' } });
    expect((await refusal(reopen('day-1'))).message).toBe(
      'Adjourn "Day 2 — light industry and food" first: one day sits at a time.',
    );
    await run(chair, { type: 'day:adjourn', payload: { dayId: 'day-2' } });

    await reopen('day-1');
    const state = await commands.state(sessionId);
    expect(state.days['day-1']).toMatchObject({
      status: 'open',
      adjournedAt: null,
      reopenings: [
        { reason: 'The coal mine was never presented.', actorId: chair.id, endedAt: '2026-04-13T09:00:00.000Z' },
      ],
    });
    // Its pending items can be started again.
    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-3' } });
  });

  test('rehearsal 6: an extension computed from an allotment already extended is refused with the allotment now', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const chair = byRole.chair;
    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
    const extend = (expectedMinutes?: number) =>
      run(chair, { type: 'agenda:extend-time', payload: { itemId: 'item-2', minutes: 5, expectedMinutes } });
    await extend(20);
    const stale = await refusal(extend(20));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.refusal).toEqual({
      kind: 'time-already-extended',
      field: 'expectedMinutes',
      allottedMinutes: 25,
      endsAt: '2026-04-13T09:25:00.000Z',
    });
    expect(stale.message).toBe(
      'The time of "Riverside Steel Works — plan and results" was already extended to 25 min (until 2026-04-13T09:25:00.000Z) ' +
        'by another tab or chair; this extension was meant for 20 min. Extend again if more time is still needed.',
    );
    await run(chair, { type: 'agenda:pause-timer', payload: { itemId: 'item-2' } });
    expect((await refusal(extend(20))).refusal).toMatchObject({ allottedMinutes: 25, endsAt: null });
    // Without the allotment seen (an older client), the extension is added as before.
    await extend();
    expect((await commands.state(sessionId)).agenda['item-2']?.timer.extraMinutes).toBe(10);
  });

  test('rehearsal 7: a notice dated after the first day is refused with the day in the past, typed', async () => {
    const { run, sessionId, sessions } = await demoWorld();
    const draft = await sessions.createSession(
      {
        title: 'Q2 review',
        period: '2026-Q2',
        organisation: 'Province Committee',
        days: [{ id: 'q2-1', date: '2026-04-07', title: 'Day 1' }],
        thresholds: defaultThresholds,
        conferenceLink: null,
        organiserUnitId: null,
        previousSessionId: null,
      },
      [],
      'Chair',
    );
    expect(draft.sessionId).not.toBe(sessionId);
    const chair = draft.chair.participant;
    await run(
      chair,
      { type: 'agenda:add-item', payload: { dayId: 'q2-1', unitId: null, topic: 'Opening', plannedMinutes: 10 } },
      draft.sessionId,
    );
    const late = await refusal(
      run(chair, { type: 'session:publish-notice', payload: { noticeDate: '2026-04-10' } }, draft.sessionId),
    );
    expect(late.code).toBe('CONFLICT');
    expect(late.refusal).toEqual({
      kind: 'notice-problems',
      problems: [{ problem: 'day-in-past', dayId: 'q2-1', date: '2026-04-07', noticeDate: '2026-04-10' }],
    });
  });
});

describe('two chair screens', () => {
  test('closing or deferring an item another screen already closed is refused with the reason, not a bare conflict', async () => {
    const { run, byRole } = await demoWorld();
    const chair = byRole.chair;
    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
    await run(chair, { type: 'agenda:close-item', payload: { itemId: 'item-2' } });

    const close = await refusal(run(chair, { type: 'agenda:close-item', payload: { itemId: 'item-2' } }));
    expect(close.code).toBe('CONFLICT');
    expect(close.refusal).toMatchObject({ kind: 'floor-blocked', blocker: 'item-not-live' });
    const defer = await refusal(
      run(chair, { type: 'agenda:defer-item', payload: { itemId: 'item-2', toDayId: 'day-2' } }),
    );
    expect(defer.refusal).toMatchObject({ kind: 'floor-blocked', blocker: 'item-not-live' });
  });

  test('opening the floor another screen already opened is refused with the reason, not a bare conflict', async () => {
    const { run, byRole } = await demoWorld();
    const chair = byRole.chair;
    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
    await run(chair, { type: 'agenda:open-floor', payload: { itemId: 'item-2' } });

    const again = await refusal(run(chair, { type: 'agenda:open-floor', payload: { itemId: 'item-2' } }));
    expect(again.code).toBe('CONFLICT');
    expect(again.refusal).toMatchObject({ kind: 'floor-blocked', blocker: 'floor-already-open' });
    expect(again.message).toMatch(/^The floor is already open on "Riverside Steel Works/);
  });

  test('an item not started yet, or no longer live, is refused with the reason on every floor action', async () => {
    const { run, byRole } = await demoWorld();
    const chair = byRole.chair;
    const blockerOf = async (command: Parameters<typeof run>[1]) => (await refusal(run(chair, command))).refusal;

    for (const type of [
      'agenda:open-floor',
      'agenda:close-item',
      'agenda:pause-timer',
      'agenda:resume-timer',
    ] as const) {
      expect(await blockerOf({ type, payload: { itemId: 'item-2' } })).toMatchObject({ blocker: 'item-not-started' });
    }
    expect(await blockerOf({ type: 'agenda:extend-time', payload: { itemId: 'item-2', minutes: 5 } })).toMatchObject({
      blocker: 'item-not-started',
    });

    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
    await run(chair, { type: 'agenda:close-item', payload: { itemId: 'item-2' } });
    for (const type of ['agenda:pause-timer', 'agenda:resume-timer'] as const) {
      expect(await blockerOf({ type, payload: { itemId: 'item-2' } })).toMatchObject({ blocker: 'item-not-live' });
    }
    expect(await blockerOf({ type: 'agenda:extend-time', payload: { itemId: 'item-2', minutes: 5 } })).toMatchObject({
      blocker: 'item-not-live',
    });
  });
});

describe('two chair screens pressing the same control', () => {
  test('pausing a paused clock or resuming a running one is harmless: accepted, nothing recorded', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const chair = byRole.chair;
    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
    const pause = () => run(chair, { type: 'agenda:pause-timer', payload: { itemId: 'item-2' } });
    const resume = () => run(chair, { type: 'agenda:resume-timer', payload: { itemId: 'item-2' } });

    await pause();
    expect((await pause()).events).toEqual([]);
    expect((await commands.state(sessionId)).agenda['item-2']?.timer.runningSince).toBeNull();
    await resume();
    expect((await resume()).events).toEqual([]);
    expect((await commands.state(sessionId)).agenda['item-2']?.timer.runningSince).not.toBeNull();
  });

  test('giving the floor to its speaker or ending an ended speech is harmless, the speech as it was', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const { chair, official } = byRole;
    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
    await run(official, { type: 'floor:raise-hand', payload: {} });
    const give = () => run(chair, { type: 'floor:give', payload: { participantId: official.id } });
    const end = () => run(chair, { type: 'floor:end-speech', payload: {} });

    await give();
    const speaker = (await commands.state(sessionId)).floor.speaker;
    expect((await give()).events).toEqual([]);
    expect((await commands.state(sessionId)).floor.speaker).toEqual(speaker);
    await end();
    expect((await end()).events).toEqual([]);
    expect((await commands.state(sessionId)).floor.speeches).toHaveLength(1);

    // Ending the official's speech after another screen gave the floor to the inspector: theirs goes on.
    await give();
    await run(chair, { type: 'floor:give', payload: { participantId: byRole.inspector.id } });
    const late = await run(chair, { type: 'floor:end-speech', payload: { participantId: official.id } });
    expect(late.events).toEqual([]);
    expect((await commands.state(sessionId)).floor.speaker?.participantId).toBe(byRole.inspector.id);
  });

  test('a hand raised twice keeps its place; lowering a hand the chair took up meanwhile is harmless', async () => {
    const { run, byRole, commands, sessionId } = await demoWorld();
    const { chair, official, inspector } = byRole;
    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
    await run(official, { type: 'floor:raise-hand', payload: {} });
    await run(inspector, { type: 'floor:raise-hand', payload: {} });
    expect((await run(official, { type: 'floor:raise-hand', payload: {} })).events).toEqual([]);
    expect((await commands.state(sessionId)).floor.queue.map((q) => q.participantId)).toEqual([
      official.id,
      inspector.id,
    ]);
    await run(chair, { type: 'floor:give', payload: { participantId: official.id } });
    expect((await run(official, { type: 'floor:lower-hand', payload: {} })).events).toEqual([]);
  });

  test('giving the floor, or raising a hand, once the item left the floor says so, not a bare conflict', async () => {
    const { run, byRole } = await demoWorld();
    const { chair, official } = byRole;
    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
    await run(official, { type: 'floor:raise-hand', payload: {} });
    await run(chair, { type: 'agenda:close-item', payload: { itemId: 'item-2' } });

    const give = await refusal(run(chair, { type: 'floor:give', payload: { participantId: official.id } }));
    expect(give.code).toBe('CONFLICT');
    expect(give.refusal).toMatchObject({ kind: 'floor-blocked', blocker: 'no-live-item', liveItem: null });
    expect(give.message).toBe(
      'No item holds the floor now: it was closed or deferred meanwhile, perhaps from another screen.',
    );
    expect((await refusal(run(official, { type: 'floor:raise-hand', payload: {} }))).refusal).toMatchObject({
      blocker: 'no-live-item',
    });
  });

  test('raising a hand while holding the floor is refused with that reason, not a bare conflict', async () => {
    const { run, byRole } = await demoWorld();
    const { chair, official } = byRole;
    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
    await run(chair, { type: 'floor:give', payload: { participantId: official.id } });
    const raise = await refusal(run(official, { type: 'floor:raise-hand', payload: {} }));
    expect(raise.code).toBe('CONFLICT');
    expect(raise.refusal).toEqual({ kind: 'already-speaking' });
  });
});
