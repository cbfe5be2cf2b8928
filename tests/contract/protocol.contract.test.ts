import {
  AckErrorSchema,
  ackSchema,
  CommandRequestSchema,
  CommandResultSchema,
  CommandSchema,
  commandPayloads,
  commandTypes,
  emptySessionState,
  ErrorCode,
  errorCodes,
  eventPayloads,
  eventTypes,
  foldEvents,
  HandshakeAuthSchema,
  HandshakeErrorDataSchema,
  Limits,
  PresenceChangedSchema,
  PresenceUpdateSchema,
  readSavedState,
  SessionEventSchema,
  SessionEventsMessageSchema,
  SessionHeadMessageSchema,
  SessionJoinRequestSchema,
  SessionJoinResultSchema,
  type Ack,
  type AckError,
  type ClientToServerEvents,
  type Command,
  type CommandInput,
  type CommandOf,
  type CommandRequestInput,
  type CommandResult,
  type CommandType,
  type CriticismDraft,
  type EventType,
  type HandshakeErrorData,
  type NewEvent,
  SessionAccessEndedSchema,
  NotificationMessageSchema,
  type ServerToClientEvents,
  type SessionEvent,
  type SessionEventOf,
  type SessionEventsMessage,
  type SessionJoinResult,
  criticismOf,
} from '@plenum/shared';
import { describe, expect, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import {
  ackFixtures,
  clientMessageFixtures,
  commandFixtures,
  eventFixtures,
  fixtureLog,
  fixtureSessionId,
  handshakeFixtures,
  invalidCommandFixtures,
  invalidEventFixtures,
  serverMessageFixtures,
} from '../fixtures/index.js';
import type { ClientSocket } from '../helpers/connectClient.js';

/** A JSON round-trip, i.e. what the wire does to a message. */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('fixtures cover every registry type', () => {
  test('one command fixture per command type, and no other', () => {
    expect(Object.keys(commandFixtures).sort()).toEqual([...commandTypes].sort());
    expect(Object.keys(commandPayloads).sort()).toEqual([...commandTypes].sort());
  });

  test('one event fixture per event type, and no other', () => {
    expect(Object.keys(eventFixtures).sort()).toEqual([...eventTypes].sort());
    expect(Object.keys(eventPayloads).sort()).toEqual([...eventTypes].sort());
  });

  test('every command type has at least one invalid variant', () => {
    for (const type of commandTypes) expect(invalidCommandFixtures[type].length, type).toBeGreaterThan(0);
  });

  test('each fixture is filed under its own type', () => {
    for (const [key, command] of Object.entries(commandFixtures)) expect(command.type).toBe(key);
    for (const [key, event] of Object.entries(eventFixtures)) expect(event.type).toBe(key);
  });
});

describe('commands', () => {
  test.each(commandTypes)('%s: the fixture parses unchanged and survives a JSON round-trip', (type) => {
    const fixture = commandFixtures[type];
    expect(CommandSchema.parse(fixture)).toEqual(fixture);
    expect(overTheWire(fixture)).toEqual(fixture);
    expect(CommandSchema.parse(overTheWire(fixture))).toEqual(fixture);
    expect(commandPayloads[type].parse(fixture.payload)).toEqual(fixture.payload);
  });

  const invalid = Object.entries(invalidCommandFixtures).flatMap(([type, variants]) =>
    variants.map((variant) => ({ type, ...variant })),
  );
  test.each(invalid)('$type is refused: $why', ({ command }) => {
    const result = CommandSchema.safeParse(command);
    expect(result.success).toBe(false);
    // The same holds inside a request, where the server parses it.
    expect(CommandRequestSchema.safeParse({ commandId: 'cmd-12345678', sessionId: 's1', command }).success).toBe(false);
  });

  test('a payload valid for one type is refused under another', () => {
    expect(
      CommandSchema.safeParse({ type: 'agenda:start-item', payload: commandFixtures['session:rename'].payload })
        .success,
    ).toBe(false);
  });

  test('strings are trimmed on the way in, so the stored title has no padding', () => {
    const parsed = CommandSchema.parse({ type: 'session:rename', payload: { title: '  Q1 review  ' } });
    expect(parsed).toEqual({ type: 'session:rename', payload: { title: 'Q1 review' } });
  });
});

describe('events', () => {
  test.each(eventTypes)('%s: the fixture parses unchanged and survives a JSON round-trip', (type) => {
    const fixture = eventFixtures[type];
    expect(SessionEventSchema.parse(fixture)).toEqual(fixture);
    expect(overTheWire(fixture)).toEqual(fixture);
    expect(SessionEventSchema.parse(overTheWire(fixture))).toEqual(fixture);
    expect(eventPayloads[type].parse(fixture.payload)).toEqual(fixture.payload);
  });

  test.each(invalidEventFixtures)('an invalid event is refused: $why', ({ event }) => {
    expect(SessionEventSchema.safeParse(event).success).toBe(false);
  });

  test('P1: the event fixtures form one dense log that the shared reducer folds', () => {
    expect(fixtureLog.map((e) => e.seq)).toEqual(fixtureLog.map((_, i) => i + 1));
    const state = foldEvents(emptySessionState(fixtureSessionId), fixtureLog);
    expect(state.lastSeq).toBe(fixtureLog.length);
    expect(state.definition?.title).toBe(eventFixtures['session:renamed'].payload.title);
    expect(state.status).toBe('closed');
    expect(state.agenda['item-a']?.status).toBe('deferred');
    // Closed, then reopened with a reason: back on the floor as it was when closed.
    expect(state.agenda['item-b']).toMatchObject({
      status: 'floor-open',
      carriedFromItemId: 'item-a',
      reopenings: [
        {
          reason: eventFixtures['agenda:item-reopened'].payload.reason,
          endedAt: eventFixtures['agenda:item-closed'].payload.closedAt,
        },
      ],
    });
    expect(state.definition?.days.map((d) => d.date)).toEqual(['2026-04-13', '2026-04-15']);
    expect(eventFixtures['session:created'].payload.days[1]?.date).toBe('2026-04-14');
    expect(state.days['day-2']).toMatchObject({
      reopenings: [{ reason: eventFixtures['day:reopened'].payload.reason }],
    });
    expect(criticismOf(state, 'c-1')).toMatchObject({ endorsedBy: ['p-inspector'], directiveIds: ['d-1'] });
    expect(state.directives['d-1']?.status).toBe('closed');
    // Hidden, then shown again; the order's reassignment is a step of its history.
    expect(criticismOf(state, 'c-1')?.hidden).toBeNull();
    expect(state.directives['d-1']).toMatchObject({ inspectorId: 'p-inspector' });
    expect(state.directives['d-1']?.steps.at(-1)).toMatchObject({
      action: 'reassigned',
      actorId: 'p-chair',
      fromAssigneeId: null,
      assigneeId: 'p-inspector',
    });
    // Lifted, then the lift taken back: open again, the lift kept for the record.
    expect(state.warnings['w-prev']).toMatchObject({ status: 'open', decisionNote: null, decidedAt: null });
    expect(state.warnings['w-1']?.status).toBe('escalated');
    // The waiver taken back: the county's proposal is open again, the waiver kept for the record.
    expect(state.waivers).toEqual({});
    expect(state.reconsidered).toMatchObject([
      { warningId: 'w-prev', decision: 'lifted', text: eventFixtures['warning:lifted'].payload.note },
      { unitId: 'east-county', decision: 'waived', text: eventFixtures['warning:waived'].payload.reason },
    ]);
    // Preparation: the participant's access, the edited agenda and days, the settings.
    expect(state.participants['p-official']?.name).toBe('Official — Planning Commission');
    expect(state.access['p-official']).toMatchObject({
      revokedAt: null,
      reissuedAt: eventFixtures['participant:reissued'].payload.at,
      expiresAt: '2026-04-30T00:00:00.000Z',
    });
    expect(state.agenda['item-z']).toBeUndefined();
    expect(state.agenda['item-a']?.plannedMinutes).toBe(25);
    expect(state.definition?.conferenceLink).toBe(eventFixtures['session:configured'].payload.conferenceLink);
    expect(state.definition?.days[0]).toMatchObject({ startTime: '09:00', plannedEnd: '12:30' });
    expect(state.retiredUnits).toEqual({ 'old-foundry': eventFixtures['unit:retired'].payload.at });
    // Changes after the notice are amendments; those before it are not.
    expect(state.amendments.map((a) => [a.type, a.dayId])).toEqual([
      ['day:updated', 'day-1'],
      ['session:renamed', null],
    ]);
    // The fold survives the wire as well.
    expect(foldEvents(emptySessionState(fixtureSessionId), overTheWire(fixtureLog))).toEqual(state);
  });
});

describe('channels', () => {
  const clientSchemas: { [K in keyof ClientToServerEvents]: z.ZodType } = {
    'session:join': SessionJoinRequestSchema,
    command: CommandRequestSchema,
    'presence:update': PresenceUpdateSchema,
  };
  const serverSchemas: { [K in keyof ServerToClientEvents]: z.ZodType } = {
    'session:events': SessionEventsMessageSchema,
    'session:head': SessionHeadMessageSchema,
    'presence:changed': PresenceChangedSchema,
    'session:access-ended': SessionAccessEndedSchema,
    'notification:new': NotificationMessageSchema,
  };
  const messages = [
    ...Object.entries(clientMessageFixtures).map(([channel, message]) => ({
      channel,
      message,
      schema: clientSchemas[channel as keyof ClientToServerEvents],
    })),
    ...Object.entries(serverMessageFixtures).map(([channel, message]) => ({
      channel,
      message,
      schema: serverSchemas[channel as keyof ServerToClientEvents],
    })),
  ];

  test.each(messages)(
    '$channel: the fixture parses unchanged and survives a JSON round-trip',
    ({ message, schema }) => {
      expect(schema.parse(message)).toEqual(message);
      expect(schema.parse(overTheWire(message))).toEqual(message);
    },
  );

  test('acknowledgements parse with ackSchema', () => {
    expect(ackSchema(SessionJoinResultSchema).parse(overTheWire(ackFixtures.join))).toEqual(ackFixtures.join);
    expect(ackSchema(CommandResultSchema).parse(overTheWire(ackFixtures.command))).toEqual(ackFixtures.command);
    expect(ackSchema(CommandResultSchema).parse(overTheWire(ackFixtures.refused))).toEqual(ackFixtures.refused);
  });

  test('P26: a join answer with the saved state parses with its bytes as they arrive (a Buffer in Node, an ArrayBuffer in a browser), and they read as the fold', () => {
    const fixture = ackFixtures.joinWithState;
    const schema = ackSchema(SessionJoinResultSchema);
    expect(schema.parse(fixture)).toEqual(fixture);
    const { value } = fixture.data.state;
    const asBuffer = { ...fixture.data, state: { seq: 7, value: Buffer.from(value) } };
    const asArrayBuffer = { ...fixture.data, state: { seq: 7, value: value.slice().buffer } };
    for (const data of [asBuffer, asArrayBuffer]) {
      const parsed = schema.parse({ ok: true, data });
      expect(parsed.ok && parsed.data.state && readSavedState(parsed.data.state.value, fixtureSessionId, 7)).toEqual(
        foldEvents(emptySessionState(fixtureSessionId), fixtureLog.slice(0, 7)),
      );
    }
    // Turned into JSON, the bytes are an object of numbers: refused, never taken for a state.
    expect(schema.safeParse(overTheWire(fixture)).success).toBe(false);
  });

  test('the handshake auth and its refusal parse', () => {
    expect(HandshakeAuthSchema.parse(overTheWire(handshakeFixtures.auth))).toEqual(handshakeFixtures.auth);
    expect(HandshakeErrorDataSchema.parse(overTheWire(handshakeFixtures.error))).toEqual(handshakeFixtures.error);
  });

  const invalidMessages: { why: string; schema: z.ZodType; message: unknown }[] = [
    {
      why: 'join with a negative afterSeq',
      schema: SessionJoinRequestSchema,
      message: { sessionId: 's1', afterSeq: -1 },
    },
    {
      why: 'join with a fractional afterSeq',
      schema: SessionJoinRequestSchema,
      message: { sessionId: 's1', afterSeq: 1.5 },
    },
    { why: 'join with limit 0', schema: SessionJoinRequestSchema, message: { sessionId: 's1', afterSeq: 0, limit: 0 } },
    {
      why: 'join with a limit over the page size',
      schema: SessionJoinRequestSchema,
      message: { sessionId: 's1', afterSeq: 0, limit: 501 },
    },
    { why: 'join without a session', schema: SessionJoinRequestSchema, message: { afterSeq: 0 } },
    {
      why: 'join with a fractional stateVersion',
      schema: SessionJoinRequestSchema,
      message: { sessionId: 's1', afterSeq: 0, stateVersion: 1.5 },
    },
    {
      why: 'join answer with its state as text',
      schema: SessionJoinResultSchema,
      message: { ...ackFixtures.join.data, state: { seq: 7, value: '{}' } },
    },
    {
      why: 'command id under 8 characters',
      schema: CommandRequestSchema,
      message: { ...clientMessageFixtures.command, commandId: 'abc' },
    },
    {
      why: 'command id with a slash',
      schema: CommandRequestSchema,
      message: { ...clientMessageFixtures.command, commandId: 'cmd/12345678' },
    },
    {
      why: 'command id over 64 characters',
      schema: CommandRequestSchema,
      message: { ...clientMessageFixtures.command, commandId: 'c'.repeat(65) },
    },
    {
      why: 'command request without a command',
      schema: CommandRequestSchema,
      message: { commandId: 'cmd-12345678', sessionId: 's1' },
    },
    { why: 'command result with seq 0', schema: CommandResultSchema, message: { seq: 0 } },
    {
      why: 'events message with an invalid event',
      schema: SessionEventsMessageSchema,
      message: { sessionId: 's1', events: [{ seq: 1 }] },
    },
    {
      why: 'head with a negative seq',
      schema: SessionHeadMessageSchema,
      message: { sessionId: 's1', epoch: 'e', headSeq: -1 },
    },
    { why: 'presence without isTyping', schema: PresenceUpdateSchema, message: { sessionId: 's1' } },
    {
      why: 'presence as the whole online list (protocol 1)',
      schema: PresenceChangedSchema,
      message: { sessionId: 's1', online: [{ participantId: 'p1', isTyping: false }] },
    },
    {
      why: 'presence delta over its limit',
      schema: PresenceChangedSchema,
      message: {
        sessionId: 's1',
        joined: [],
        left: Array.from({ length: Limits.presenceEntries + 1 }, (_, i) => `p${i}`),
        typing: [],
      },
    },
    { why: 'handshake without a token', schema: HandshakeAuthSchema, message: { protocolVersion: 1 } },
    { why: 'handshake with an empty token', schema: HandshakeAuthSchema, message: { protocolVersion: 1, token: '' } },
    {
      why: 'handshake with the version as a string',
      schema: HandshakeAuthSchema,
      message: { protocolVersion: '1', token: 't' },
    },
    {
      why: 'handshake refusal with an unknown code',
      schema: HandshakeErrorDataSchema,
      message: { code: 'NOPE', message: 'x' },
    },
    { why: 'ack error with an unknown code', schema: AckErrorSchema, message: { code: 'TEAPOT', message: 'x' } },
    { why: 'ack ok without data', schema: ackSchema(CommandResultSchema), message: { ok: true } },
    {
      why: 'ack that is neither ok nor an error',
      schema: ackSchema(CommandResultSchema),
      message: { ok: 'yes', data: { seq: 1 } },
    },
  ];
  test.each(invalidMessages)('an invalid message is refused: $why', ({ schema, message }) => {
    expect(schema.safeParse(message).success).toBe(false);
  });

  test('every error code is an ack error code, and handshake codes are a subset', () => {
    expect(new Set(errorCodes)).toEqual(new Set(Object.values(ErrorCode)));
    for (const code of HandshakeErrorDataSchema.shape.code.options) expect(errorCodes).toContain(code);
  });
});

describe('types are derived from the schemas', () => {
  test('Command and SessionEvent are the schemas’ own types', () => {
    expectTypeOf<z.output<typeof CommandSchema>>().toEqualTypeOf<Command>();
    expectTypeOf<z.input<typeof CommandSchema>>().toEqualTypeOf<CommandInput>();
    expectTypeOf<z.output<typeof SessionEventSchema>>().toEqualTypeOf<SessionEvent>();
    expectTypeOf<Command['type']>().toEqualTypeOf<CommandType>();
    expectTypeOf<SessionEvent['type']>().toEqualTypeOf<EventType>();
    expectTypeOf<NewEvent['type']>().toEqualTypeOf<EventType>();
  });

  test('a command’s payload is its registry schema’s type', () => {
    expectTypeOf<CommandOf<'criticism:post'>['payload']>().toEqualTypeOf<CriticismDraft>();
    expectTypeOf<CommandOf<'agenda:start-item'>['payload']>().toEqualTypeOf<{ itemId: string }>();
    expectTypeOf<SessionEventOf<'criticism:endorsed'>['payload']>().toEqualTypeOf<{
      criticismId: string;
      participantId: string;
    }>();
    expectTypeOf<SessionEventOf<'criticism:posted'>['payload']>().toExtend<CriticismDraft>();
  });

  test('a command with a wrong payload for its type, or an unknown type, does not compile', () => {
    // @ts-expect-error: start-item wants an itemId, not a title
    const wrongPayload: CommandInput = { type: 'agenda:start-item', payload: { title: 'Q1' } };
    // @ts-expect-error: the itemId is a string
    const wrongType: CommandInput = { type: 'agenda:start-item', payload: { itemId: 2 } };
    // @ts-expect-error: no such command type
    const unknownType: CommandInput = { type: 'agenda:delete-everything', payload: {} };
    const { payload } = commandFixtures['criticism:post'];
    // @ts-expect-error: an event type is not a command type
    const eventAsCommand: CommandInput = { type: 'criticism:posted', payload };
    // @ts-expect-error: severity is one of low, medium, high
    const badEnum: CommandInput = { type: 'criticism:post', payload: { ...payload, severity: 'grave' } };
    expect([wrongPayload, wrongType, unknownType, eventAsCommand, badEnum]).toHaveLength(5);
  });

  test('an event with a payload of another type does not compile', () => {
    const { payload } = eventFixtures['agenda:item-started'];
    // @ts-expect-error: a renamed event carries a title
    const wrong: SessionEvent = { ...eventFixtures['session:renamed'], payload };
    expect(wrong.type).toBe('session:renamed');
  });

  test('narrowing on `type` gives the payload of that type', () => {
    const event = eventFixtures['criticism:posted'] as SessionEvent;
    if (event.type === 'criticism:posted') expectTypeOf(event.payload.criticismId).toEqualTypeOf<string>();
    const command = commandFixtures['agenda:defer-item'] as CommandInput;
    if (command.type === 'agenda:defer-item')
      expectTypeOf(command.payload).toEqualTypeOf<{ itemId: string; toDayId: string }>();
    expect(event.type).toBe('criticism:posted');
  });

  test('the socket maps are derived from the channel schemas', () => {
    expectTypeOf<Parameters<ClientToServerEvents['command']>[0]>().toEqualTypeOf<CommandRequestInput>();
    expectTypeOf<Parameters<ClientToServerEvents['session:join']>[0]>().toEqualTypeOf<
      z.input<typeof SessionJoinRequestSchema>
    >();
    expectTypeOf<Parameters<Parameters<ClientToServerEvents['command']>[1]>[0]>().toEqualTypeOf<Ack<CommandResult>>();
    expectTypeOf<Parameters<Parameters<ClientToServerEvents['session:join']>[1]>[0]>().toEqualTypeOf<
      Ack<SessionJoinResult>
    >();
    expectTypeOf<Parameters<ServerToClientEvents['session:events']>[0]>().toEqualTypeOf<SessionEventsMessage>();
    expectTypeOf<AckError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<HandshakeErrorData['code']>().toExtend<ErrorCode>();
  });

  test('a typed client cannot emit an unknown channel or a wrong message', () => {
    // Type-only: the function is never called, so no socket is opened.
    const compileOnly = (socket: ClientSocket): void => {
      // @ts-expect-error: no such channel
      socket.emit('session:leave', { sessionId: 's1' });
      // @ts-expect-error: afterSeq is a number
      socket.emit('session:join', { sessionId: 's1', afterSeq: '0' }, () => undefined);
      // @ts-expect-error: a command request needs a commandId
      socket.emit('command', { sessionId: 's1', command: commandFixtures['session:rename'] }, () => undefined);
      socket.on('session:events', (message) => expectTypeOf(message).toEqualTypeOf<SessionEventsMessage>());
      // @ts-expect-error: the server sends no such message
      socket.on('session:deleted', () => undefined);
    };
    expect(typeof compileOnly).toBe('function');
  });

  test('an Ack narrows on `ok`', () => {
    const ack = ackFixtures.refused as Ack<CommandResult>;
    if (ack.ok) expectTypeOf(ack.data).toEqualTypeOf<CommandResult>();
    else expectTypeOf(ack.error.code).toEqualTypeOf<ErrorCode>();
    // @ts-expect-error: data exists only once narrowed to ok
    expect(ack.data).toBeUndefined();
  });
});
