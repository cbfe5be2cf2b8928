import type { DirectiveBlocker, Participant } from '../protocol/index.js';
import type { DirectiveState, SessionState } from './state.js';

/**
 * Who may take over a directive: an inspection order goes to an inspector; other kinds are owed
 * by a unit, whoever acts for it, and have no one to reassign.
 */
const takerRole = 'inspector';

/** True when the participant is invited to the session and their invitation is not revoked. */
function isPresentParticipant(state: Pick<SessionState, 'participants' | 'access'>, participantId: string): boolean {
  return state.participants[participantId] !== undefined && !state.access[participantId]?.revokedAt;
}

/**
 * Why the chair may not give the directive to another participant as it stands, or null: only
 * an inspection order has a participant assignee, and only while its work is still to do.
 */
export function reassignBlocker(directive: DirectiveState): DirectiveBlocker | 'not-an-inspection' | null {
  if (directive.kind !== 'inspection') return 'not-an-inspection';
  if (directive.status === 'closed') return 'directive-closed';
  if (directive.status === 'accepted') return 'answer-accepted';
  // The findings are filed by the one assigned: the review decides on them first.
  if (directive.status === 'answered') return 'answer-under-review';
  return null;
}

/** Why `assigneeId` cannot take the directive over, or null when they can. */
export function assigneeProblem(
  state: Pick<SessionState, 'participants' | 'access'>,
  directive: DirectiveState,
  assigneeId: string,
): 'unknown-participant' | 'not-an-inspector' | 'already-assigned' | null {
  if (!isPresentParticipant(state, assigneeId)) return 'unknown-participant';
  if (state.participants[assigneeId]?.role !== takerRole) return 'not-an-inspector';
  if (directive.inspectorId === assigneeId) return 'already-assigned';
  return null;
}

/** The participants the chair may give the directive to, in invitation order; none when it is not reassignable. */
export function reassignCandidates(
  state: Pick<SessionState, 'participants' | 'access' | 'participantOrder'>,
  directive: DirectiveState,
): Participant[] {
  if (reassignBlocker(directive) !== null) return [];
  return state.participantOrder.flatMap((id) => {
    const participant = state.participants[id];
    return participant && assigneeProblem(state, directive, id) === null ? [participant] : [];
  });
}

/**
 * True when the directive is assigned to someone this session does not count among its
 * participants (carried over from a review that invited them, or revoked since): nobody here acts on it.
 */
export function isAssigneeAbsent(
  state: Pick<SessionState, 'participants' | 'access'>,
  directive: Pick<DirectiveState, 'inspectorId'>,
): boolean {
  return !!directive.inspectorId && !isPresentParticipant(state, directive.inspectorId);
}
