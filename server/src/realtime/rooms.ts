/** The socket.io room of a session: everyone attached to it receives its events. */
export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

/** The room of one participant's sockets, so that all of them can be disconnected at once (P8). */
export function participantRoom(sessionId: string, participantId: string): string {
  return `participant:${sessionId}:${participantId}`;
}

/** The sockets of a session that are sent presence (see `seesPresence`). */
export function presenceRoom(sessionId: string): string {
  return `presence:${sessionId}`;
}

/** Every socket of one server process, among the processes sharing an adapter. */
export function processRoom(processId: string): string {
  return `process:${processId}`;
}
