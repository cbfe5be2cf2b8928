import {
  isDirectiveOpen,
  IsoDateSchema,
  SessionSummarySchema,
  type SessionState,
  type SessionSummary,
} from '@plenum/shared';
import { z } from 'zod';
import { isOrganisationStream } from './organisationService.js';
import { laterTurn, type DigestStore, type Timers } from './ports.js';

/**
 * What the views across sessions need of one session, saved beside its log: the sessions list
 * reads `summary`, the due-date reminders `dueBy`. Without it both loaded the state of every
 * session the store has ever held, and kept it in memory.
 */
export const SessionDigestSchema = z.object({
  /**
   * Raised whenever what a digest holds changes meaning, so one saved before is made again
   * (2: a deferred item is counted once; the summary names the conference link).
   */
  version: z.literal(2),
  /** Null for a log without `session:created`. */
  summary: SessionSummarySchema.nullable(),
  /** The earliest due date of a directive still open; null: none. */
  dueBy: IsoDateSchema.nullable(),
  /** The warnings it holds open, its own and those carried in, by id. */
  openWarnings: z.array(z.string()),
  /** The warnings the previous period's review handed on to it when it was convened, by id. */
  carriedWarnings: z.array(z.string()),
});
export type SessionDigest = z.infer<typeof SessionDigestSchema>;

/** The session's line in the sessions list; null before its `session:created`. */
export function summaryOf(state: SessionState): SessionSummary | null {
  const definition = state.definition;
  if (!definition) return null;
  return {
    sessionId: state.sessionId,
    title: definition.title,
    period: definition.period,
    organisation: definition.organisation,
    status: state.status,
    firstDay: definition.days[0]?.date ?? '',
    lastDay: definition.days.at(-1)?.date ?? '',
    // A deferred item and its continuation on a later day are one item on the agenda.
    items: state.agendaOrder.filter((id) => state.agenda[id]!.carriedFromItemId === null).length,
    participants: Object.keys(state.participants).length,
    previousSessionId: definition.previousSessionId,
    conferenceLink: definition.conferenceLink ?? null,
    organiserUnitId: definition.organiserUnitId,
  };
}

export function digestOf(state: SessionState): SessionDigest {
  let dueBy: string | null = null;
  for (const id of state.directiveOrder) {
    const directive = state.directives[id]!;
    if (isDirectiveOpen(directive) && (dueBy === null || directive.dueDate < dueBy)) dueBy = directive.dueDate;
  }
  const warnings = state.warningOrder.map((id) => state.warnings[id]!);
  return {
    version: 2,
    summary: summaryOf(state),
    dueBy,
    openWarnings: warnings.filter((warning) => warning.status === 'open').map((warning) => warning.id),
    carriedWarnings: warnings.filter((warning) => warning.carriedFromSessionId !== null).map((warning) => warning.id),
  };
}

export interface SessionDirectoryDeps {
  store: DigestStore;
  /**
   * Reads a session's state between batches, when it holds committed events alone; a digest
   * reads no criticism, so not waiting for them (`CommandService.readWithoutCriticisms`).
   */
  read<T>(sessionId: string, view: (state: SessionState) => T): Promise<T>;
  timers: Timers;
  /** Told of a digest that could not be saved; it is made again the next time. */
  onSaveError: (error: unknown, sessionId: string) => void;
}

/**
 * Every review session's digest. A digest saved at the log's head is used as it is; any other
 * (none yet, saved before the log's last events, or unreadable) is made again from the
 * session's state and saved, so a session is loaded for it only once after it changed.
 */
export class SessionDirectory {
  constructor(private readonly deps: SessionDirectoryDeps) {}

  /** Every review session (not the organisation's log), oldest first, with its digest. */
  async digests(): Promise<{ sessionId: string; digest: SessionDigest }[]> {
    const found: { sessionId: string; digest: SessionDigest }[] = [];
    for (const stored of await this.deps.store.listDigests()) {
      if (isOrganisationStream(stored.sessionId)) continue;
      const saved = stored.digest?.seq === stored.head ? parseDigest(stored.digest.text) : undefined;
      if (saved) {
        found.push({ sessionId: stored.sessionId, digest: saved });
        continue;
      }
      found.push({ sessionId: stored.sessionId, digest: await this.refresh(stored.sessionId) });
      // Each session made again may load its state: one per turn, not all of history in one.
      await laterTurn(this.deps.timers);
    }
    return found;
  }

  /**
   * The review sessions holding an open directive whose earliest due date is `due` (for
   * reminders: overdue, or due soon), each with the reviews of the next period that followed it
   * (`previousSessionId`): those carried its open directives over (`directive:carried-over`)
   * and hold them now.
   */
  async holdingDue(due: (dueBy: string) => boolean): Promise<{ sessionId: string; followedBy: string[] }[]> {
    const digests = await this.digests();
    const followers = new Map<string, string[]>();
    for (const { sessionId, digest } of digests) {
      const previous = digest.summary?.previousSessionId;
      if (previous) followers.set(previous, [...(followers.get(previous) ?? []), sessionId]);
    }
    return digests
      .filter(({ digest }) => digest.dueBy !== null && due(digest.dueBy))
      .map(({ sessionId }) => ({ sessionId, followedBy: followers.get(sessionId) ?? [] }));
  }

  /** Makes the session's digest from its state and saves it at the state's seq. */
  async refresh(sessionId: string): Promise<SessionDigest> {
    const { seq, digest } = await this.deps.read(sessionId, (state) => ({
      seq: state.lastSeq,
      digest: digestOf(state),
    }));
    // A cache: a store refusing the write must not stop the list or the reminders it serves.
    await this.deps.store
      .saveDigest(sessionId, { seq, text: JSON.stringify(digest) })
      .catch((error: unknown) => this.deps.onSaveError(error, sessionId));
    return digest;
  }
}

function parseDigest(text: string): SessionDigest | undefined {
  try {
    const parsed = SessionDigestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
