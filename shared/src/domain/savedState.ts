import { freeze } from 'immer';
import { parseStateText } from './snapshotText.js';
import { emptySessionState, type SessionState } from './state.js';

/**
 * The WHATWG `TextDecoder`, a global of browsers and Node alike; shared's build names no
 * runtime's types (`types: []`), so the part used here is declared.
 */
declare const TextDecoder: new (
  label: 'utf-8',
  options: { fatal: boolean },
) => { decode(bytes: Uint8Array | ArrayBuffer): string };

/** The kind of a value as the state's fields are checked: null, array, object or a `typeof`. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Reads a saved state sent with a join answer (P26): a `SessionState` as UTF-8 text of `stateText`. Null
 * when it is not one: bytes that do not decode or parse, another session or `seq`, or a field
 * missing or of another kind than the empty state's (a field empty as null may hold a value).
 * The client then folds the log instead, so a corrupt state never reaches the screen. The state
 * is frozen, as a fold leaves it.
 * @example
 * const state = readSavedState(answer.state.value, sessionId, answer.state.seq);
 */
export function readSavedState(bytes: Uint8Array | ArrayBuffer, sessionId: string, seq: number): SessionState | null {
  let value: unknown;
  try {
    value = parseStateText(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (kindOf(value) !== 'object') return null;
  const state = value as Record<string, unknown>;
  const empty = emptySessionState(sessionId) as unknown as Record<string, unknown>;
  for (const [key, emptyValue] of Object.entries(empty)) {
    const kind = kindOf(state[key]);
    if (kind !== kindOf(emptyValue) && !(emptyValue === null && kind !== 'undefined')) return null;
  }
  const floor = state.floor as Record<string, unknown>;
  if (!Array.isArray(floor.queue) || !Array.isArray(floor.speeches)) return null;
  const criticisms = state.criticisms as Record<string, unknown>;
  if (kindOf(criticisms.buckets) !== 'object' || !Array.isArray(criticisms.pages)) return null;
  if (state.sessionId !== sessionId || state.lastSeq !== seq) return null;
  return freeze(value as SessionState, true);
}
