import { criticismOf, emptySessionState, foldEvents, roles } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { endorseCriticism, expectOk, openFloor, postCriticism, sendCommand, startItem } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { startTestServer } from '../helpers/startTestServer.js';

describe('end-to-end flow', () => {
  test('P3/P4: start, open the floor, criticise, endorse: every client’s folded state equals the server’s', async () => {
    const server = await startTestServer();
    const clients = await Promise.all(
      roles.map(async (role) => {
        const socket = await server.connect(role);
        const live = recordEvents(socket);
        const joined = await joinSession(socket, server.sessionId, { limit: 10 });
        return { role, socket, live, joined };
      }),
    );
    const by = (role: string) => clients.find((c) => c.role === role)!.socket;

    expectOk(await sendCommand(by('chair'), server.sessionId, startItem('item-4')));
    expectOk(await sendCommand(by('chair'), server.sessionId, openFloor('item-4')));
    const text = 'Cement output is at 65 % of plan while fuel per tonne is 9 % over the norm.';
    const posted = expectOk(
      await sendCommand(
        by('official'),
        server.sessionId,
        postCriticism('item-4', { indicatorId: 'cement', severity: 'high', text }),
      ),
    );
    const criticism = (await server.store.read(server.sessionId, posted.seq - 1, 1))[0];
    if (criticism?.type !== 'criticism:posted') throw new Error(`expected criticism:posted at ${posted.seq}`);
    const { criticismId } = criticism.payload;
    const endorsed = expectOk(await sendCommand(by('inspector'), server.sessionId, endorseCriticism(criticismId)));

    const serverState = await server.state();
    expect(serverState.lastSeq).toBe(endorsed.seq);
    expect(serverState.currentItemId).toBe('item-4');
    expect(serverState.agenda['item-4']?.status).toBe('floor-open');
    expect(criticismOf(serverState, criticismId)).toMatchObject({
      itemId: 'item-4',
      unitId: 'eastfield-cement',
      authorId: server.participants.official.id,
      text,
      endorsedBy: [server.participants.inspector.id],
    });

    for (const { role, live, joined } of clients) {
      await live.waitForSeq(endorsed.seq);
      const folded = foldEvents(emptySessionState(server.sessionId), [...joined.events, ...live.events]);
      expect(folded, role).toEqual(serverState);
    }
  });
});
