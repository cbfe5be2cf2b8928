import { describe, expect, test } from 'vitest';
import { startTestServer } from '../helpers/startTestServer.js';
import { showsOnline, watchPresence } from '../helpers/watchPresence.js';

describe('presence', () => {
  test('P20: the chair\u2019s join answer lists who is online and the deltas keep the chair right through joins, a second socket, typing and leaves; none of it enters the log', async () => {
    const server = await startTestServer({ presenceIntervalMs: 50 });
    const { sessionId } = server;
    const chairId = server.participants.chair.id;
    const officialId = server.participants.official.id;

    const chair = watchPresence(await server.connect('chair'));
    expect((await chair.join(sessionId)).online).toEqual([]);
    await chair.until((v) => showsOnline(v, [chairId]), 'the chair online');

    const official = watchPresence(await server.connect('official'));
    expect((await official.join(sessionId)).online).toBeUndefined();
    const both = [chairId, officialId];
    await chair.until((w) => showsOnline(w, both), 'chair and official');

    // A second socket of the chair: the list it gets already holds both.
    const chairAgain = watchPresence(await server.connect('chair'));
    const { online } = await chairAgain.join(sessionId);
    expect(online?.map((p) => p.participantId).sort()).toEqual([...both].sort());
    // Its next join (a catch-up's next page) carries no list: the deltas continue from the first.
    expect((await chairAgain.join(sessionId)).online).toBeUndefined();

    // A second socket of the official; the first leaves and the second types: the official
    // never went offline.
    const again = watchPresence(await server.connect('official'));
    expect((await again.join(sessionId)).online).toBeUndefined();
    const head = await server.head();
    official.socket.disconnect();
    again.socket.emit('presence:update', { sessionId, isTyping: true });
    const typing = (v: typeof chair) => showsOnline(v, both) && v.online.get(officialId) === true;
    await Promise.all([chair, chairAgain].map((v) => v.until(typing, 'the official typing')));
    expect(chair.messages.flatMap((m) => m.left)).toEqual([]);

    // The last socket leaves: now the official is gone.
    again.socket.disconnect();
    await chair.until((v) => showsOnline(v, [chairId]), 'the official gone');
    expect(chair.messages.flatMap((m) => m.left)).toEqual([officialId]);
    expect(await server.head()).toBe(head);
    // Only the chair's screen shows presence: the official was sent no list and no delta.
    expect([...official.messages, ...again.messages]).toEqual([]);
  });

  test('P20: a delta names each participant once, in one of joined, left or typing', async () => {
    const server = await startTestServer({ presenceIntervalMs: 50 });
    const chair = watchPresence(await server.connect('chair'));
    await chair.join(server.sessionId);
    await chair.until((v) => v.online.size === 1, 'the chair online');
    // Someone who joins, types and leaves at once: a delta still names them at most once.
    const inspector = await server.connect('inspector');
    const passer = watchPresence(inspector);
    await passer.join(server.sessionId);
    inspector.emit('presence:update', { sessionId: server.sessionId, isTyping: true });
    inspector.disconnect();
    const observer = watchPresence(await server.connect('observer'));
    await observer.join(server.sessionId);
    const observerId = server.participants.observer.id;
    await chair.until((v) => v.online.has(observerId), 'the observer online');
    for (const message of chair.messages) {
      const named = [
        ...message.joined.map((p) => p.participantId),
        ...message.left,
        ...message.typing.map((p) => p.participantId),
      ];
      expect(new Set(named).size).toBe(named.length);
    }
    expect(showsOnline(chair, [server.participants.chair.id, observerId])).toBe(true);
  });
});
