import type { PresenceChanged } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { joinSession } from '../helpers/joinSession.js';
import { startTestServer } from '../helpers/startTestServer.js';
import { waitForEvent } from '../helpers/waitForEvent.js';

const online = (message: PresenceChanged) =>
  Object.fromEntries(message.online.map(({ participantId, isTyping }) => [participantId, isTyping]));

describe('presence', () => {
  test('who is online and typing reaches the room, and never enters the log', async () => {
    const server = await startTestServer();
    const { chair: chairId, official: officialId } = {
      chair: server.participants.chair.id,
      official: server.participants.official.id,
    };
    const chair = await server.connect('chair');
    const alone = waitForEvent(chair, 'presence:changed');
    await joinSession(chair, server.sessionId);
    expect(online(await alone)).toEqual({ [chairId]: false });

    const official = await server.connect('official');
    const together = waitForEvent(chair, 'presence:changed', (m) => m.online.length === 2);
    await joinSession(official, server.sessionId);
    expect(online(await together)).toEqual({ [chairId]: false, [officialId]: false });

    const head = await server.head();
    const typing = waitForEvent(chair, 'presence:changed', (m) => m.online.some((p) => p.isTyping));
    official.emit('presence:update', { sessionId: server.sessionId, isTyping: true });
    expect(online(await typing)).toEqual({ [chairId]: false, [officialId]: true });
    expect(await server.head()).toBe(head);

    const left = waitForEvent(chair, 'presence:changed', (m) => m.online.length === 1);
    official.disconnect();
    expect(online(await left)).toEqual({ [chairId]: false });
  });
});
