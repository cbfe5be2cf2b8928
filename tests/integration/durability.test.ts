import { describe, expect, test } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { expectOk, newCommandId, openFloor, postCriticism, sendCommand, startItem } from '../helpers/factories.js';
import { joinSession } from '../helpers/joinSession.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { freePort, parseInviteLinks, restartServerProcess, startServerProcess } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitForEvent } from '../helpers/waitForEvent.js';

describe('durability across a crash', () => {
  test('P1/P2/P3/P6: an acknowledged criticism survives SIGKILL; after restart the log is dense and continues at head + 1', async () => {
    const dataDir = await tempDir('plenum-durability-');
    const first = await startServerProcess({ dataDir, port: await freePort() });
    const [chair, official] = await Promise.all([
      connectClient(first.url, { token: first.tokens.chair }),
      connectClient(first.url, { token: first.tokens.official }),
    ]);
    const heard = recordEvents(chair);
    const before = await joinSession(chair, first.sessionId);
    // The chair's attendance follows the join's answer within the attendance window: the commands
    // come after it, so that their seqs are known.
    const head = before.headSeq + 1;
    await heard.waitForSeq(head, 10_000);
    heard.stop();
    expectOk(await sendCommand(chair, first.sessionId, startItem('item-2')));
    const text = 'Deliveries under state orders reported at 96 %; the rail manifests show 91 %.';
    const commandId = newCommandId();
    const { seq } = expectOk(
      await sendCommand(official, first.sessionId, postCriticism('item-2', { text, severity: 'high' }), commandId),
    );
    expect(seq).toBe(head + 2);

    // The ack is out: crash the process at once, no chance to flush or close anything.
    const dropped = waitForEvent(chair, 'disconnect');
    first.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await dropped).toBe('transport close');
    chair.disconnect();
    official.disconnect();

    const second = await restartServerProcess({ dataDir, port: await freePort() });
    // The links printed at the first start still work after the crash.
    expect(parseInviteLinks(second.stdout())).toBeNull();

    const chairAgain = await connectClient(second.url, { token: first.tokens.chair });
    const after = await joinSession(chairAgain, first.sessionId, { afterSeq: 0 });
    expect(after.epoch).toBe(before.epoch);
    expect(after.headSeq).toBe(seq);
    expect(after.events.map((e) => e.seq)).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
    expect(after.events.slice(0, before.events.length)).toEqual(before.events);
    expect(after.events.at(-1)).toMatchObject({ seq, type: 'criticism:posted', payload: { itemId: 'item-2', text } });
    expect(after.events.at(-2)).toMatchObject({
      seq: seq - 1,
      type: 'agenda:item-started',
      payload: { itemId: 'item-2' },
    });

    // P2 across the crash: the official's retry of the criticism gets its first answer.
    const officialAgain = await connectClient(second.url, { token: first.tokens.official });
    const retry = postCriticism('item-2', { text, severity: 'high' });
    expect(await sendCommand(officialAgain, first.sessionId, retry, commandId)).toEqual({
      ok: true,
      data: { seq },
    });

    expect(expectOk(await sendCommand(chairAgain, first.sessionId, openFloor('item-2')))).toEqual({ seq: seq + 1 });

    // A SIGTERM stops the server gracefully.
    chairAgain.disconnect();
    officialAgain.disconnect();
    second.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
