import { describe, expect, test } from 'vitest';
import { newEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import { copySessionState, foldEventsInPlace } from './reducer.js';
import { readSavedState } from './savedState.js';
import {
  criticismCount,
  criticismIdsFrom,
  criticismOf,
  criticismsInOrder,
  criticismsPerLine,
  keepCriticismLine,
  unparsedCriticismLines,
} from './criticismTable.js';
import { addCriticismLine, parseStateText, stateText } from './snapshotText.js';
import { emptySessionState, type SessionState } from './state.js';

/** A session with `count` criticisms, one of them (the 3rd) ruled. */
function sessionWith(count: number): SessionState {
  const posts = Array.from({ length: count }, (_, i) =>
    newEvent('criticism:posted', {
      criticismId: `crit-${i + 1}`,
      itemId: 'i1',
      unitId: 'u1',
      category: 'shortfall',
      severity: 'high',
      indicatorId: null,
      text: `Criticism ${i + 1}, with "quotes"\nand a new line`,
    }),
  );
  const ruled = newEvent('criticism:ruled', { criticismId: 'crit-3', ruling: 'upheld', note: null });
  return foldEventsInPlace(emptySessionState('s1'), logOf([created, ...posts, ...(count >= 3 ? [ruled] : [])]));
}

describe('the text a state is saved as', () => {
  test('its first line holds all but the criticisms’ bodies; the lines after hold them, in posting order', () => {
    const state = sessionWith(2 * criticismsPerLine + 5);
    const lines = stateText(state).split('\n');
    expect(lines).toHaveLength(4);
    const first = JSON.parse(lines[0]!) as SessionState;
    expect(first.criticisms).toEqual({ buckets: {}, pages: state.criticisms.pages });
    expect(first.lastSeq).toBe(state.lastSeq);
    expect(lines.slice(1).map((line) => (JSON.parse(line) as unknown[]).length)).toEqual([1024, 1024, 5]);

    const table = { buckets: {}, pages: [] };
    expect(addCriticismLine(table, lines[1]!).map((c) => c.id)).toEqual(
      Array.from({ length: 1024 }, (_, i) => `crit-${i + 1}`),
    );
    expect(parseStateText(stateText(state))).toEqual(state);
  });

  test('a state without criticisms is one line; a text of one line (a whole state) reads as itself', () => {
    const empty = sessionWith(0);
    expect(stateText(empty).includes('\n')).toBe(false);
    const state = sessionWith(10);
    expect(parseStateText(JSON.stringify(state))).toEqual(state);
  });

  test('a saved state sent with a join reads back whole; a line cut short sets it aside', () => {
    const state = sessionWith(1500);
    const bytes = new TextEncoder().encode(stateText(state));
    expect(readSavedState(bytes, 's1', state.lastSeq)).toEqual(state);
    expect(readSavedState(bytes.subarray(0, bytes.length - 10), 's1', state.lastSeq)).toBeNull();
  });
});

describe('criticisms kept as the text of their lines', () => {
  /** `state` read back from its text with its full lines of criticisms kept unparsed, as a server's start does. */
  function keptFrom(state: SessionState): SessionState {
    const [first, ...lines] = stateText(state).split('\n');
    const kept = JSON.parse(first!) as SessionState;
    lines.forEach((text, line) => {
      if ((line + 1) * criticismsPerLine <= criticismCount(state)) keepCriticismLine(kept.criticisms, line, text);
      else addCriticismLine(kept.criticisms, text);
    });
    return kept;
  }

  test('a criticism is parsed with its line on first use; the text is saved again as it was read', () => {
    const state = sessionWith(2 * criticismsPerLine + 5);
    const kept = keptFrom(state);
    expect(unparsedCriticismLines(kept.criticisms)).toBe(2);
    expect(stateText(kept)).toBe(stateText(state));
    expect(criticismCount(kept)).toBe(criticismCount(state));
    expect(criticismIdsFrom(kept, 1020)).toEqual(criticismIdsFrom(state, 1020));
    expect(unparsedCriticismLines(kept.criticisms)).toBe(2);

    expect(criticismOf(kept, 'crit-1030')).toEqual(criticismOf(state, 'crit-1030'));
    expect(unparsedCriticismLines(kept.criticisms)).toBe(1);
    expect(criticismOf(kept, 'crit-no-such')).toBeUndefined();
    expect(criticismsInOrder(kept)).toEqual(criticismsInOrder(state));
    expect(unparsedCriticismLines(kept.criticisms)).toBe(0);
    expect(kept).toEqual(state);
  });

  test('an event on a kept criticism parses its line and changes it; the next save holds the change', () => {
    const state = sessionWith(2 * criticismsPerLine + 5);
    const kept = keptFrom(state);
    const endorsed = newEvent('criticism:endorsed', { criticismId: 'crit-7', participantId: 'p-9' });
    const [event] = logOf([endorsed], { firstSeq: state.lastSeq + 1 });
    foldEventsInPlace(kept, [event!]);
    foldEventsInPlace(state, [event!]);
    expect(criticismOf(kept, 'crit-7')?.endorsedBy).toEqual(['p-9']);
    expect(unparsedCriticismLines(kept.criticisms)).toBe(1);
    expect(stateText(kept)).toBe(stateText(state));
  });

  test('a copy of the state holds the kept criticisms too', () => {
    const state = sessionWith(criticismsPerLine + 1);
    expect(copySessionState(keptFrom(state))).toEqual(state);
  });
});
