import { criticismIdsFrom, type Command, type Participant, type Role, type SessionState } from '@plenum/shared';
import { demoWorld } from './demoWorld.js';

/** Runs one command as a participant; the real command service behind it. */
export type RunCommand = (actor: Participant, command: Command) => Promise<unknown>;

/**
 * A morning of the demo review, for the records' tests: the roll call, the opening, the second
 * review of the coal mine's warning (escalated), Riverside Steel Works verified (rolled products
 * far under the report) and presented and a criticism referred, Eastfield Cement Plant's cement revised after the notice,
 * presented and criticised (a response, a ruling, a hidden criticism, a directive from a
 * criticism), the coal mine's report deferred to day 2, and the warnings decided. What the
 * demo's generator names (the carried-over review, criticisms) is read from the state.
 */
export async function holdDemoMeeting(
  run: RunCommand,
  byRole: Record<Role, Participant>,
  state: () => Promise<SessionState>,
): Promise<void> {
  const { chair, official, inspector } = byRole;
  const command = (actor: Participant, type: Command['type'], payload: unknown) =>
    run(actor, { type, payload } as Command);
  const before = await state();
  const presenter = Object.values(before.participants).find(
    (p) => p.role === 'presenter' && p.unitId === 'eastfield-cement',
  )!;
  const secondReview = before.agendaOrder.map((id) => before.agenda[id]!).find((item) => item.warningId !== null)!;
  const lastCriticism = async () => criticismIdsFrom(await state()).at(-1)!;
  await command(chair, 'attendance:record', { dayId: 'day-1', participantId: official.id, present: true });
  await command(chair, 'attendance:record', { dayId: 'day-1', participantId: presenter.id, present: true });
  await command(chair, 'attendance:record', { dayId: 'day-1', participantId: inspector.id, present: false });
  await command(chair, 'agenda:start-item', { itemId: 'item-1' });
  await command(chair, 'agenda:close-item', { itemId: 'item-1' });
  await command(chair, 'agenda:start-item', { itemId: secondReview.id });
  await command(chair, 'warning:escalate', {
    warningId: secondReview.warningId,
    note: 'Still under plan: the managers answer to the ministry.',
  });
  await command(chair, 'agenda:close-item', { itemId: secondReview.id });
  await command(inspector, 'report:verify', {
    unitId: 'riverside-steel',
    indicatorId: 'rolled',
    verified: 70_000,
    finding: 'Rolled products counted at dispatch include 14,500 t returned as defective.',
    evidence: null,
  });
  await command(chair, 'agenda:start-item', { itemId: 'item-2' });
  await command(chair, 'agenda:open-floor', { itemId: 'item-2' });
  await command(official, 'criticism:post', {
    itemId: 'item-2',
    category: 'inflated-report',
    severity: 'medium',
    indicatorId: 'steel',
    text: 'The inspector found less steel than the works reported.',
  });
  await command(chair, 'criticism:rule', {
    criticismId: await lastCriticism(),
    ruling: 'referred',
    note: null,
    referredTo: 'State Inspection Office',
  });
  await command(chair, 'agenda:close-item', { itemId: 'item-2' });
  const cement = (await state()).reports['eastfield-cement']!;
  await command(presenter, 'report:submit', {
    unitId: 'eastfield-cement',
    note: cement.note,
    indicators: cement.indicators.map(({ verified: _v, finding: _f, evidence: _e, ...indicator }) =>
      indicator.id === 'cement' ? { ...indicator, reported: 55_000 } : indicator,
    ),
  });
  await command(chair, 'agenda:start-item', { itemId: 'item-4' });
  await command(chair, 'agenda:open-floor', { itemId: 'item-4' });
  await command(official, 'criticism:post', {
    itemId: 'item-4',
    category: 'paper-only',
    severity: 'high',
    indicatorId: 'cement',
    text: 'Cement shipped to the county depot is counted twice | once at the kiln, once at the depot.',
  });
  const doubleCounted = await lastCriticism();
  await command(official, 'criticism:post', {
    itemId: 'item-4',
    category: 'discipline',
    severity: 'low',
    indicatorId: null,
    text: 'The director is never at the plant.',
  });
  const personal = await lastCriticism();
  await command(chair, 'criticism:endorse', { criticismId: doubleCounted });
  await command(presenter, 'criticism:respond', {
    criticismId: doubleCounted,
    text: 'The depot figures are being reconciled with the railway waybills.',
  });
  await command(chair, 'criticism:rule', { criticismId: doubleCounted, ruling: 'upheld', note: 'Recount by Friday.' });
  await command(chair, 'criticism:hide', { criticismId: personal, reason: 'Personal remarks about a named person.' });
  await command(chair, 'directive:issue', {
    kind: 'explain-failure',
    assigneeUnitId: 'eastfield-cement',
    title: 'Explain the double-counted cement',
    text: null,
    dueDate: '2026-04-30',
    fromCriticismId: doubleCounted,
  });
  await command(chair, 'agenda:close-item', { itemId: 'item-4' });
  await command(chair, 'agenda:defer-item', { itemId: 'item-3', toDayId: 'day-2' });
  await command(chair, 'warning:issue', { unitId: 'coal-mine-3', note: 'Second quarter running under plan.' });
  // Issued, then taken back: the minutes keep both the decision and why it was withdrawn.
  await command(chair, 'warning:issue', { unitId: 'eastfield-cement', note: null });
  await command(chair, 'warning:reconsider', {
    unitId: 'eastfield-cement',
    reason: 'Issued before the ministry’s order on the kiln was read out.',
  });
  await command(chair, 'warning:waive', {
    unitId: 'eastfield-cement',
    reason: 'Kiln rebuilt by order of the ministry.',
  });
}

/** The demo's world of sessions after {@link holdDemoMeeting}: its store, commands and people. */
export async function heldDemoWorld(): Promise<Awaited<ReturnType<typeof demoWorld>>> {
  const world = await demoWorld();
  await holdDemoMeeting(
    (actor, command) => world.run(actor, command),
    world.byRole,
    () => world.commands.state(world.sessionId),
  );
  return world;
}
