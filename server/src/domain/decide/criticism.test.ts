import { criticismOf, type CriticismRuling } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { demoWorld, refusal } from '../../test/demoWorld.js';

/** The demo with Riverside Steel Works on the floor and one criticism of it. */
async function withCriticism() {
  const world = await demoWorld();
  const { run, byRole } = world;
  await run(byRole.chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
  const posted = await run(byRole.official, {
    type: 'criticism:post',
    payload: { itemId: 'item-2', category: 'inflated-report', severity: 'high', indicatorId: null, text: 'Stock.' },
  });
  const { criticismId } = posted.events[0]!.payload as { criticismId: string };
  const rule = (ruling: CriticismRuling, referredTo?: string | null) =>
    run(byRole.chair, { type: 'criticism:rule', payload: { criticismId, ruling, note: null, referredTo } });
  return { ...world, criticismId, rule };
}

describe('rulings on criticism', () => {
  test('rehearsal 8: a referred ruling names to whom it is referred, and the record keeps it', async () => {
    const { rule, commands, sessionId, criticismId } = await withCriticism();
    const ruled = await rule('referred', 'State Inspection Office');
    expect(ruled.events[0]!.payload).toMatchObject({ ruling: 'referred', referredTo: 'State Inspection Office' });
    expect(criticismOf(await commands.state(sessionId), criticismId)?.ruling).toMatchObject({
      ruling: 'referred',
      referredTo: 'State Inspection Office',
    });
  });

  test('rehearsal 8: a referral without a recipient is refused on referredTo; other rulings name none', async () => {
    const { rule } = await withCriticism();
    const missing = await refusal(rule('referred'));
    expect(missing.code).toBe('INVALID_PAYLOAD');
    expect(missing.issues).toEqual([
      {
        path: 'referredTo',
        message: 'required when the ruling is referred',
        reason: { code: 'referral-needs-recipient' },
      },
    ]);
    const stray = await refusal(rule('upheld', 'State Inspection Office'));
    expect(stray.code).toBe('INVALID_PAYLOAD');
    expect(stray.issues).toMatchObject([
      { path: 'referredTo', reason: { code: 'recipient-only-when-referred', ruling: 'upheld' } },
    ]);
    // Without the field at all, as clients before it send: an upheld ruling is taken.
    const upheld = await rule('upheld');
    expect(upheld.events[0]!.payload).toMatchObject({ ruling: 'upheld', referredTo: null });
  });

  test('a referral to someone else is a new ruling; the same one again is a conflict', async () => {
    const { rule } = await withCriticism();
    await rule('referred', 'State Inspection Office');
    expect((await refusal(rule('referred', 'State Inspection Office'))).code).toBe('CONFLICT');
    const again = await rule('referred', 'Ministry of Metallurgy');
    expect(again.events[0]!.payload).toMatchObject({ referredTo: 'Ministry of Metallurgy' });
  });
});

describe('posting criticism', () => {
  test('on an item closed or deferred meanwhile is refused with the reason, not a bare conflict', async () => {
    const { run, byRole } = await demoWorld();
    const { chair, official } = byRole;
    const post = (itemId: string) =>
      run(official, {
        type: 'criticism:post',
        payload: { itemId, category: 'inflated-report', severity: 'high', indicatorId: null, text: 'Stock.' },
      });
    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-2' } });
    await run(chair, { type: 'agenda:close-item', payload: { itemId: 'item-2' } });
    await run(chair, { type: 'agenda:start-item', payload: { itemId: 'item-3' } });
    await run(chair, { type: 'agenda:defer-item', payload: { itemId: 'item-3', toDayId: 'day-2' } });

    for (const itemId of ['item-2', 'item-3']) {
      const refused = await refusal(post(itemId));
      expect(refused.code).toBe('CONFLICT');
      expect(refused.refusal).toMatchObject({ kind: 'floor-blocked', blocker: 'item-not-live' });
    }
  });
});

describe('endorsing criticism', () => {
  test('one’s own, or a second time, is refused with the endorse rule’s reason', async () => {
    const { run, byRole, criticismId } = await withCriticism();
    const endorse = (actor: typeof byRole.official) =>
      run(actor, { type: 'criticism:endorse', payload: { criticismId } });
    const own = await refusal(endorse(byRole.official));
    expect(own.code).toBe('CONFLICT');
    expect(own.refusal).toEqual({ kind: 'endorse-blocked', blocker: 'own' });
    await endorse(byRole.inspector);
    expect((await refusal(endorse(byRole.inspector))).refusal).toEqual({
      kind: 'endorse-blocked',
      blocker: 'already-endorsed',
    });
  });
});
