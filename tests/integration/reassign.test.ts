import {
  defaultThresholds,
  type CommandInput,
  type OrganisationUnit,
  type ReviewSessionDefinition,
} from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { connectClient, type ClientSocket } from '../helpers/connectClient.js';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { readyForNotice } from '../helpers/notice.js';
import { startTestServer } from '../helpers/startTestServer.js';

/*
 * An inspection order of Q1 carried into Q2, whose review invites another inspector: the chair
 * gives it to Q2's inspector, who then acknowledges it, through the real server and sockets.
 */

const units: OrganisationUnit[] = [
  {
    id: 'centre',
    name: 'Centre',
    kind: 'centre',
    parentId: null,
    ownership: 'state',
    sector: 'Administration',
    class: null,
    region: 'North',
  },
  {
    id: 'coal',
    name: 'Coal Mine 3',
    kind: 'enterprise',
    parentId: 'centre',
    ownership: 'state',
    sector: 'Mining',
    class: null,
    region: 'North',
  },
];

const q1: Omit<ReviewSessionDefinition, 'createdAt'> = {
  title: 'Q1 review',
  period: '2026-Q1',
  organisation: 'Central Committee',
  days: [{ id: 'd1', date: '2026-04-13', title: 'Heavy industry' }],
  thresholds: defaultThresholds,
  conferenceLink: null,
  organiserUnitId: 'centre',
  previousSessionId: null,
};

describe('directive:reassign across two quarters', () => {
  test('P1: a carried inspection order goes to Q2’s inspector, who sees it and acknowledges it', async () => {
    const server = await startTestServer({
      store: 'memory',
      clock: { now: () => new Date('2026-04-13T09:00:00.000Z') },
    });
    const { app } = server;
    const connect = async (sessionId: string, name: string, role: 'inspector' | 'official') => {
      const { token, participant } = await app.sessions.invite(sessionId, { name, role, unitId: null });
      return { socket: await connectClient(server.url, { token }), participant };
    };
    const runIn = (sessionId: string) => async (socket: ClientSocket, command: CommandInput) =>
      expectOk(await sendCommand(socket, sessionId, command)).seq;

    // Q1: an inspection order to Q1's inspector, who acknowledges it; the review closes.
    const first = await app.sessions.createSession(q1, units, 'Chair');
    const run1 = runIn(first.sessionId);
    const chair1 = await connectClient(server.url, { token: first.chair.token });
    const q1Inspector = await connect(first.sessionId, 'Inspector — State Inspection Office', 'inspector');
    await readyForNotice(app, first.sessionId, '2026-04-01', (command) => run1(chair1, command));
    await run1(chair1, { type: 'session:publish-notice', payload: { noticeDate: '2026-04-01' } });
    await run1(chair1, { type: 'day:open', payload: { dayId: 'd1' } });
    await run1(chair1, {
      type: 'directive:issue',
      payload: {
        kind: 'inspection',
        assigneeUnitId: 'coal',
        subjectUnitId: 'coal',
        inspectorId: q1Inspector.participant.id,
        title: 'Inspect the coal stock',
        text: null,
        dueDate: '2026-09-30',
        fromCriticismId: null,
      },
    });
    const directiveId = (await app.commands.state(first.sessionId)).directiveOrder[0]!;
    await run1(q1Inspector.socket, { type: 'directive:acknowledge', payload: { directiveId } });
    await run1(chair1, { type: 'day:adjourn', payload: { dayId: 'd1' } });
    await run1(chair1, { type: 'session:close', payload: {} });

    // Q2, convened from Q1, invites Lee and not Q1's inspector.
    const second = await app.sessions.createSession(
      {
        ...q1,
        title: 'Q2 review',
        period: '2026-Q2',
        days: [{ id: 'd1', date: '2026-07-13', title: 'Heavy industry' }],
        previousSessionId: first.sessionId,
      },
      [],
      'Chair',
    );
    const q2State = () => app.commands.state(second.sessionId);
    const run2 = runIn(second.sessionId);
    const chair2 = await connectClient(server.url, { token: second.chair.token });
    const lee = await connect(second.sessionId, 'Lee Inspector', 'inspector');
    const official = await connect(second.sessionId, 'Official A', 'official');
    expect((await q2State()).directives[directiveId]).toMatchObject({
      inspectorId: q1Inspector.participant.id,
      carriedFromSessionId: first.sessionId,
    });

    await readyForNotice(app, second.sessionId, '2026-07-01', (command) => run2(chair2, command));
    await run2(chair2, { type: 'session:publish-notice', payload: { noticeDate: '2026-07-01' } });
    await run2(chair2, { type: 'day:open', payload: { dayId: 'd1' } });

    // Lee's screen follows the log; before the reassignment the order is nobody's here.
    await joinSession(lee.socket, second.sessionId);
    const seen = recordEvents(lee.socket);
    const wrongRole = await sendCommand(chair2, second.sessionId, {
      type: 'directive:reassign',
      payload: { directiveId, assigneeId: official.participant.id },
    });
    expect(wrongRole).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', issues: [{ path: 'assigneeId', reason: { code: 'not-an-inspector' } }] },
    });
    const refusedAck = await sendCommand(lee.socket, second.sessionId, {
      type: 'directive:acknowledge',
      payload: { directiveId },
    });
    expect(refusedAck).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const seq = await run2(chair2, {
      type: 'directive:reassign',
      payload: { directiveId, assigneeId: lee.participant.id },
    });
    await seen.waitForSeq(seq);
    expect(seen.events.find((e) => e.seq === seq)).toMatchObject({
      type: 'directive:reassigned',
      payload: { directiveId, fromAssigneeId: q1Inspector.participant.id, assigneeId: lee.participant.id },
    });
    await run2(lee.socket, { type: 'directive:acknowledge', payload: { directiveId } });
    const directive = (await q2State()).directives[directiveId]!;
    expect(directive).toMatchObject({ inspectorId: lee.participant.id, status: 'acknowledged' });
    expect(directive.steps.map((s) => [s.action, s.actorId])).toEqual([
      ['acknowledged', q1Inspector.participant.id],
      ['reassigned', second.chair.participant.id],
      ['acknowledged', lee.participant.id],
    ]);
  });
});
