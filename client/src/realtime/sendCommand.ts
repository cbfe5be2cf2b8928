import type { Ack, CommandInput, CommandResult } from '@plenum/shared';
import { errorMessage } from '../lib/errorCodeMessage';
import type { ClientErrorCode } from '../stores/connection';
import { pendingStore as appPendingStore, type PendingStoreApi } from '../stores/pending';
import { sessionStore as appSessionStore, type SessionStoreApi } from '../stores/session';
import { newCommandId } from './commandId';
import { requestWithTimeout, type PlenumSocket } from './socket';
import { incomingProblem } from './validateIncoming';

/** A failure found on this side of the wire: the server never answered, or was not reachable. */
export interface ClientFailure {
  ok: false;
  error: { code: ClientErrorCode; message: string };
}

/** The server's ack, or why there is none. */
export type SendCommandResult = Ack<CommandResult> | ClientFailure;

export interface SendCommandOptions {
  pending?: PendingStoreApi;
  session?: SessionStoreApi;
  /** How long to wait for each answer. */
  timeoutMs?: number;
  /** How many times to ask again after a timeout or a lost connection. */
  retries?: number;
  /** How long to wait for the connection to come back when it drops with a command in flight. */
  reconnectWaitMs?: number;
  makeCommandId?: () => string;
}

/** Resolves true once the socket is connected again, false when `withinMs` passes first. */
function reconnected(socket: PlenumSocket, withinMs: number): Promise<boolean> {
  if (socket.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (isBack: boolean) => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      resolve(isBack);
    };
    const onConnect = () => finish(true);
    const timer = setTimeout(() => finish(false), withinMs);
    socket.on('connect', onConnect);
  });
}

function clientFailure(code: ClientErrorCode): ClientFailure {
  return { ok: false, error: { code, message: errorMessage(code) } };
}

/**
 * Sends one command and resolves with its ack. The command id is chosen once: a retry after a
 * timeout or a dropped connection reuses it, so the server answers a command it already handled with its first answer
 * and nothing is recorded twice. While in flight the command sits in the pending store (for
 * "sending…" overlays); after a successful ack it stays there until its events are folded.
 * @example
 * const ack = await sendCommand(socket, sessionId, { type: 'agenda:start-item', payload: { itemId } });
 * if (!ack.ok) show(errorMessage(ack.error.code));
 */
export async function sendCommand(
  socket: PlenumSocket,
  sessionId: string,
  command: CommandInput,
  options: SendCommandOptions = {},
): Promise<SendCommandResult> {
  const {
    pending = appPendingStore,
    session = appSessionStore,
    timeoutMs = 8_000,
    retries = 3,
    reconnectWaitMs = 30_000,
    makeCommandId = newCommandId,
  } = options;

  // socket.io would buffer the message until a reconnect; say so now instead of leaving the
  // person waiting for an answer that may come much later.
  if (!socket.connected) return clientFailure('OFFLINE');
  // What is shown is the last visit's state until the log has caught up: never act on it.
  if (session.getState().isFromLastVisit) return clientFailure('NOT_LIVE');

  const commandId = makeCommandId();
  pending.getState().add(commandId, command);
  for (let attempt = 0; ; attempt++) {
    let ack: Ack<CommandResult>;
    try {
      ack = await requestWithTimeout(socket, timeoutMs, 'command', { commandId, sessionId, command });
    } catch {
      // The answer may have been lost with the connection after the server recorded the
      // command: ask again with the same id once reconnected, and the server answers with its
      // first answer instead of recording it twice (P2).
      if (attempt < retries && (socket.connected || (await reconnected(socket, reconnectWaitMs)))) continue;
      pending.getState().remove(commandId);
      return clientFailure(socket.connected ? 'TIMEOUT' : 'OFFLINE');
    }
    const problem = incomingProblem.commandAnswer(ack);
    if (problem) {
      console.error(`Plenum: the command answer does not follow the protocol: ${problem}`);
      pending.getState().remove(commandId);
      return clientFailure('PROTOCOL_VIOLATION');
    }
    if (ack.ok && session.getState().session.lastSeq < ack.data.seq) {
      pending.getState().acknowledge(commandId, ack.data.seq);
    } else {
      pending.getState().remove(commandId);
    }
    return ack;
  }
}
