import { PROTOCOL_VERSION } from '@plenum/shared';
import WebSocket from 'ws';

/**
 * The load generator's client: engine.io v4 / socket.io v5 spoken directly over one WebSocket.
 * A room of full socket.io-clients (engine.io decoding, the socket.io parser, `JSON.parse` of
 * every broadcast, emitters) spent the harness's CPU on the same two cores as the server under
 * test. This client parses only the handshake, pings and the answers to its own requests. In a
 * `session:events` broadcast it finds the benchmark criticisms' `#<k>` markers by searching the
 * raw bytes; every other frame (`presence:changed` above all) is dropped after its first bytes.
 *
 * Each WebSocket message is one engine.io packet:
 * - `0{…}` open: answered by `40{auth}`, the socket.io CONNECT with the handshake auth;
 *   `40{…}` connected, `44{…}` refused;
 * - `2` ping, answered by `3`;
 * - `42<id>["channel",payload]` a request, answered by `43<id>[answer]`;
 * - `42["session:events",…]` a broadcast;
 * - `41` or `1`: closed by the server.
 */

/** Criticism texts of the benchmark start with `#<k> `; in a JSON frame a text field is `"text":"…"`. */
const criticismMarker = Buffer.from('"text":"#');
const eventsPrefix = Buffer.from('42["session:events"');
/** Char codes of the packet types: the engine.io type is the first byte, socket.io's the second. */
const engine = { close: 0x31, ping: 0x32, message: 0x34 };
const socketIo = { disconnect: 0x31, event: 0x32, ack: 0x33 };

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

type AckCallback = (error: Error | null, answer: unknown) => void;

export class LoadClient {
  /** Called with `k` for each benchmark criticism (`#<k> …`) a `session:events` broadcast carries. */
  onCriticism: ((k: number) => void) | null = null;
  /** Called once when the connection closes, from either side. */
  onClose: (() => void) | null = null;
  private nextAckId = 0;
  private readonly pending = new Map<number, { callback: AckCallback; timer: NodeJS.Timeout }>();

  private constructor(private readonly ws: WebSocket) {}

