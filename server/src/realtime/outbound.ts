import type { GatewaySocket } from './types.js';

/** The parts of engine.io's connection this module reads; engine.io does not type them publicly. */
interface EnginePacket {
  data?: unknown;
}
interface EngineConnection {
  on(event: 'packetCreate', listener: (packet: EnginePacket) => void): unknown;
  on(event: 'flush', listener: (packets: EnginePacket[]) => void): unknown;
  transport?: { name?: string; socket?: { bufferedAmount?: number; terminate?: () => void } };
}

function sizeOf(packet: EnginePacket): number {
  const data = packet.data;
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** What is queued for one socket and not yet handed to the kernel. */
export interface OutboundMeter {
  /** Bytes waiting in engine.io's buffer plus those the WebSocket has not written out. */
  queuedBytes(): number;
  /** The most ever queued for this socket. */
  peakBytes(): number;
}

const meters = new WeakMap<GatewaySocket, OutboundMeter>();

/** The meter of a socket watched by {@link watchOutbound}; tests read it. */
export function outboundMeter(socket: GatewaySocket): OutboundMeter | undefined {
  return meters.get(socket);
}

/**
 * Watches what the server queues for `socket`. A client that does not read (a slow consumer)
 * makes engine.io and the WebSocket buffer every broadcast in server memory; once that passes
 * `maxBytes`, the connection is terminated at once (no closing handshake that would wait
 * behind the same buffer) and `onOverflow` is told. The client reconnects and catches up from
 * the log (P4), so nothing is lost but memory is bounded by `maxBytes` plus one message.
 */
export function watchOutbound(
  socket: GatewaySocket,
  maxBytes: number | false,
  onOverflow: (queuedBytes: number) => void,
): OutboundMeter {
  const conn = socket.conn as unknown as EngineConnection;
  let engineQueued = 0;
  let peak = 0;
  let cut = false;
  const queuedBytes = (): number => engineQueued + (conn.transport?.socket?.bufferedAmount ?? 0);
  const meter: OutboundMeter = { queuedBytes, peakBytes: () => peak };
  meters.set(socket, meter);
  conn.on('packetCreate', (packet) => {
    engineQueued += sizeOf(packet);
    const queued = queuedBytes();
    if (queued > peak) peak = queued;
    if (maxBytes !== false && queued > maxBytes && !cut) {
      cut = true;
      onOverflow(queued);
      socket.disconnect(true);
      // The close frame would queue behind the stuck buffer: drop the TCP connection now.
      conn.transport?.socket?.terminate?.();
    }
  });
  conn.on('flush', (packets) => {
    for (const packet of packets) engineQueued -= sizeOf(packet);
  });
  return meter;
}
