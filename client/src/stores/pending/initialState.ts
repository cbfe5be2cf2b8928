import type { CommandInput } from '@plenum/shared';

/** A command sent and not yet reflected in the folded state. */
export interface PendingCommand {
  /** Chosen once by the client; retries reuse it. */
  commandId: string;
  command: CommandInput;
  /**
   * The `seq` the server acknowledged, or null while waiting for the ack. The server acks
   * before it broadcasts, so the entry stays until the session has applied this `seq`;
   * otherwise a "sending…" criticism would vanish and reappear a moment later.
   */
  ackedSeq: number | null;
}

export interface PendingStoreState {
  /** Commands in flight, by `commandId`, in the order they were sent. */
  byId: Record<string, PendingCommand>;
}

export function initialPendingState(): PendingStoreState {
  return { byId: {} };
}
