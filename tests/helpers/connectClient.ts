import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from '@plenum/shared';
import { io, type Socket } from 'socket.io-client';
import { onTestFinished } from 'vitest';

/** A typed test client: generics reversed from the server's, as the socket.io docs show. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A refused connection: socket.io's `connect_error`, with the server's `data` when it sent one. */
export type ConnectError = Error & { data?: unknown };

export interface ClientOptions {
  /** The invitation token; sent in the handshake `auth` with the protocol version. */
  token?: string;
  /** The session to open, sent in the handshake `auth`: an administrator's link needs it. */
  sessionId?: string;
  /** Defaults to the shared `PROTOCOL_VERSION`. */
  protocolVersion?: number;
  /** Replaces the whole handshake `auth`, for malformed-handshake tests. */
  auth?: Record<string, unknown>;
  /** Extra HTTP headers of the WebSocket upgrade, e.g. a browser's `Origin`. */
  extraHeaders?: Record<string, string>;
  /** socket.io's automatic reconnection (short delays, so forced-disconnect tests stay fast). Default true. */
  reconnection?: boolean;
  /** How long {@link connectClient} waits for `connect` or `connect_error`. Default 5000 ms. */
  timeoutMs?: number;
}

/**
 * Creates a typed client (not yet connected) over WebSocket only, with its own Manager
 * (`forceNew`), and registers its teardown with the running test.
 */
export function createClient(url: string, options: ClientOptions = {}): ClientSocket {
  const socket: ClientSocket = io(url, {
    forceNew: true,
    autoConnect: false,
    transports: ['websocket'],
    auth: options.auth ?? {
      token: options.token ?? '',
      protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION,
      ...(options.sessionId === undefined ? {} : { sessionId: options.sessionId }),
    },
    extraHeaders: options.extraHeaders,
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
    randomizationFactor: 0,
  });
  onTestFinished(() => {
    socket.disconnect();
  });
  return socket;
}

/**
 * Opens a typed client and resolves once it is connected. Rejects with socket.io's
 * `connect_error` (its `data` is the server's handshake error), after closing the socket so it
 * does not keep retrying.
 * @example
 * const chair = await connectClient(server.url, { token: server.tokens.chair });
 */
export function connectClient(url: string, options: ClientOptions = {}): Promise<ClientSocket> {
  const socket = createClient(url, options);
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise<ClientSocket>((resolve, reject) => {
    const timer = setTimeout(() => {
      finish();
      socket.disconnect();
      reject(new Error(`timed out after ${timeoutMs} ms connecting to ${url}`));
    }, timeoutMs);
    const onConnect = (): void => {
      finish();
      resolve(socket);
    };
    const onError = (error: ConnectError): void => {
      finish();
      socket.disconnect();
      reject(error);
    };
    const finish = (): void => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
    };
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
    socket.connect();
  });
}

/** Expects the connection to be refused; resolves with the `connect_error`, fails if it connects. */
export async function expectRefused(url: string, options: ClientOptions = {}): Promise<ConnectError> {
  try {
    const socket = await connectClient(url, options);
    socket.disconnect();
  } catch (error) {
    return error as ConnectError;
  }
  throw new Error('expected the connection to be refused, but it was accepted');
}
