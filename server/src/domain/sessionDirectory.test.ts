import { describe, expect, test, vi } from 'vitest';
import { demoWorld } from '../test/demoWorld.js';
import { digestOf, SessionDirectory } from './sessionDirectory.js';

const eachTurnAtOnce = { after: () => () => undefined, nextTurn: (task: () => void) => void task() };

async function world() {
  const w = await demoWorld();
  /** The sessions whose state the directory read, in order. */
  const read: string[] = [];
  const unsaved: string[] = [];
  const directory = new SessionDirectory({
    store: w.store,
    read: (sessionId, view) => {
      read.push(sessionId);
      return w.commands.read(sessionId, view);
    },
    timers: eachTurnAtOnce,
    onSaveError: (_error, sessionId) => unsaved.push(sessionId),
  });
  return { ...w, directory, read, unsaved };
}

describe('the session directory', () => {
  test('a session is read for its digest once after it changed; the digest is what its state says', async () => {
    const w = await world();
    const first = await w.directory.digests();
    expect(first.map((d) => d.sessionId)).toEqual(['demo-2025-q4', w.sessionId]);
    expect(w.read).toEqual(['demo-2025-q4', w.sessionId]);
    for (const { sessionId, digest } of first) expect(digest).toEqual(await w.commands.read(sessionId, digestOf));
    expect(first[1]!.digest).toMatchObject({ summary: await w.sessions.summary(w.sessionId), dueBy: '2026-02-15' });

    w.read.length = 0;
    expect(await w.directory.digests()).toEqual(first);
    expect(w.read).toEqual([]);

    await w.run(w.byRole.chair, { type: 'session:rename', payload: { title: 'Renamed review' } });
    const renamed = await w.directory.digests();
    expect(w.read).toEqual([w.sessionId]);
    expect(renamed[1]!.digest.summary?.title).toBe('Renamed review');
  });

  test('a digest saved at another seq than the head, or unreadable, is made again from the state', async () => {
    const w = await world();
    const [stored] = await w.directory.digests();
    const head = await w.store.head('demo-2025-q4');
    const wrong = JSON.stringify({ ...stored!.digest, dueBy: null });
    for (const saved of [
      { seq: head - 1, text: wrong },
      { seq: head, text: 'not JSON' },
      { seq: head, text: JSON.stringify({ summary: null, dueBy: 5 }) },
    ]) {
      await w.store.saveDigest('demo-2025-q4', saved);
      w.read.length = 0;
      expect((await w.directory.digests())[0]).toEqual(stored);
      expect(w.read).toEqual(['demo-2025-q4']);
    }
  });

  test('a digest the store refuses to save is still answered, reported, and made again the next time', async () => {
    const w = await world();
    const save = vi.spyOn(w.store, 'saveDigest').mockRejectedValue(new Error('disk full'));
    const digests = await w.directory.digests();
    expect(digests.map((d) => d.sessionId)).toEqual(['demo-2025-q4', w.sessionId]);
    expect(w.unsaved).toEqual(['demo-2025-q4', w.sessionId]);
    save.mockRestore();
    w.read.length = 0;
    expect(await w.directory.digests()).toEqual(digests);
    expect(w.read).toEqual(['demo-2025-q4', w.sessionId]);
  });

  test('a deferred item and its continuation on a later day count as one item', async () => {
    const w = await world();
    const state = await w.commands.state(w.sessionId);
    const before = (await w.sessions.summary(w.sessionId))!.items;
    const item = state.agendaOrder.map((id) => state.agenda[id]!).find((i) => i.status === 'pending')!;
    const laterDay = state.definition!.days.at(-1)!.id;
    expect(item.dayId).not.toBe(laterDay);
    await w.run(w.byRole.chair, { type: 'agenda:defer-item', payload: { itemId: item.id, toDayId: laterDay } });
    expect((await w.commands.state(w.sessionId)).agendaOrder).toHaveLength(state.agendaOrder.length + 1);
    expect((await w.sessions.summary(w.sessionId))!.items).toBe(before);
    expect((await w.directory.digests())[1]!.digest.summary?.items).toBe(before);
  });

  test('a digest saved before its version is made again', async () => {
    const w = await world();
    const [stored] = await w.directory.digests();
    const { version: _version, ...older } = stored!.digest;
    await w.store.saveDigest('demo-2025-q4', { seq: await w.store.head('demo-2025-q4'), text: JSON.stringify(older) });
    w.read.length = 0;
    expect((await w.directory.digests())[0]).toEqual(stored);
    expect(w.read).toEqual(['demo-2025-q4']);
  });
});
