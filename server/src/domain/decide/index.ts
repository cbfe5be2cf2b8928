import type { Command, NewEvent, SessionState } from '@plenum/shared';
import {
  decideAddItem,
  decideCloseItem,
  decideDeferItem,
  decideEndSpeech,
  decideExtendTime,
  decideGiveFloor,
  decideLowerHand,
  decideOpenFloor,
  decidePauseTimer,
  decideRaiseHand,
  decideReopenItem,
  decideResumeTimer,
  decideStartItem,
} from './agenda.js';
import type { DecideContext } from './context.js';
import { decideEndorseCriticism, decideHide, decidePostCriticism, decideRespond, decideRule } from './criticism.js';
import {
  decideAcknowledge,
  decideAnswer,
  decideCloseDirective,
  decideForward,
  decideIssueDirective,
  decideReview,
} from './directive.js';
import { decideSubmitReport, decideVerify } from './report.js';
import {
  decideAddUnit,
  decideAdjournDay,
  decideCloseSession,
  decideOpenDay,
  decidePublishNotice,
  decideRecordAttendance,
  decideRename,
  decideReopenDay,
  decideRescheduleDay,
} from './session.js';
import { decideEscalateWarning, decideIssueWarning, decideLiftWarning, decideWaiveWarning } from './warning.js';

export type { DecideContext } from './context.js';

/**
 * Decides what a command does to a session: the events to append, or a `DomainError`.
 * Pure: no I/O, no clock of its own. Exhaustive over every command type.
 */
export function decide(state: SessionState, command: Command, ctx: DecideContext): NewEvent[] {
  switch (command.type) {
    case 'session:rename':
      return decideRename(state, command.payload);
    case 'session:publish-notice':
      return decidePublishNotice(state, command.payload, ctx);
    case 'session:close':
      return decideCloseSession(state, ctx);
    case 'day:reschedule':
      return decideRescheduleDay(state, command.payload);
    case 'day:open':
      return decideOpenDay(state, command.payload, ctx);
    case 'day:adjourn':
      return decideAdjournDay(state, command.payload, ctx);
    case 'day:reopen':
      return decideReopenDay(state, command.payload, ctx);
    case 'attendance:record':
      return decideRecordAttendance(state, command.payload);
    case 'unit:add':
      return decideAddUnit(state, command.payload);
    case 'agenda:add-item':
      return decideAddItem(state, command.payload, ctx);
    case 'agenda:start-item':
      return decideStartItem(state, command.payload, ctx);
    case 'agenda:open-floor':
      return decideOpenFloor(state, command.payload, ctx);
    case 'agenda:close-item':
      return decideCloseItem(state, command.payload, ctx);
    case 'agenda:reopen-item':
      return decideReopenItem(state, command.payload, ctx);
    case 'agenda:defer-item':
      return decideDeferItem(state, command.payload, ctx);
    case 'agenda:pause-timer':
      return decidePauseTimer(state, command.payload, ctx);
    case 'agenda:resume-timer':
      return decideResumeTimer(state, command.payload, ctx);
    case 'agenda:extend-time':
      return decideExtendTime(state, command.payload);
    case 'floor:raise-hand':
      return decideRaiseHand(state, ctx);
    case 'floor:lower-hand':
      return decideLowerHand(state, ctx);
    case 'floor:give':
      return decideGiveFloor(state, command.payload, ctx);
    case 'floor:end-speech':
      return decideEndSpeech(state, ctx);
    case 'report:submit':
      return decideSubmitReport(state, command.payload, ctx);
    case 'report:verify':
      return decideVerify(state, command.payload);
    case 'criticism:post':
      return decidePostCriticism(state, command.payload, ctx);
    case 'criticism:endorse':
      return decideEndorseCriticism(state, command.payload, ctx);
    case 'criticism:respond':
      return decideRespond(state, command.payload, ctx);
    case 'criticism:rule':
      return decideRule(state, command.payload);
    case 'criticism:hide':
      return decideHide(state, command.payload);
    case 'directive:issue':
      return decideIssueDirective(state, command.payload, ctx);
    case 'directive:acknowledge':
      return decideAcknowledge(state, command.payload, ctx);
    case 'directive:answer':
      return decideAnswer(state, command.payload, ctx);
    case 'directive:forward':
      return decideForward(state, command.payload, ctx);
    case 'directive:review':
      return decideReview(state, command.payload);
    case 'directive:close':
      return decideCloseDirective(state, command.payload);
    case 'warning:issue':
      return decideIssueWarning(state, command.payload, ctx);
    case 'warning:waive':
      return decideWaiveWarning(state, command.payload);
    case 'warning:lift':
      return decideLiftWarning(state, command.payload);
    case 'warning:escalate':
      return decideEscalateWarning(state, command.payload);
    default: {
      const unknown: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unknown)}`);
    }
  }
}
