import {
  criticismCount,
  criticismLineText,
  criticismsPerLine,
  putCriticism,
  type CriticismTable,
} from './criticismTable.js';
import type { CriticismState, SessionState } from './state.js';

/**
 * A state as it is saved (a snapshot, and the saved state a join answers with): its first line is
 * the state's JSON with the criticisms' buckets empty and their posting order whole; each line
 * after it is a JSON array of up to {@link criticismsPerLine} criticisms, in posting order. A
 * reader that needs everything but the criticisms' bodies stops after the first line: at
 * 1,000,000 criticisms that line is a twentieth of the text. JSON never holds a raw newline.
 */
export function stateText(state: SessionState): string {
  const lines = [JSON.stringify({ ...state, criticisms: { buckets: {}, pages: state.criticisms.pages } })];
  for (let line = 0; line * criticismsPerLine < criticismCount(state); line++) {
    lines.push(criticismLineText(state.criticisms, line));
  }
  return lines.join('\n');
}

/**
 * Adds one line of criticisms (any line of a state's text after the first) to the table, each in
 * its bucket; returns them. The posting order is the first line's already.
 */
export function addCriticismLine(table: CriticismTable, line: string): CriticismState[] {
  const criticisms = JSON.parse(line) as CriticismState[];
  for (const criticism of criticisms) putCriticism(table, criticism);
  return criticisms;
}

/**
 * The state a text of {@link stateText} holds, criticisms and all. A text of one line is read as
 * the whole state. Throws as `JSON.parse` does; checking the value is the caller's.
 */
export function parseStateText(text: string): unknown {
  const lines = text.split('\n');
  const state = JSON.parse(lines[0]!) as SessionState;
  for (let i = 1; i < lines.length; i++) addCriticismLine(state.criticisms, lines[i]!);
  return state;
}
