import type { AckError } from '@plenum/shared';
import { errorMessage } from '../lib/errorCodeMessage';
import type { ConnectionProblem } from '../stores/connection';
import type { SyncInput } from './syncMachine';

/** What a sync does about a refusal or a lost connection: the input, the reason shown, whether to ask again later. */
export interface SyncOutcome {
  input: SyncInput;
  problem?: ConnectionProblem;
  /** Asked again after a delay: socket.io does not retry a refused handshake, nor the server a throttled join. */
  retryLater?: boolean;
}

const said = (code: ConnectionProblem['code']): ConnectionProblem => ({ code, message: errorMessage(code) });

/** The `data` the server attaches to a refused handshake. */
function handshakeRefusal(err: Error): { code: string; message: string } | null {
  const data: unknown = (err as Error & { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return null;
  const { code, message } = data as Record<string, unknown>;
  return typeof code === 'string' ? { code, message: typeof message === 'string' ? message : '' } : null;
}

/** A `connect_error`: the server refused the handshake, or could not be reached (`active`: socket.io retries). */
export function handshakeOutcome(err: Error, active: boolean): SyncOutcome {
  const refusal = handshakeRefusal(err);
  if (!refusal) {
    return {
      input: active ? 'dropped' : 'closed',
      problem: { code: 'OFFLINE', message: 'Cannot reach the server.', reason: 'unreachable' },
    };
  }
  switch (refusal.code) {
    case 'INCOMPATIBLE_PROTOCOL':
      return { input: 'refused-version', problem: said('INCOMPATIBLE_PROTOCOL') };
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      return { input: 'closed', problem: said(refusal.code) };
    case 'RATE_LIMITED':
      return { input: 'dropped', problem: said('RATE_LIMITED'), retryLater: true };
    default:
      // A refusal this client does not know.
      return {
        input: 'closed',
        problem: {
          code: 'OFFLINE',
          message: refusal.message || 'The server refused the connection.',
          reason: 'refused',
        },
      };
  }
}

/** A `disconnect`: socket.io reconnects by itself while `active`; otherwise the server closed the link. */
export function disconnectOutcome(active: boolean): SyncOutcome {
  return active
    ? { input: 'dropped' }
    : {
        input: 'closed',
        problem: { code: 'OFFLINE', message: 'The server closed the connection.', reason: 'server-closed' },
      };
}

/** A join the server refused. */
export function joinRefusalOutcome(error: AckError): SyncOutcome {
  switch (error.code) {
    case 'INCOMPATIBLE_PROTOCOL':
      return { input: 'refused-version', problem: said(error.code) };
    case 'RATE_LIMITED':
    case 'INTERNAL':
      // Transient: keep the screen as it is and ask again a little later.
      return { input: 'throttled', problem: said(error.code), retryLater: true };
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'INVALID_PAYLOAD':
    case 'TOO_LARGE':
      // Asking again would get the same answer: stop, and say why.
      return { input: 'closed', problem: said(error.code) };
  }
}

/** The server's answers broke the protocol (or the reducer refused them): stop rather than loop or hang. */
export function protocolViolation(): SyncOutcome {
  return { input: 'closed', problem: said('PROTOCOL_VIOLATION') };
}
