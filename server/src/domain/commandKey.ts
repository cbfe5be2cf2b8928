/** The key of a command id within its session, as the log and the in-flight maps know it. */
export function commandKey(sessionId: string, commandId: string): string {
  return `${sessionId}\u0000${commandId}`;
}
