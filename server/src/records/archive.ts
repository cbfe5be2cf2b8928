import { createHash } from 'node:crypto';
import {
  IdSchema,
  InstantSchema,
  PROTOCOL_VERSION,
  SessionEventSchema,
  type NewEvent,
  type SessionEvent,
} from '@plenum/shared';
import { z } from 'zod';
import { ChainWalk, type ChainBreakReason } from '../chain/verifyLog.js';
import type { ChainedEvent } from '../chain/hash.js';
import type { AppendRequest } from '../domain/ports.js';

const HashSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** A session's whole log with what proves it complete and unaltered. */
export const ArchiveSchema = z.object({
  format: z.literal('plenum-archive'),
  sessionId: IdSchema,
  /** `seq` of the last event: the archive holds 1 … headSeq, none missing. */
  headSeq: z.number().int().min(1),
  protocolVersion: z.number().int().min(1),
  exportedAt: InstantSchema,
  /** SHA-256 (hex) of the JSON text of `events`. */
  sha256: HashSchema,
  /** The log's chain hash at `headSeq`, as the minutes' footer prints it. */
  headHash: HashSchema,
  events: z.array(z.unknown()).min(1),
  /** Each event's chain hash as the exporting store kept it, in the order of `events`. */
  hashes: z.array(HashSchema),
});
export type Archive = z.infer<typeof ArchiveSchema>;

/**
 * Why an archive is refused: not an archive, altered after export, events missing, from a newer
 * protocol, or its log's hash chain broken at an event (`seq` names it).
 */
export type ArchiveProblem = 'invalid' | 'tampered' | 'partial' | 'incompatible' | 'broken';

export class ArchiveRefusal extends Error {
  constructor(
    readonly reason: ArchiveProblem,
    message: string,
    /** The event at fault, when one is. */
    readonly seq: number | null = null,
  ) {
    super(message);
    this.name = 'ArchiveRefusal';
  }
}

/** SHA-256 of the events' JSON text, as the archive carries it. */
export function eventsDigest(events: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(events)).digest('hex');
}

/** The archive of a session's complete log (events 1 … head, in order) with each event's chain hash. */
export function buildArchive(sessionId: string, links: readonly ChainedEvent[], exportedAt: Date): Archive {
  const events = links.map((link) => link.event);
  return {
    format: 'plenum-archive',
    sessionId,
    headSeq: events.at(-1)?.seq ?? 0,
    protocolVersion: PROTOCOL_VERSION,
    exportedAt: exportedAt.toISOString(),
    sha256: eventsDigest(events),
    headHash: links.at(-1)?.hash ?? '',
    events,
    hashes: links.map((link) => link.hash),
  };
}

const brokenLink: Record<ChainBreakReason, string> = {
  altered: 'does not match its chain hash: it or an event before it was changed',
  missing: 'is missing from the chain',
};

/**
 * Re-walks the archive's hash chain over the events as sent (not as parsed, so nothing a schema
 * drops goes unnoticed) and throws {@link ArchiveRefusal} `broken` naming the first broken link.
 */
function checkChain(archive: Archive): void {
  const walk = new ChainWalk();
  archive.events.forEach((raw, i) => {
    const broken = walk.next({ event: raw as SessionEvent, hash: archive.hashes[i] ?? '' });
    if (broken) {
      throw new ArchiveRefusal('broken', `Event ${broken.brokenAt} ${brokenLink[broken.reason]}.`, broken.brokenAt);
    }
  });
  if (archive.hashes.length !== archive.events.length || walk.head.hash !== archive.headHash) {
    throw new ArchiveRefusal(
      'broken',
      `The archive's head hash is not the chain's hash at event ${archive.headSeq}.`,
      archive.headSeq,
    );
  }
}

/**
 * The events of an archive once it is proven whole: the shape, the hash over the events as
 * sent, the protocol version, then every event valid, of the archive's session, numbered
 * 1 … headSeq without a gap and opening with `session:created`, and its hash chain unbroken
 * up to its head hash. Throws {@link ArchiveRefusal}.
 */
export function checkArchive(body: unknown): { archive: Archive; events: SessionEvent[] } {
  const parsed = ArchiveSchema.safeParse(body);
  if (!parsed.success) throw new ArchiveRefusal('invalid', 'This is not a Plenum archive.');
  const archive = parsed.data;
  if (eventsDigest(archive.events) !== archive.sha256) {
    throw new ArchiveRefusal('tampered', 'The events do not match the archive’s SHA-256: it was changed after export.');
  }
  if (archive.protocolVersion > PROTOCOL_VERSION) {
    throw new ArchiveRefusal(
      'incompatible',
      `The archive was written by protocol version ${archive.protocolVersion}; this server speaks ${PROTOCOL_VERSION}.`,
    );
  }
  const events = archive.events.map((raw, i) => {
    const event = SessionEventSchema.safeParse(raw);
    if (!event.success) throw new ArchiveRefusal('invalid', `Event ${i + 1} is not a valid event.`, i + 1);
    if (event.data.sessionId !== archive.sessionId) {
      throw new ArchiveRefusal('invalid', `Event ${event.data.seq} belongs to another session.`, event.data.seq);
    }
    if (event.data.seq !== i + 1) {
      throw new ArchiveRefusal('partial', `Event ${i + 1} is missing: the log jumps to ${event.data.seq}.`, i + 1);
    }
    return event.data;
  });
  if (events.length !== archive.headSeq) {
    throw new ArchiveRefusal(
      'partial',
      `The archive ends at event ${events.length}, not at its head ${archive.headSeq}.`,
    );
  }
  if (events[0]!.type !== 'session:created') {
    throw new ArchiveRefusal('partial', 'The archive does not open with the session being convened.', 1);
  }
  checkChain(archive);
  return { archive, events };
}

/**
 * The appends that write `events` again as the log of `sessionId`: consecutive events of one
 * instant and actor in one request (as their command appended them), the old session id
 * replaced by the new one wherever a payload names it.
 */
export function importRequests(
  events: readonly SessionEvent[],
  fromSessionId: string,
  sessionId: string,
): AppendRequest[] {
  const requests: AppendRequest[] = [];
  for (const event of events) {
    const payload: unknown = JSON.parse(JSON.stringify(event.payload), (_key, value: unknown) =>
      value === fromSessionId ? sessionId : value,
    );
    const next = { type: event.type, payload } as NewEvent;
    const last = requests.at(-1);
    if (last && last.at === event.at && last.actorId === event.actorId) {
      (last.events as NewEvent[]).push(next);
    } else {
      requests.push({
        sessionId,
        commandId: null,
        actorId: event.actorId,
        expectedSeq: event.seq - 1,
        at: event.at,
        events: [next],
      });
    }
  }
  return requests;
}