  /**
   * Opens the WebSocket from `localAddress` and completes the socket.io CONNECT with `auth`;
   * rejects on refusal, on a closed connection or after `timeoutMs`.
   */
  static connect(url: string, auth: object, localAddress: string, timeoutMs: number): Promise<LoadClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
      localAddress,
      perMessageDeflate: false,
      // Loopback from a server we started: the bytes are ours to trust, and presence frames are large.
      skipUTF8Validation: true,
    });
    const client = new LoadClient(ws);
    return new Promise<LoadClient>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ws.removeAllListeners('message');
        ws.terminate();
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error(`connect timed out after ${timeoutMs} ms`)), timeoutMs);
      // After the handshake an error is followed by `close`, which `closed()` handles.
      ws.on('error', (error) => fail(error));
      ws.once('close', () => fail(new Error('connection closed during the handshake')));
      const onHandshake = (data: Buffer) => {
        const text = data.toString();
        if (text.startsWith('0{')) ws.send(`40${JSON.stringify(auth)}`);
        else if (text.startsWith('40')) {
          settled = true;
          clearTimeout(timer);
          ws.off('message', onHandshake);
          ws.removeAllListeners('close');
          ws.on('message', (frame: Buffer, isBinary: boolean) => {
            if (!isBinary) client.receive(frame);
          });
          ws.once('close', () => client.closed());
          resolve(client);
        } else if (text.startsWith('44')) {
          const refusal = JSON.parse(text.slice(2)) as { message?: string; data?: { code?: string } };
          fail(new Error(`connect refused: ${refusal.data?.code ?? ''} ${refusal.message ?? text}`));
        } else if (text === '2') ws.send('3');
      };
      ws.on('message', onHandshake);
    });
  }

  private receive(frame: Buffer): void {
    const type = frame[0];
    if (type === engine.message) {
      const kind = frame[1];
      if (kind === socketIo.event) {
        if (this.onCriticism && eventsPrefix.compare(frame, 0, eventsPrefix.length) === 0) this.criticisms(frame);
      } else if (kind === socketIo.ack) this.answer(frame.toString());
      else if (kind === socketIo.disconnect) this.ws.terminate();
    } else if (type === engine.ping) this.ws.send('3');
    else if (type === engine.close) this.ws.terminate();
  }

  /** Every `#<k>` marker in the frame; a criticism's own text cannot contain one (quotes are escaped). */
  private criticisms(frame: Buffer): void {
    const onCriticism = this.onCriticism!;
    for (let at = frame.indexOf(criticismMarker); at >= 0; at = frame.indexOf(criticismMarker, at + 1)) {
      let k = 0;
      for (let i = at + criticismMarker.length; i < frame.length; i++) {
        const digit = frame[i]! - 48;
        if (digit < 0 || digit > 9) break;
        k = k * 10 + digit;
      }
      onCriticism(k);
    }
  }

  /** `43<id>[answer]`: the answer to one of this client's requests. */
  private answer(text: string): void {
    const bracket = text.indexOf('[');
    const id = Number(text.slice(2, bracket));
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.callback(null, (JSON.parse(text.slice(bracket)) as unknown[])[0]);
  }

  private closed(): void {
    for (const { callback, timer } of this.pending.values()) {
      clearTimeout(timer);
      callback(new Error('connection closed'), undefined);
    }
    this.pending.clear();
    this.onClose?.();
  }

  /** Sends a request on `channel`; `callback` gets the answer, or an error after `timeoutMs` or on close. */
  emit(channel: string, payload: unknown, timeoutMs: number, callback: AckCallback): void {
    if (this.ws.readyState !== WebSocket.OPEN) {
      callback(new Error('connection closed'), undefined);
      return;
    }
    const id = this.nextAckId++;
    const timer = setTimeout(() => {
      this.pending.delete(id);
      callback(new Error(`no answer within ${timeoutMs} ms`), undefined);
    }, timeoutMs);
    this.pending.set(id, { callback, timer });
    this.ws.send(`42${id}${JSON.stringify([channel, payload])}`);
  }

  /** {@link emit} as a promise. */
  request<T>(channel: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.emit(channel, payload, timeoutMs, (error, answer) => (error ? reject(error) : resolve(answer as T)));
    });
  }

  close(): void {
    this.ws.terminate();
  }
}

let nextAddress = Number(process.env.BENCH_ADDRESS_BASE ?? 0);

/**
 * A source address of its own for each client, anywhere in 127.0.0.0/8 (all loopback on
 * Linux): the server limits handshakes and messages per client address, and a room of people
 * does not share one. The ack probe process starts at another base so the two never overlap.
 */
export function nextLoopbackAddress(): string {
  const n = nextAddress++;
  return `127.${1 + (Math.floor(n / 62_500) % 254)}.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
}

/** Connects with Plenum's handshake auth (the bare server ignores it), from a loopback address of its own. */
export function connectOne(url: string, token: string, timeoutMs = 10_000): Promise<LoadClient> {
  return LoadClient.connect(url, { token, protocolVersion: PROTOCOL_VERSION }, nextLoopbackAddress(), timeoutMs);
}

interface JoinAck {
  ok: boolean;
  error?: { code: string; message: string };
}

/** Joins the room; throws on a refused join. */
export async function joinRoom(
  client: LoadClient,
  join: NonNullable<ConnectOptions['join']>,
  timeoutMs = 10_000,
): Promise<void> {
  const ack = await client.request<JoinAck>('session:join', join, timeoutMs);
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
): Promise<LoadClient[]> {
  const concurrency = options.concurrency ?? 50;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const clients: LoadClient[] = [];
  let next = 0;
  let failure = null as Error | null;
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  const worker = async () => {
    while (failure === null && next < tokens.length && performance.now() < deadline) {
      const i = next++;
      try {
        const client = await connectOne(url, tokens[i]!, timeoutMs);
        clients.push(client);
        if (options.join) await joinRoom(client, options.join, timeoutMs);
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tokens.length) }, worker));
  if (failure !== null) {
    closeAll(clients);
    throw failure;
  }
  return clients;
}

export function closeAll(clients: readonly LoadClient[]): void {
  for (const client of clients) client.close();
}
