import type { SessionEventsMessage } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { expectOk, postCriticism, sendCommand, startItem } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { startTestServer } from '../helpers/startTestServer.js';
import { waitForEvent } from '../helpers/waitForEvent.js';

describe('a referred ruling names its recipient', () => {
  test('rehearsal 8: a referral without referredTo gets a typed refusal naming the field; with it, everyone gets the recipient', async () => {
    const server = await startTestServer();
    const [chair, official] = await Promise.all([server.connect('chair'), server.connect('official')]);
    await Promise.all([joinSession(chair, server.sessionId), joinSession(official, server.sessionId)]);
    expectOk(await sendCommand(chair, server.sessionId, startItem('item-2')));
    const { seq } = expectOk(await sendCommand(official, server.sessionId, postCriticism('item-2')));
    const [posted] = await server.store.read(server.sessionId, seq - 1, 1);
    const { criticismId } = posted!.payload as { criticismId: string };
    const head = await server.head();

    const refused = await sendCommand(chair, server.sessionId, {
      type: 'criticism:rule',
      payload: { criticismId, ruling: 'referred', note: null },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', issues: [{ path: 'referredTo' }] },
    });
    expect(await server.head()).toBe(head);

    const isRuled = (m: SessionEventsMessage) => m.events.some((e) => e.type === 'criticism:ruled');
    const seen = waitForEvent(official, 'session:events', isRuled, { description: 'criticism:ruled' });
    expectOk(
      await sendCommand(chair, server.sessionId, {
        type: 'criticism:rule',
        payload: { criticismId, ruling: 'referred', note: null, referredTo: 'State Inspection Office' },
      }),
    );
    const ruled = (await seen).events.find((e) => e.type === 'criticism:ruled');
    expect(ruled?.payload).toEqual({
      criticismId,
      ruling: 'referred',
      note: null,
      referredTo: 'State Inspection Office',
    });
  });
});
