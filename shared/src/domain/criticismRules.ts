import type { EndorseBlocker, Participant, SessionStatus } from '../protocol/index.js';
import { canIssue } from './permissions.js';
import type { CriticismState } from './state.js';

export type { EndorseBlocker } from '../protocol/index.js';

/** Whether `participantId` may endorse `criticism`: not their own, not endorsed by them yet. */
export function endorseBlocker(criticism: CriticismState, participantId: string): EndorseBlocker | null {
  if (criticism.authorId === participantId) return 'own';
  if (criticism.endorsedBy.includes(participantId)) return 'already-endorsed';
  return null;
}

/**
 * True when `you` may endorse `criticism`: a role the authorisation table lets endorse (in
 * `status`, when given: the session in session) and {@link endorseBlocker}. The server refuses
 * by the same two rules.
 */
export function canEndorse(criticism: CriticismState, you: Participant | null, status?: SessionStatus): boolean {
  return you !== null && canIssue(you.role, 'criticism:endorse', status) && endorseBlocker(criticism, you.id) === null;
}
