/** The key of a participant of a session in the gateway's maps (budgets, sockets, commands in flight). */
export function participantKey(sessionId: string, participantId: string): string {
  return `${sessionId}/${participantId}`;
}
