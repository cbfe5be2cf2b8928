import { join } from 'node:path';
import { createApp, createLogger, ensureDemo, SqliteStore } from '@plenum/server';
import { stateVersion } from '@plenum/shared';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import { tempDir } from '../helpers/tempDir.js';

/** `createApp` on a SQLite file, as `main.ts` wires it; closed (app, then store) when the test ends. */
function open(file: string) {
  const store = new SqliteStore(file);
  const app = createApp({ store, logger: createLogger({ level: 'silent' }), publicUrl: 'http://plenum.test' });
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await app.close();
      await store.close();
    })());
  onTestFinished(close);
  return { store, app, close };
}

describe('state snapshots across a restart', () => {
  test('a graceful close saves each session’s state; the next start loads it and folds only the log after it', async () => {
    const file = join(await tempDir('plenum-snapshots-'), 'plenum.sqlite');
    const first = open(file);
    const { sessionId, invitations } = await ensureDemo({
      sessions: first.app.sessions,
      commands: first.app.commands,
      settings: first.store,
      ids: first.app.ids,
    });
    const chair = invitations.find((i) => i.participant.role === 'chair')!.participant;
    await first.app.commands.execute(chair, sessionId, 'cmd-start', {
      type: 'agenda:start-item',
      payload: { itemId: 'item-2' },
    });
    const before = await first.app.commands.state(sessionId);
    const head = await first.store.head(sessionId);
    // The notifications have read the log to its head too, so that no reader resumes before it.
    await first.app.notifications.sweep(sessionId);
    expect(await first.store.loadSnapshot(sessionId)).toBeNull();
    await first.close();

    const second = open(file);
    expect(await second.store.loadSnapshot(sessionId)).toMatchObject({ seq: head, version: stateVersion });
    const read = vi.spyOn(second.store, 'read');
    expect(await second.app.commands.state(sessionId)).toEqual(before);
    // The fold reads only what follows the snapshot (as do the notifications, from their cursor;
    // they also resume on the demo's earlier session, whose log is not this one).
    const reads = read.mock.calls.filter(([id]) => id === sessionId).map(([, afterSeq]) => afterSeq);
    expect(reads).toContain(head);
    expect(reads.filter((afterSeq) => afterSeq !== head)).toEqual([]);
  });
});
