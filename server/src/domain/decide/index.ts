import type { Command, NewEvent, SessionState } from '@plenum/shared';
import { decideAddItem, decideCloseItem, decideDeferItem, decideOpenFloor, decideStartItem } from './agenda.js';
import type { DecideContext } from './context.js';
import { decideEndorseCriticism, decidePostCriticism } from './criticism.js';
import { decideSubmitReport } from './report.js';
import { decideAddUnit, decideRename } from './session.js';

export type { DecideContext } from './context.js';

/**
 * Decides what a command does to a session: the events to append, or a `DomainError`.
 * Pure: no I/O, no clock of its own. Exhaustive over every command type.
 */
export function decide(state: SessionState, command: Command, ctx: DecideContext): NewEvent[] {
  switch (command.type) {
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
    case 'agenda:defer-item':
      return decideDeferItem(state, command.payload, ctx);
    case 'report:submit':
      return decideSubmitReport(state, command.payload, ctx);
    case 'criticism:post':
      return decidePostCriticism(state, command.payload, ctx);
    case 'criticism:endorse':
      return decideEndorseCriticism(state, command.payload, ctx);
    case 'session:rename':
      return decideRename(state, command.payload);
    default: {
      const unknown: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unknown)}`);
    }
  }
}
