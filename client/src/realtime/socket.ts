import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type HandshakeAuth,
  type ServerToClientEvents,
  type SessionJoinResult,
} from '@plenum/shared';
import { io, type Socket } from 'socket.io-client';

/** The typed socket: generics reversed on the client, as socket.io documents. */
export type PlenumSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Creates the socket for one review session without connecting it: `connectSession` owns the
 * lifecycle, so listeners are in place before the first `connect` fires.
 * @example
 * const socket = createSocket(window.location.origin, { token });
 */
export function createSocket(url: string, auth: Pick<HandshakeAuth, 'token'>): PlenumSocket {
  const handshake: HandshakeAuth = { token: auth.token, protocolVersion: PROTOCOL_VERSION };
  // WebSocket first: on a slow link each long-polling round trip before the upgrade costs a
  // visible fraction of a second. Polling stays as the fallback where WebSocket is blocked.
  return io(url, { autoConnect: false, auth: handshake, transports: ['websocket', 'polling'], tryAllTransports: true });
}

/** Client requests that are acknowledged. */
type AckedEvent = 'session:join' | 'command';
type RequestOf<TEvent extends AckedEvent> = Parameters<ClientToServerEvents[TEvent]>[0];
/** The answer type, read from the ack callback of the event map. */
export type AnswerOf<TEvent extends AckedEvent> = Parameters<Parameters<ClientToServerEvents[TEvent]>[1]>[0];

type JoinAnswerListener = (result: SessionJoinResult) => void;
/** Listeners of each socket's successful join answers. */
const joinAnswerListeners = new WeakMap<PlenumSocket, Set<JoinAnswerListener>>();

/**
 * Calls `listener` with every successful `session:join` answer `socket` receives, as it
 * arrives: before any message the server sent after it is handled, so state built from the
 * answer and then from later messages is built in the server's order. Returns the way to stop.
 */
export function onJoinAnswer(socket: PlenumSocket, listener: JoinAnswerListener): () => void {
  const listeners = joinAnswerListeners.get(socket) ?? new Set<JoinAnswerListener>();
  listeners.add(listener);
  joinAnswerListeners.set(socket, listeners);
  return () => listeners.delete(listener);
}

type TimedEmit = (event: AckedEvent, request: unknown, ack: (error: Error | null, answer: unknown) => void) => void;

/**
 * `socket.timeout(ms).emit(...)` with an ack callback, as a promise with the answer typed:
 * socket.io-client's types lose it to `any` under `timeout()`. Rejects when no answer arrives
 * within `timeoutMs`.
 */
export function requestWithTimeout<TEvent extends AckedEvent>(
  socket: PlenumSocket,
  timeoutMs: number,
  event: TEvent,
  request: RequestOf<TEvent>,
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
      // In the callback rather than after `await`: a message that arrived in the same batch as
      // the answer is handled before an awaiting continuation runs.
      if (event === 'session:join' && typed.ok) {
        for (const listener of joinAnswerListeners.get(socket) ?? []) listener(typed.data as SessionJoinResult);
      }
      resolve(typed);
    });
  });
}
