import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type HandshakeAuth,
  type ServerToClientEvents,
} from '@plenum/shared';
import { io, type Socket } from 'socket.io-client';

/**
 * Retries after a drop: exponential from 1 s to 30 s, each delay spread by ±50 % so the offices
 * a flaky provincial link dropped together do not all come back in the same instant. Every
 * retry is a new connection and a new join, so none is given up.
 */
export const reconnection = {
  reconnectionDelay: 1_000,
  reconnectionDelayMax: 30_000,
  randomizationFactor: 0.5,
} as const;

/** The typed socket: generics reversed on the client, as socket.io documents. */
export type PlenumSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Creates the socket for one review session without connecting it: `SessionSync` owns the
 * lifecycle, so listeners are in place before the first `connect` fires.
 * @example
 * const socket = createSocket(window.location.origin, { token, sessionId });
 */
export function createSocket(url: string, auth: Pick<HandshakeAuth, 'token' | 'sessionId'>): PlenumSocket {
  // The session is named so that an administrator's link, which opens any session, opens this one.
  const handshake: HandshakeAuth = { token: auth.token, sessionId: auth.sessionId, protocolVersion: PROTOCOL_VERSION };
  return io(url, {
    autoConnect: false,
    auth: handshake,
    // WebSocket first: on a slow link each long-polling round trip before the upgrade costs a
    // visible fraction of a second. Polling stays as the fallback where WebSocket is blocked.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    ...reconnection,
  });
}

/** Client requests that are acknowledged. */
type AckedEvent = 'session:join' | 'command';
type RequestOf<TEvent extends AckedEvent> = Parameters<ClientToServerEvents[TEvent]>[0];
/** The answer type, read from the ack callback of the event map. */
export type AnswerOf<TEvent extends AckedEvent> = Parameters<Parameters<ClientToServerEvents[TEvent]>[1]>[0];

type TimedEmit = (event: AckedEvent, request: unknown, ack: (error: Error | null, answer: unknown) => void) => void;

/**
 * `socket.timeout(ms).emit(...)` with an ack callback, as a promise with the answer typed:
 * socket.io-client's types lose it to `any` under `timeout()`. Rejects when no answer arrives
 * within `timeoutMs`. `onAnswer` hears the answer as it arrives, before any message the server
 * sent after it is handled (an awaiting continuation runs only after them), so state built from
 * the answer and then from later messages is built in the server's order.
 */
export function requestWithTimeout<TEvent extends AckedEvent>(
  socket: PlenumSocket,
  timeoutMs: number,
  event: TEvent,
  request: RequestOf<TEvent>,
  onAnswer?: (answer: AnswerOf<TEvent>) => void,
): Promise<AnswerOf<TEvent>> {
  const timed = socket.timeout(timeoutMs);
  const emit = timed.emit.bind(timed) as unknown as TimedEmit;
  return new Promise((resolve, reject) => {
    emit(event, request, (error, answer) => {
      if (error) {
        reject(error);
        return;
      }
      // Trusted as the protocol says; dev and test builds also parse it (see validateIncoming.ts).
      const typed = answer as AnswerOf<TEvent>;
      onAnswer?.(typed);
      resolve(typed);
    });
  });
}
