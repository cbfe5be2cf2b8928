import { demoData } from '@plenum/server';
import { commandRules, commandTypes, PROTOCOL_VERSION, roles, type CommandInput } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { connectClient, expectRefused } from '../helpers/connectClient.js';
import {
  expectOk,
  newCommandId,
  postCriticism,
  sendCommand,
  sendJoin,
  sendOk,
  startItem,
  validCommand,
} from '../helpers/factories.js';
import { joinSession, joinSettled } from '../helpers/joinSession.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { startTestServer } from '../helpers/startTestServer.js';
import { waitForEvent } from '../helpers/waitForEvent.js';

const reportFor = (unitId: string): CommandInput => {
  const report = demoData.demoReports.find((r) => r.unitId === unitId);
  if (!report) throw new Error(`the demo has no report for ${unitId}`);
  return { type: 'report:submit', payload: { ...report, note: 'Resubmitted.' } };
};

describe('authorisation', () => {
  const refusals = commandTypes.flatMap((type) =>
    roles.filter((role) => !commandRules[type].roles.includes(role)).map((role) => ({ type, role })),
  );

  test(`P8: every command outside the sender's role (${refusals.length} pairs) gets FORBIDDEN and appends nothing`, async () => {
    const server = await startTestServer();
    const clients = Object.fromEntries(
      await Promise.all(roles.map(async (role) => [role, await server.connect(role)] as const)),
    );
    const head = await server.head();
    for (const { type, role } of refusals) {
      const ack = await sendCommand(clients[role]!, server.sessionId, validCommand(type));
      expect(ack, `${role} → ${type}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await server.head()).toBe(head);
  });

  test('P8: an official starting an item and an observer posting a criticism get FORBIDDEN and append nothing', async () => {
    const server = await startTestServer();
    const [chair, official, observer] = await Promise.all([
      server.connect('chair'),
      server.connect('official'),
      server.connect('observer'),
    ]);
    await joinSettled(server, observer);
    const seen = recordEvents(observer);
    const head = await server.head();
    const byOfficial = await sendCommand(official, server.sessionId, startItem('item-2'));
    expect(byOfficial).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(byOfficial.ok ? null : byOfficial.error.message).toMatch(/official/);
    expect(await server.head()).toBe(head);

    const started = await sendOk(chair, server.sessionId, startItem('item-2'));
    const byObserver = await sendCommand(observer, server.sessionId, postCriticism('item-2'));
    expect(byObserver).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await server.head()).toBe(started);
    const fence = await sendOk(official, server.sessionId, postCriticism('item-2'));
    await seen.waitForSeq(fence);
    expect(seen.events.map((e) => [e.seq, e.type])).toEqual([
      [started, 'agenda:item-started'],
      [fence, 'criticism:posted'],
    ]);
  });

  test('P8: a presenter submits the report of their own unit only; the unit comes from the invitation', async () => {
    const server = await startTestServer();
    const presenter = await server.connect('presenter');
    const own = server.participants.presenter.unitId;
    expect(own).toBe('eastfield-cement');
    const head = await server.head();
    const other = await sendCommand(presenter, server.sessionId, reportFor('riverside-steel'));
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await server.head()).toBe(head);
    expect(await sendCommand(presenter, server.sessionId, reportFor('eastfield-cement'))).toEqual({
      ok: true,
      data: { seq: head + 1 },
    });
    const chair = await server.connect('chair');
    expect(await sendCommand(chair, server.sessionId, reportFor('riverside-steel'))).toEqual({
      ok: true,
      data: { seq: head + 2 },
    });
  });

  test('P8: a command the session’s status does not allow gets FORBIDDEN, even from the chair, and appends nothing', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    expect((await server.state()).status).toBe('in-session');
    const head = await server.head();
    // The notice was published before the first day opened; it cannot be published again.
    const ack = await sendCommand(chair, server.sessionId, validCommand('session:publish-notice'));
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(ack.ok ? null : ack.error.message).toMatch(/in-session/);
    expect(await server.head()).toBe(head);
  });

  test('P8: role fields a client adds to its handshake are ignored', async () => {
    const server = await startTestServer();
    const observer = await server.connect('observer', {
      auth: {
        token: server.tokens.observer,
        protocolVersion: PROTOCOL_VERSION,
        role: 'chair',
        unitId: 'eastfield-cement',
        participantId: server.participants.chair.id,
      },
    });
    const { you } = await joinSession(observer, server.sessionId);
    expect(you).toEqual(server.participants.observer);
    expect(await sendCommand(observer, server.sessionId, startItem('item-1'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  test('P8: session:join and commands for another session are FORBIDDEN', async () => {
    const server = await startTestServer();
    const other = await server.app.sessions.createSession(
      { ...demoData.demoSession, title: 'Another review', previousSessionId: null },
      demoData.demoUnits,
      'Chair of the other review',
    );
    const chair = await server.connect('chair');
    const head = await server.store.head(other.sessionId);
    const join = await sendJoin(chair, { sessionId: other.sessionId, afterSeq: 0 });
    expect(join).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const command = await sendCommand(chair, other.sessionId, {
      type: 'session:rename',
      payload: { title: 'Hijacked' },
    });
    expect(command).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const unknown = await sendJoin(chair, { sessionId: 'no-such-session', afterSeq: 0 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await server.store.head(other.sessionId)).toBe(head);
    // The other session's own chair is let in.
    const otherChair = await server.connect('chair', {
      auth: { token: other.chair.token, protocolVersion: PROTOCOL_VERSION },
    });
    expect((await joinSession(otherChair, other.sessionId)).you).toEqual(other.chair.participant);
  });

  test('P8: once an invitation is revoked, its old token is refused, its socket is cut off at the next command, which appends nothing', async () => {
    const server = await startTestServer();
    const [chair, official] = await Promise.all([server.connect('chair'), server.connect('official')]);
    await sendOk(chair, server.sessionId, startItem('item-2'));
    // Waited for from before the reissue: the revocation may cut the socket off before the reissue returns.
    const dropped = waitForEvent(official, 'disconnect');
    const { token } = await server.app.sessions.reissue(server.sessionId, server.participants.official);
    // The reissue itself is logged (`participant:reissued`); the revoked socket's command adds nothing.
    const head = await server.head();
    const answer = sendCommand(official, server.sessionId, postCriticism('item-2'), newCommandId(), 2000).then(
      (ack) => ack,
      (error: unknown) => error,
    );
    expect(await dropped).toBe('io server disconnect');
    await answer;
    expect(await server.head()).toBe(head);
    const refused = await expectRefused(server.url, { token: server.tokens.official });
    expect(refused.data).toMatchObject({ code: 'UNAUTHENTICATED' });
    // The reissued token works, for the same participant.
    const again = await connectClient(server.url, { token });
    expect((await joinSession(again, server.sessionId)).you).toEqual(server.participants.official);
    expectOk(await sendCommand(again, server.sessionId, postCriticism('item-2')));
  });

  test('P8: a command from a revoked invitation is answered UNAUTHENTICATED', async () => {
    const server = await startTestServer();
    const [chair, official] = await Promise.all([server.connect('chair'), server.connect('official')]);
    await sendOk(chair, server.sessionId, startItem('item-2'));
    // Revoked in the store directly, without the hook that cuts open sockets at once: the
    // per-command re-check alone must refuse it.
    await server.store.revokeInvitations(server.sessionId, server.participants.official.id, new Date().toISOString());
    const ack = await sendCommand(official, server.sessionId, postCriticism('item-2'), newCommandId(), 2000);
    expect(ack).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
