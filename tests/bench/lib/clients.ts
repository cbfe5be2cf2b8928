import { PROTOCOL_VERSION } from '@plenum/shared';
import { io, type Socket } from 'socket.io-client';

/** A load-generator client: socket.io-client over WebSocket only, one Manager each. */
export type BenchSocket = Socket;

export interface ConnectOptions {
  /** Clients connecting at once. */
  concurrency?: number;
  /** Bound on each connect and each join. */
  timeoutMs?: number;
  /** `session:join` to send once connected (joins the room); null: connect only. */
  join?: { sessionId: string; afterSeq: number; limit?: number } | null;
  /** `performance.now()` after which no more clients are started; those seated are returned. */
  deadline?: number;
}

/** The packet prefix of a `presence:changed` broadcast, as it arrives from engine.io. */
const presencePacket = '2["presence:changed"';

/**
 * Makes the client discard `presence:changed` packets before socket.io-client parses them.
 * Plenum broadcasts the whole online list to the whole room on every join and leave, so a
 * wave of N joins sends O(N²) entries to each client: parsing them all would make the load
 * generator, not the server, the bottleneck of every phase that connects a room (see README).
 * The server still builds and sends every one of them; only the harness stops reading them.
 */
function dropPresence(socket: Socket): void {
  const manager = socket.io as unknown as { ondata: (data: unknown) => void };
  const ondata = manager.ondata;
  manager.ondata = function (this: unknown, data: unknown) {
    if (typeof data === 'string' && data.startsWith(presencePacket)) return;
    ondata.call(this, data);
  };
}

let nextAddress = Number(process.env.BENCH_ADDRESS_BASE ?? 0);

/**
 * A source address of its own for each client, anywhere in 127.0.0.0/8 (all loopback on
 * Linux): the server limits handshakes and messages per client address, and a room of people
 * does not share one. The ack probe process starts at another base so the two never overlap.
 */
function nextLoopbackAddress(): string {
  const n = nextAddress++;
  return `127.${1 + (Math.floor(n / 62_500) % 254)}.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
}

/** Waits for `connect` (or rejects on `connect_error` / timeout). */
export function connectOne(url: string, token: string, timeoutMs = 10_000): Promise<BenchSocket> {
  const socket = io(url, {
    forceNew: true,
    transports: ['websocket'],
    reconnection: false,
    timeout: timeoutMs,
    auth: { token, protocolVersion: PROTOCOL_VERSION },
    localAddress: nextLoopbackAddress(),
  } as Parameters<typeof io>[1]);
  dropPresence(socket);
  return new Promise<BenchSocket>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error(`connect timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('connect_error');
      resolve(socket);
    });
    socket.once('connect_error', (error: Error) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(error);
    });
  });
}

/** Emits with an ack, bounded; rejects on timeout. */
export function request<T>(socket: BenchSocket, channel: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(channel, payload) as Promise<T>;
}

interface JoinAck {
  ok: boolean;
  error?: { code: string; message: string };
}

/** Joins the room; throws on a refused join. */
export async function joinRoom(
  socket: BenchSocket,
  join: NonNullable<ConnectOptions['join']>,
  timeoutMs = 10_000,
): Promise<void> {
  const ack = await request<JoinAck>(socket, 'session:join', join, timeoutMs);
  if (!ack.ok) throw new Error(`session:join refused: ${ack.error?.code}: ${ack.error?.message}`);
}

/**
 * Connects one client per token (bounded concurrency), each joined to the room if asked. On
 * any failure the clients already connected are closed and it throws. Past `deadline` it starts
 * no more clients and returns those seated (fewer than the tokens).
 */
export async function connectMany(
  url: string,
  tokens: readonly string[],
  options: ConnectOptions = {},
): Promise<BenchSocket[]> {
  const concurrency = options.concurrency ?? 50;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const sockets: BenchSocket[] = [];
  let next = 0;
  let failure = null as Error | null;
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  const worker = async () => {
    while (failure === null && next < tokens.length && performance.now() < deadline) {
      const i = next++;
      try {
        const socket = await connectOne(url, tokens[i]!, timeoutMs);
        sockets.push(socket);
        if (options.join) await joinRoom(socket, options.join, timeoutMs);
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tokens.length) }, worker));
  if (failure !== null) {
    closeAll(sockets);
    throw failure;
  }
  return sockets;
}

export function closeAll(sockets: readonly BenchSocket[]): void {
  for (const socket of sockets) socket.disconnect();
}
