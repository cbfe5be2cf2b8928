import { criticismIdsFrom, type Ack, type CommandOf, type CommandResult } from '@plenum/shared';
import { describe, expect, onTestFinished, test } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { expectOk, openFloor, postCriticism, sendCommand, startItem } from '../helpers/factories.js';
import { startTestServer } from '../helpers/startTestServer.js';

/** The demo's first day, 09:00 UTC: a fixed clock, so due dates are fixed too. */
const clock = { now: () => new Date('2026-04-13T09:00:00.000Z') };

const inspection: CommandOf<'directive:issue'>['payload'] = {
  kind: 'inspection',
  assigneeUnitId: 'harbour-fisheries',
  title: 'Inspect the catch ledgers',
  text: null,
  dueDate: '2026-04-30',
  fromCriticismId: null,
};

/** The refusal of an ack, or a failed expectation when it was accepted. */
function refused(ack: Ack<CommandResult>) {
  if (ack.ok) throw new Error(`expected a refusal, got seq ${ack.data.seq}`);
  return ack.error;
}

describe('directives through real sockets', () => {
  test('rehearsal 2: a directive belongs to its criticism’s item or the item it was issued from, never to the item on the floor', async () => {
    const server = await startTestServer({ clock });
    const chair = await server.connect('chair');
    const official = await server.connect('official');
    const issue = async (payload: Partial<CommandOf<'directive:issue'>['payload']>) => {
      const { seq } = expectOk(
        await sendCommand(chair, server.sessionId, { type: 'directive:issue', payload: { ...inspection, ...payload } }),
      );
      const [event] = await server.store.read(server.sessionId, seq - 1, 1);
      if (event?.type !== 'directive:issued') throw new Error(`expected directive:issued at ${seq}`);
      return event.payload;
    };

    // Riverside Steel (item-2) holds the floor while the chair orders, from the Decisions tab,
    // an inspection of the fisheries.
    expectOk(await sendCommand(chair, server.sessionId, startItem('item-2')));
    expectOk(await sendCommand(chair, server.sessionId, openFloor('item-2')));
    const fromTab = await issue({});
    expect(fromTab).toMatchObject({ itemId: null, assigneeUnitId: 'harbour-fisheries' });
    const fromPanel = await issue({ assigneeUnitId: 'riverside-steel', itemId: 'item-2' });
    expect(fromPanel.itemId).toBe('item-2');
    expectOk(await sendCommand(official, server.sessionId, postCriticism('item-2')));
    const criticismId = criticismIdsFrom(await server.state()).at(-1)!;

    // Later, with coal (item-3) on the floor, a directive made from steel's criticism stays with steel.
    expectOk(await sendCommand(chair, server.sessionId, { type: 'agenda:close-item', payload: { itemId: 'item-2' } }));
    expectOk(await sendCommand(chair, server.sessionId, startItem('item-3')));
    const fromCriticism = await issue({ assigneeUnitId: 'riverside-steel', fromCriticismId: criticismId });
    expect(fromCriticism.itemId).toBe('item-2');

    const state = await server.state();
    expect(state.directives[fromTab.directiveId]?.itemId).toBeNull();
    expect(state.directives[fromCriticism.directiveId]?.itemId).toBe('item-2');
    const head = await server.head();
    const mismatch = refused(
      await sendCommand(chair, server.sessionId, {
        type: 'directive:issue',
        payload: { ...inspection, fromCriticismId: criticismId, itemId: 'item-3' },
      }),
    );
    expect([mismatch.code, 'issues' in mismatch ? mismatch.issues?.[0]?.path : null]).toEqual([
      'INVALID_PAYLOAD',
      'itemId',
    ]);
    expect(await server.head()).toBe(head);
  });

  test('rehearsal 10: the chair orders an inspector to inspect a unit; only that inspector acknowledges and files the findings', async () => {
    const server = await startTestServer({ clock });
    const chair = await server.connect('chair');
    const inspector = await server.connect('inspector');
    const presenter = await server.connect('presenter');
    const second = await connectClient(server.url, {
      token: (await server.invite('inspector', null, 'Second inspector')).token,
    });
    onTestFinished(() => void second.disconnect());
    const inspectorId = server.participants.inspector.id;

    const { seq } = expectOk(
      await sendCommand(chair, server.sessionId, {
        type: 'directive:issue',
        payload: {
          ...inspection,
          assigneeUnitId: 'eastfield-cement',
          subjectUnitId: 'eastfield-cement',
          inspectorId,
          title: 'Inspect the clinker books',
        },
      }),
    );
    const directiveId = (await server.state()).directiveOrder.at(-1)!;
    expect((await server.state()).directives[directiveId]).toMatchObject({
      kind: 'inspection',
      subjectUnitId: 'eastfield-cement',
      inspectorId,
      status: 'open',
    });
    expect(seq).toBe(await server.head());

    // The inspected unit does not act on its own inspection, nor does another inspector.
    for (const socket of [presenter, second]) {
      const refusal = refused(
        await sendCommand(socket, server.sessionId, { type: 'directive:acknowledge', payload: { directiveId } }),
      );
      expect(refusal.code).toBe('FORBIDDEN');
      expect(refusal.message).toMatch(/inspector it is assigned to/);
    }
    expectOk(
      await sendCommand(inspector, server.sessionId, { type: 'directive:acknowledge', payload: { directiveId } }),
    );
    expectOk(
      await sendCommand(inspector, server.sessionId, {
        type: 'directive:answer',
        payload: { directiveId, text: 'Clinker books checked on site: 4,000 t counted twice.' },
      }),
    );
    expectOk(
      await sendCommand(chair, server.sessionId, {
        type: 'directive:review',
        payload: { directiveId, decision: 'accepted', note: null },
      }),
    );
    const done = (await server.state()).directives[directiveId]!;
    expect(done.status).toBe('accepted');
    expect(done.steps.map((step) => [step.action, step.actorId])).toEqual([
      ['acknowledged', inspectorId],
      ['answered', inspectorId],
      ['accepted', server.participants.chair.id],
    ]);

    // An order to someone who is not an inspector is refused on the field, and appends nothing.
    const head = await server.head();
    const notInspector = refused(
      await sendCommand(chair, server.sessionId, {
        type: 'directive:issue',
        payload: { ...inspection, inspectorId: server.participants.official.id },
      }),
    );
    expect([notInspector.code, 'issues' in notInspector ? notInspector.issues?.[0]?.path : null]).toEqual([
      'INVALID_PAYLOAD',
      'inspectorId',
    ]);
    expect(await server.head()).toBe(head);
  });

  test('rehearsal 8: a due date before the day of issue is refused on the dueDate field, and nothing is appended', async () => {
    const server = await startTestServer({ clock });
    const chair = await server.connect('chair');
    const head = await server.head();
    const past = refused(
      await sendCommand(chair, server.sessionId, {
        type: 'directive:issue',
        payload: { ...inspection, dueDate: '2026-03-31' },
      }),
    );
    expect(past.code).toBe('INVALID_PAYLOAD');
    expect('issues' in past ? past.issues : null).toEqual([
      {
        path: 'dueDate',
        message: 'The due date 2026-03-31 is past: choose 2026-04-12 or later.',
        reason: { code: 'due-date-past', earliest: '2026-04-12' },
      },
    ]);
    expect(await server.head()).toBe(head);
    // The process is up and the same order with today's date goes through.
    expectOk(
      await sendCommand(chair, server.sessionId, {
        type: 'directive:issue',
        payload: { ...inspection, dueDate: '2026-04-13' },
      }),
    );
  });
});
