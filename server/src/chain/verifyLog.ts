import { checkpointVerifies, type Checkpoint, type PublicKeyInfo } from './checkpoint.js';
import { eventHash, genesisHash, type ChainedEvent } from './hash.js';

/** Why a link is broken: the event or its hash was changed, or an event is missing. */
export type ChainBreakReason = 'altered' | 'missing';

/** What re-walking a session's log found. */
export type ChainVerdict =
  | { sessionId: string; intact: true; head: number; headHash: string }
  | { sessionId: string; intact: false; head: number; brokenAt: number; reason: ChainBreakReason };

/** A checkpoint with what its check found: signed by the instance's key, and naming the hash the log has at its seq. */
export interface CheckedCheckpoint extends Checkpoint {
  signatureValid: boolean;
  matchesLog: boolean;
}

/** What a log is read through to be verified. */
export interface ChainReader {
  readChain(sessionId: string, afterSeq: number, limit: number): Promise<ChainedEvent[]>;
  head(sessionId: string): Promise<number>;
}

/** Follows a log link by link from seq 1: each event must come next and carry the hash of it after its predecessor. */
export class ChainWalk {
  private previous = genesisHash;
  private seq = 0;

  /** The seq and hash of the last link that held (0 and the genesis hash before any). */
  get head(): { seq: number; hash: string } {
    return { seq: this.seq, hash: this.previous };
  }

  /** Null while the chain holds; otherwise where and why it breaks (the walk must then stop). */
  next(link: ChainedEvent): { brokenAt: number; reason: ChainBreakReason } | null {
    if (link.event.seq !== this.seq + 1) return { brokenAt: this.seq + 1, reason: 'missing' };
    const hash = eventHash(link.event, this.previous);
    if (hash !== link.hash) return { brokenAt: link.event.seq, reason: 'altered' };
    this.seq = link.event.seq;
    this.previous = hash;
    return null;
  }
}

/**
 * Re-walks the session's log from seq 1 in pages, recomputing each link, and names the first
 * broken one; `onLink` sees each link that holds (e.g. to note the hashes at checkpoints).
 */
export async function verifyLog(
  store: ChainReader,
  sessionId: string,
  options: { pageSize?: number; onLink?: (seq: number, hash: string) => void } = {},
): Promise<ChainVerdict> {
  const pageSize = options.pageSize ?? 5000;
  const head = await store.head(sessionId);
  const walk = new ChainWalk();
  for (;;) {
    const page = await store.readChain(sessionId, walk.head.seq, pageSize);
    for (const link of page) {
      const broken = walk.next(link);
      if (broken) return { sessionId, intact: false, head, ...broken };
      options.onLink?.(link.event.seq, link.hash);
    }
    if (page.length < pageSize) break;
  }
  if (walk.head.seq < head) return { sessionId, intact: false, head, brokenAt: walk.head.seq + 1, reason: 'missing' };
  return { sessionId, intact: true, head: walk.head.seq, headHash: walk.head.hash };
}

/**
 * The log's verdict and each of its checkpoints checked against the instance's key and the
 * hashes the walk recomputed (a checkpoint past a break cannot match); with `seq`, also the
 * recomputed hash at that seq (null past a break or the head), to check a printed footer against.
 */
export async function inspectLog(
  store: ChainReader & { checkpoints(sessionId: string): Promise<Checkpoint[]> },
  sessionId: string,
  key: PublicKeyInfo,
  seq?: number,
): Promise<{ verdict: ChainVerdict; checkpoints: CheckedCheckpoint[]; link: { seq: number; hash: string } | null }> {
  const checkpoints = await store.checkpoints(sessionId);
  const wanted = new Set(checkpoints.map((c) => c.seq));
  if (seq !== undefined) wanted.add(seq);
  const hashes = new Map<number, string>();
  const verdict = await verifyLog(store, sessionId, {
    onLink: (seq, hash) => {
      if (wanted.has(seq)) hashes.set(seq, hash);
    },
  });
  return {
    verdict,
    checkpoints: checkpoints.map((checkpoint) => ({
      ...checkpoint,
      signatureValid: checkpointVerifies(checkpoint, key.publicKey),
      matchesLog: hashes.get(checkpoint.seq) === checkpoint.headHash,
    })),
    link: seq !== undefined && hashes.has(seq) ? { seq, hash: hashes.get(seq)! } : null,
  };
}
