import type { Command, NewEvent, SessionState } from '@plenum/shared';
import {
  decideAddItem,
  decideCloseItem,
  decideDeferItem,
  decideEndSpeech,
  decideExtendTime,
  decideGiveFloor,
  decideLowerHand,
  decideMoveItem,
  decideOpenFloor,
  decidePauseTimer,
  decideRaiseHand,
  decideRemoveItem,
  decideReopenItem,
  decideResumeTimer,
  decideStartItem,
  decideUpdateItem,
} from './agenda.js';
import type { DecideContext } from './context.js';
import { decideRescheduleDays } from './days.js';
import {
  decideEndorseCriticism,
  decideHide,
  decidePostCriticism,
  decideRespond,
  decideRule,
  decideUnhide,
} from './criticism.js';
import {
  decideAcknowledge,
  decideAnswer,
  decideCloseDirective,
  decideForward,
  decideIssueDirective,
  decideReassign,
  decideReview,
} from './directive.js';
import { decideAdoptInspectionPlan } from './inspectionPlan.js';
import { decideSubmitReport, decideVerify } from './report.js';
import {
  decideAddDay,
  decideAddUnit,
  decideAdjournDay,
  decideCloseSession,
  decideConfigure,
  decideOpenDay,
  decidePublishNotice,
  decideRecordAttendance,
  decideRemoveDay,
  decideRename,
  decideReopenDay,
  decideRescheduleDay,
  decideUpdateDay,
} from './session.js';
import {
  decideEscalateWarning,
  decideIssueWarning,
  decideLiftWarning,
  decideReconsiderWarning,
  decideReopenWarning,
  decideWaiveWarning,
} from './warning.js';

export type { DecideContext } from './context.js';

type CommandType = Command['type'];
type Decider<T extends CommandType> = (
  state: SessionState,
  payload: Extract<Command, { type: T }>['payload'],
  ctx: DecideContext,
) => NewEvent[];

/** Each command type's decision; a type without one does not compile. */
const deciders: { [T in CommandType]: Decider<T> } = {
  'session:rename': decideRename,
  'session:publish-notice': decidePublishNotice,
  'session:configure': decideConfigure,
  'session:close': (state, _payload, ctx) => decideCloseSession(state, ctx),
  'day:reschedule': decideRescheduleDay,
  'session:reschedule-days': decideRescheduleDays,
  'day:add': decideAddDay,
  'day:update': decideUpdateDay,
  'day:remove': decideRemoveDay,
  'day:open': decideOpenDay,
  'day:adjourn': decideAdjournDay,
  'day:reopen': decideReopenDay,
  'attendance:record': decideRecordAttendance,
  'unit:add': decideAddUnit,
  'agenda:add-item': decideAddItem,
  'agenda:update-item': decideUpdateItem,
  'agenda:remove-item': decideRemoveItem,
  'agenda:move-item': decideMoveItem,
  'agenda:start-item': decideStartItem,
  'agenda:open-floor': decideOpenFloor,
  'agenda:close-item': decideCloseItem,
  'agenda:reopen-item': decideReopenItem,
  'agenda:defer-item': decideDeferItem,
  'agenda:pause-timer': decidePauseTimer,
  'agenda:resume-timer': decideResumeTimer,
  'agenda:extend-time': decideExtendTime,
  'floor:raise-hand': (state, _payload, ctx) => decideRaiseHand(state, ctx),
  'floor:lower-hand': (state, _payload, ctx) => decideLowerHand(state, ctx),
  'floor:give': decideGiveFloor,
  'floor:end-speech': decideEndSpeech,
  'report:submit': decideSubmitReport,
  'report:verify': decideVerify,
  'criticism:post': decidePostCriticism,
  'criticism:endorse': decideEndorseCriticism,
  'criticism:respond': decideRespond,
  'criticism:rule': decideRule,
  'criticism:hide': decideHide,
  'criticism:unhide': decideUnhide,
  'directive:issue': decideIssueDirective,
  'directive:acknowledge': decideAcknowledge,
  'directive:answer': decideAnswer,
  'directive:forward': decideForward,
  'directive:review': decideReview,
  'directive:close': decideCloseDirective,
  'directive:reassign': decideReassign,
  'warning:issue': decideIssueWarning,
  'warning:waive': decideWaiveWarning,
  'warning:reconsider': decideReconsiderWarning,
  'warning:lift': decideLiftWarning,
  'warning:escalate': decideEscalateWarning,
  'warning:reopen': decideReopenWarning,
  'inspection-plan:adopt': decideAdoptInspectionPlan,
};

/**
 * Decides what a command does to a session: the events to append, or a `DomainError`.
 * Pure: no I/O, no clock of its own. Exhaustive over every command type.
 */
export function decide(state: SessionState, command: Command, ctx: DecideContext): NewEvent[] {
  // The table's type pairs each command type with its payload; TypeScript cannot see through the union here.
  const decider = deciders[command.type] as Decider<CommandType>;
  return decider(state, command.payload, ctx);
}
