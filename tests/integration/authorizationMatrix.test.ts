import { demoData } from '@plenum/server';
import {
  AckErrorSchema,
  commandRules,
  commandTypes,
  refusal,
  roles,
  sessionRoles,
  SessionStatus,
  type CommandInput,
  type Role,
} from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { commandFixtures } from '../fixtures/commands.js';
import { saveAdministrator } from '../helpers/administrator.js';
import { connectClient, expectRefused, type ClientSocket } from '../helpers/connectClient.js';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { readyForNotice } from '../helpers/notice.js';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';

const statuses = Object.values(SessionStatus);

/**
 * Commands that may move the session to another status: sent last (closing very last), so
 * every other cell sees the status under test.
 */
const moversInOrder = ['session:publish-notice', 'day:open', 'session:close'];
const moverRank = (type: string) => moversInOrder.indexOf(type);

/** A fresh session of the demo's shape, driven to `status`, with one connected client per role. */
async function sessionIn(server: TestServer, status: SessionStatus) {
  const { sessionId, chair } = await server.app.sessions.createSession(
    { ...demoData.demoSession, previousSessionId: null },
    demoData.demoUnits,
    'Chair',
  );
  const clients = { chair: await connectClient(server.url, { token: chair.token }) } as Record<Role, ClientSocket>;
  for (const role of sessionRoles.filter((r) => r !== 'chair')) {
    const unitId = role === 'presenter' ? 'eastfield-cement' : null;
    const { token } = await server.app.sessions.invite(sessionId, { name: role, role, unitId });
    clients[role] = await connectClient(server.url, { token });
  }
  // The organisation's administrator: an invitation of the organisation, opening this session.
  const administrator = await saveAdministrator(server.store);
  clients.administrator = await connectClient(server.url, { token: administrator.token, sessionId });
  const noticeDate = '2026-04-01';
  if (status !== 'draft') {
    await readyForNotice(server.app, sessionId, noticeDate, async (command) =>
      expectOk(await sendCommand(clients.chair, sessionId, command)),
    );
  }
  const steps: CommandInput[] = [
    { type: 'session:publish-notice', payload: { noticeDate } },
    { type: 'day:open', payload: { dayId: 'day-1' } },
    { type: 'session:close', payload: {} },
  ];
  for (const step of steps.slice(0, statuses.indexOf(status))) {
    expectOk(await sendCommand(clients.chair, sessionId, step));
  }
  expect((await server.app.commands.state(sessionId)).status).toBe(status);
  return { sessionId, clients };
}

describe('the authorisation table, cell by cell', () => {
  test(`P8: every role × command × status cell (${roles.length} × ${commandTypes.length} × ${statuses.length}): forbidden cells answer FORBIDDEN and append nothing; allowed cells are never refused as FORBIDDEN by the table`, async () => {
    const server = await startTestServer({ store: 'memory' });
    let forbidden = 0;
    let allowed = 0;
    for (const status of statuses) {
      const { sessionId, clients } = await sessionIn(server, status);
      const cells = roles.flatMap((role) => commandTypes.map((type) => ({ role, type })));
      // Forbidden cells first (they change nothing), then allowed ones, status movers last.
      const ordered = [
        ...cells.filter((c) => refusal(c.role, c.type, status) !== null),
        ...cells.filter((c) => refusal(c.role, c.type, status) === null && moverRank(c.type) === -1),
        ...cells
          .filter((c) => refusal(c.role, c.type, status) === null && moverRank(c.type) !== -1)
          .sort((a, b) => moverRank(a.type) - moverRank(b.type)),
      ];
      for (const { role, type } of ordered) {
        const isForbidden = refusal(role, type, status) !== null;
        const head = await server.store.head(sessionId);
        const ack = await sendCommand(clients[role], sessionId, commandFixtures[type]);
        const cell = `${role} × ${type} × ${status}`;
        // Every refusal, the table's or the domain's, is a typed error of the protocol.
        if (!ack.ok) expect(AckErrorSchema.safeParse(ack.error).success, cell).toBe(true);
        if (isForbidden) {
          forbidden++;
          expect(ack.ok ? 'ok' : ack.error.code, cell).toBe('FORBIDDEN');
          expect(await server.store.head(sessionId), cell).toBe(head);
        } else {
          allowed++;
          // A refusal here may only come from the domain's rules about the target, never the table.
          expect((await server.app.commands.state(sessionId)).status === status || moverRank(type) !== -1, cell).toBe(
            true,
          );
          if (!ack.ok && ack.error.code === 'FORBIDDEN')
            expect(ack.error.message, cell).not.toMatch(/may not|nobody may/);
        }
      }
    }
    // Anonymous: no token, or one the store does not know, never gets a socket to send from.
    for (const token of [undefined, 'not-an-invitation']) {
      expect((await expectRefused(server.url, { token })).data).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    const cells = roles.length * commandTypes.length * statuses.length;
    console.log(`authorisation matrix: ${cells} cells, ${forbidden} forbidden, ${allowed} allowed`);
    expect(forbidden + allowed).toBe(cells);
    expect(Object.keys(commandRules).sort()).toEqual([...commandTypes].sort());
  });
});
