/**
 * Version of the wire protocol. A client sends it in the handshake; the server refuses any
 * other value with `INCOMPATIBLE_PROTOCOL`. Bump it on every breaking change to a schema in
 * `protocol/`.
 */
export const PROTOCOL_VERSION = 3;
