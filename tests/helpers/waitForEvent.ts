import type { ServerToClientEvents } from '@plenum/shared';
import type { Socket } from 'socket.io-client';
import type { ClientSocket } from './connectClient.js';

/** What a test client can listen to: the server's messages plus socket.io's lifecycle events. */
export interface ClientListenEvents extends ServerToClientEvents {
  connect: () => void;
  disconnect: (reason: Socket.DisconnectReason, description?: unknown) => void;
  connect_error: (error: Error & { data?: unknown }) => void;
}

type FirstArg<TFn> = TFn extends (first: infer TFirst, ...rest: never[]) => void ? TFirst : undefined;

export interface WaitOptions {
  /** Bounded wait; the promise rejects after it. Default 5000 ms. */
  timeoutMs?: number;
  /** Says what is awaited, for the timeout message. */
  description?: string;
}

interface Listenable {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Resolves with the first argument of the next `event` on `socket` that satisfies `predicate`
 * (any, when omitted). Rejects with a clear message after `timeoutMs`. Call it before the
 * action that causes the event, so it cannot be missed.
 * @example
 * const started = waitForEvent(observer, 'session:events', (m) => m.events.some((e) => e.type === 'agenda:item-started'));
 * await sendCommand(chair, sessionId, startItem('item-2'));
 * const message = await started;
 */
export function waitForEvent<K extends keyof ClientListenEvents>(
  socket: ClientSocket,
  event: K,
  predicate?: (...args: Parameters<ClientListenEvents[K]>) => boolean,
  options: WaitOptions = {},
): Promise<FirstArg<ClientListenEvents[K]>> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const emitter = socket as unknown as Listenable;
  return new Promise((resolve, reject) => {
    const listener = (...args: unknown[]): void => {
      let matches: boolean;
      try {
        matches = predicate ? predicate(...(args as Parameters<ClientListenEvents[K]>)) : true;
      } catch (error) {
        cleanup();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (!matches) return;
      cleanup();
      resolve(args[0] as FirstArg<ClientListenEvents[K]>);
    };
    const timer = setTimeout(() => {
      cleanup();
      const what = options.description ? ` (${options.description})` : predicate ? ' matching the predicate' : '';
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for '${String(event)}'${what} on socket ${socket.id ?? '(not connected)'}`,
        ),
      );
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      emitter.off(event, listener);
    };
    emitter.on(event, listener);
  });
}
