/** The socket.io room of a session: everyone attached to it receives its events. */
export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}
