import type { CommandRequest, CommandResult, Participant } from '@plenum/shared';
import type { CommandOutcome } from '../../domain/commandService.js';
import { ack, type RequestCall, type Step } from '../register.js';
import { guardSession } from './guardSession.js';

export { guardSession };

/** A command as it passes through the pipeline: what each step adds for the steps after it. */
export interface CommandCall extends RequestCall<CommandRequest, CommandResult> {
  /** The participant the socket's invitation names now; set by {@link authenticate}. */
  participant?: Participant;
  /** What the command service did; set by {@link commit}. */
  outcome?: CommandOutcome;
}

export type CommandStep = Step<CommandCall>;

/**
 * The invitation as it is now: a role or unit changed since the handshake applies to this
 * command already, and the participant's sockets reconnect after the answer (P8).
 */
export async function authenticate(call: CommandCall): Promise<void> {
  const { gateway, socket } = call;
  call.participant = await gateway.handshake.authenticate(socket);
  gateway.handshake.authorityChanged(socket, call.participant, call.afterAnswer);
}

/**
 * A place among the participant's commands in flight and one commit of its rate (P12), given
 * back with the answer; a command that appended nothing (a refusal, a repeat) costs no commit.
 */
export function limit(call: CommandCall): void {
  const reservation = call.gateway.limiter.reserveCommit(call.socket);
  call.afterAnswer(() => {
    if (!call.outcome?.events.length) reservation.refund();
    reservation.release();
  });
}

/**
 * The domain's part, batched with the commands of the same turn (`CommandService.execute`):
 * authorise the role, load the session's state, authorise its status, decide, append in one
 * transaction (P1); a command id seen before returns its first answer (P2).
 */
export async function commit(call: CommandCall): Promise<void> {
  const { input } = call;
  call.outcome = await call.gateway.commands.execute(
    call.participant!,
    input.sessionId,
    input.commandId,
    input.command,
  );
  call.data = call.outcome.result;
}

/** The committed events to everyone in the session's room, sender included, after the ack (P3). */
export function broadcast(call: CommandCall): void {
  call.gateway.broadcaster.broadcast(call.input.sessionId, call.outcome!.events);
}

/**
 * The command pipeline, in the order every `command` request runs through it once `register()`
 * has parsed it: nothing is acknowledged before it is committed, nothing broadcast before it is
 * acknowledged (P3).
 */
export const commandSteps: readonly CommandStep[] = [guardSession, authenticate, limit, commit, ack, broadcast];
