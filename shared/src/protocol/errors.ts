/**
 * Error codes carried by a failed acknowledgement or a refused handshake. Each member says
 * what the sender should do next.
 */
export const ErrorCode = {
  /** The message did not match its schema; fix the input, retrying will not help. */
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
  /** No valid invitation token in the handshake, or it was revoked or expired. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The sender's role may not issue this command in the session's current state. */
  FORBIDDEN: 'FORBIDDEN',
  /** A referenced session, unit, item or criticism does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** The command is valid but conflicts with the current state (e.g. an item already closed). */
  CONFLICT: 'CONFLICT',
  /** The client speaks another protocol version; reload to update. */
  INCOMPATIBLE_PROTOCOL: 'INCOMPATIBLE_PROTOCOL',
  /** Too many messages; slow down and retry later with the same command id. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The message exceeds a size limit. */
  TOO_LARGE: 'TOO_LARGE',
  /** The server failed; the command may be retried with the same command id. */
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Every error code, for schemas and exhaustive tests. */
export const errorCodes = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];
