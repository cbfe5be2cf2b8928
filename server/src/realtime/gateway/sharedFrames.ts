import type { GatewaySocket } from '../types.js';

/** ws's sender state while it is neither compressing a message nor reading a blob. */
const senderIdle = 0;

/** The parts of engine.io's WebSocket transport and of ws's sender this module reads; neither types them publicly. */
interface Packet {
  options?: { compress?: boolean; wsPreEncodedFrame?: unknown };
}
interface Transport {
  name?: string;
  socket?: { _sender?: { _state?: unknown; sendFrame?: unknown }; _extensions?: Record<string, unknown> };
  _canSendPreEncodedFrame?: (packet: Packet) => boolean;
}
interface EngineConnection {
  transport?: Transport;
  on(event: 'upgrade', listener: (transport: Transport) => void): unknown;
}

/**
 * Lets a connection write a broadcast's frame as socket.io's adapter encoded it, once for the
 * whole room. engine.io does that only when the server offers no permessage-deflate (a frame
 * written directly could overtake a message ws is still compressing); Plenum offers it, so every
 * broadcast was encoded again for every socket: seating a room of 5,000, measuring the length of
 * the message once per socket took 6 of the 8 s of the longest hold of the event loop, and each
 * socket's copy of it filled the heap. A broadcast is uncompressed (see Broadcaster), so its frame
 * is the same for every socket: it is written directly when this socket's ws is not compressing,
 * and otherwise goes the usual way, behind the message being compressed.
 */
export function shareBroadcastFrames(socket: Pick<GatewaySocket, 'conn'>): void {
  const conn = socket.conn as unknown as EngineConnection;
  const allow = (transport: Transport | undefined): void => {
    if (transport?.name !== 'websocket' || typeof transport._canSendPreEncodedFrame !== 'function') return;
    transport._canSendPreEncodedFrame = (packet) => {
      const ws = transport.socket;
      const isUncompressed = packet.options?.compress === false || !ws?._extensions?.['permessage-deflate'];
      return (
        packet.options?.wsPreEncodedFrame !== undefined &&
        isUncompressed &&
        typeof ws?._sender?.sendFrame === 'function' &&
        ws._sender._state === senderIdle
      );
    };
  };
  allow(conn.transport);
  conn.on('upgrade', allow);
}
