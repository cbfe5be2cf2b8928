import { randomUUID } from 'node:crypto';
import type { Ack, CommandInput, CommandResult, CommandType, CriticismDraft, SessionJoinResult } from '@plenum/shared';
import type { Socket } from 'socket.io-client';
import { commandFixtures, type CommandFixture } from '../fixtures/commands.js';
import type { ClientSocket } from './connectClient.js';

/** Default bound on every acknowledgement a test waits for. */
export const ackTimeoutMs = 5000;

/** A fresh, valid command id (the protocol wants 8–64 of `[A-Za-z0-9_-]`). */
export function newCommandId(): string {
  return `cmd-${randomUUID()}`;
}

/** A valid command of `type`, from the fixtures (a fresh copy the caller may change). */
export function validCommand<K extends CommandType>(type: K): CommandFixture<K> {
  return structuredClone(commandFixtures[type]);
}

export const startItem = (itemId: string): CommandInput => ({ type: 'agenda:start-item', payload: { itemId } });
export const openFloor = (itemId: string): CommandInput => ({ type: 'agenda:open-floor', payload: { itemId } });
export const closeItem = (itemId: string): CommandInput => ({ type: 'agenda:close-item', payload: { itemId } });
export const renameSession = (title: string): CommandInput => ({ type: 'session:rename', payload: { title } });
export const endorseCriticism = (criticismId: string): CommandInput => ({
  type: 'criticism:endorse',
  payload: { criticismId },
});

/** A criticism on `itemId`; `text` and the rest may be overridden. */
export function postCriticism(itemId: string, overrides: Partial<CriticismDraft> = {}): CommandInput {
  return {
    type: 'criticism:post',
    payload: {
      itemId,
      category: 'shortfall',
      severity: 'medium',
      indicatorId: null,
      text: `A point on ${itemId}.`,
      ...overrides,
    },
  };
}

/**
 * Sends one command on the `command` channel and resolves with its acknowledgement; rejects
 * when no ack comes within `timeoutMs`. Reuse `commandId` to retry (P2).
 */
export function sendCommand(
  socket: ClientSocket,
  sessionId: string,
  command: CommandInput,
  commandId: string = newCommandId(),
  timeoutMs: number = ackTimeoutMs,
): Promise<Ack<CommandResult>> {
  return socket.timeout(timeoutMs).emitWithAck('command', { commandId, sessionId, command });
}

/** Sends a command and returns the `seq` of its ack; throws with the error code when refused. */
export async function sendOk(
  socket: ClientSocket,
  sessionId: string,
  command: CommandInput,
  commandId?: string,
): Promise<number> {
  return expectOk(await sendCommand(socket, sessionId, command, commandId)).seq;
}

/** The data of a successful ack; throws with the refusal's code and message otherwise. */
export function expectOk<TData>(ack: Ack<TData>): TData {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

/**
 * Emits anything on a request channel, bypassing the types, for malformed-input tests.
 * Resolves with the server's acknowledgement.
 */
export function sendRaw(
  socket: ClientSocket,
  channel: string,
  payload: unknown,
  timeoutMs: number = ackTimeoutMs,
): Promise<Ack<unknown>> {
  return (socket as unknown as Socket).timeout(timeoutMs).emitWithAck(channel, payload) as Promise<Ack<unknown>>;
}

/** Sends one `session:join` request; resolves with its acknowledgement. */
export function sendJoin(
  socket: ClientSocket,
  request: { sessionId: string; afterSeq: number; limit?: number; stateVersion?: number },
  timeoutMs: number = ackTimeoutMs,
): Promise<Ack<SessionJoinResult>> {
  return socket.timeout(timeoutMs).emitWithAck('session:join', request);
}
