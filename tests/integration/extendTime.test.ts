import { describe, expect, test } from 'vitest';
import { sendCommand, sendOk, startItem } from '../helpers/factories.js';
import { startTestServer } from '../helpers/startTestServer.js';

describe('extending an item’s time', () => {
  test('rehearsal 6: two chair tabs pressing +5 at once extend once; the other is told the time was already extended', async () => {
    const server = await startTestServer();
    const [tabA, tabB] = await Promise.all([server.connect('chair'), server.connect('chair')]);
    await sendOk(tabA, server.sessionId, startItem('item-2'));
    const seen = await server.state();
    const item = seen.agenda['item-2']!;
    const expectedMinutes = item.plannedMinutes + item.timer.extraMinutes;
    const extend = { type: 'agenda:extend-time', payload: { itemId: 'item-2', minutes: 5, expectedMinutes } } as const;

    const acks = await Promise.all([tabA, tabB].map((tab) => sendCommand(tab, server.sessionId, extend)));

    const applied = acks.filter((ack) => ack.ok);
    const refused = acks.filter((ack) => !ack.ok);
    expect(applied).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const state = await server.state();
    expect(state.agenda['item-2']?.timer.extraMinutes).toBe(5);
    expect(state.lastSeq).toBe(seen.lastSeq + 1);
    expect(refused[0]).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/already extended to 25 min \(until .+\) by another tab or chair/) as unknown,
        refusal: {
          kind: 'time-already-extended',
          field: 'expectedMinutes',
          allottedMinutes: expectedMinutes + 5,
          endsAt: new Date(Date.parse(item.timer.runningSince!) + (expectedMinutes + 5) * 60_000).toISOString(),
        },
      },
    });

    // An extension from the allotment now shown goes through.
    await sendOk(tabB, server.sessionId, {
      ...extend,
      payload: { ...extend.payload, expectedMinutes: expectedMinutes + 5 },
    });
    expect((await server.state()).agenda['item-2']?.timer.extraMinutes).toBe(10);
  });
});
