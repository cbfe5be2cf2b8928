import {
  type RowProblem,
  InviteeSchema,
  carriedRecord,
  copySessionState,
  isDirectiveOpen,
  itemKind,
  Limits,
  newEvent,
  nextVerificationRecord,
  participantRef,
  type AgendaItemDefinition,
  type InviteePreview,
  type InvitedAgain,
  type SessionParticipant,
  type SessionSummary,
  type SessionEvent,
  type SessionState,
  type FollowUp,
  type NewEvent,
  type NotificationLanguage,
  type OrganisationUnit,
  type Participant,
  type ParticipantRef,
  type ReviewSessionDefinition,
  type Role,
  type SessionRole,
} from '@plenum/shared';
import { proposedTopic } from './agendaWords.js';
import type { CommandService } from './commandService.js';
import { refuseConveneDays } from './conveneDays.js';
import { duplicateChecker, duplicateIssues } from './inviteeDuplicates.js';
import { rowProblemOf } from './rowProblems.js';
import { DomainError } from './errors.js';
import type { TableRow } from './organisationService.js';
import type { Clock, IdGenerator, InvitationStore } from './ports.js';
import { summaryOf } from './sessionDirectory.js';

/** Whether the participant's connection to the day is recorded. */
function isConnectionRecorded(state: SessionState, dayId: string, participantId: string): boolean {
  return Boolean(state.attendance[dayId]?.[participantId]?.connectedAt);
}

/** The open day, if the participant's connection to it is not recorded yet. */
function dayAwaitingConnection(state: SessionState, participantId: string): string | null {
  const open = Object.entries(state.days).find(([, day]) => day.status === 'open');
  if (!open || isConnectionRecorded(state, open[0], participantId)) return null;
  return open[0];
}

/** A participant connected while a day was open. */
export interface Connection {
  participantId: string;
  dayId: string;
  at: string;
}

/**
 * The events recording connections: per day, in chunks of {@link Limits.attendanceBatch}, each
 * dated by its earliest connection, every participant's own time kept as milliseconds after it,
 * and named by their place in the order invited.
 */
function batchConnections(state: SessionState, connections: readonly Connection[]): NewEvent[] {
  const byDay = new Map<string, Connection[]>();
  for (const connection of connections) {
    const ofDay = byDay.get(connection.dayId) ?? [];
    if (ofDay.length === 0) byDay.set(connection.dayId, ofDay);
    ofDay.push(connection);
  }
  const events: NewEvent[] = [];
  for (const [dayId, ofDay] of byDay) {
    for (let from = 0; from < ofDay.length; from += Limits.attendanceBatch) {
      const chunk = ofDay.slice(from, from + Limits.attendanceBatch);
      const start = Math.min(...chunk.map((c) => Date.parse(c.at)));
      events.push(
        newEvent('attendance:batch-connected', {
          dayId,
          at: new Date(start).toISOString(),
          participants: chunk.map((c): [ParticipantRef, number] => [
            participantRef(state.participantOrder, c.participantId),
            Date.parse(c.at) - start,
          ]),
        }),
      );
    }
  }
  return events;
}

/** Someone to invite: the role and unit are fixed by the invitation, never by the client. */
export interface InviteeSpec {
  name: string;
  role: Role;
  unitId: string | null;
  /** Kept with the invitation in the store, never in the log. */
  email?: string | null;
  /** The language of the invitation e-mail and of later notices. */
  language?: NotificationLanguage;
}

/** An issued invitation. The token is returned once and stored only as a hash. */
export interface IssuedInvitation {
  participant: Participant;
  token: string;
}

/** Who asks for a change to the invitations, and whether they may make or unmake a chair. */
export interface InvitationActor {
  id: string;
  /** Administrators (and the server itself) appoint chairs; a chair does not. */
  isAdministrator: boolean;
}

/** The server itself: seeding and convening. */
export const systemActor: InvitationActor = { id: 'system', isAdministrator: true };

/** What convening a session takes (see `ConveneBodySchema` in the shared REST contract). */
export interface ConveneRequest {
  definition: Omit<ReviewSessionDefinition, 'createdAt'>;
  /** The session's units; empty: the previous session's. */
  units: readonly OrganisationUnit[];
  chairName: string;
  chairEmail?: string | null;
  /** With a previous session: propose the whole agenda from it (opening, second reviews, every unit). */
  proposeAgenda?: boolean;
  /** The language of the agenda items it words (the opening, the second reviews, the reports); default `en`. */
  language?: NotificationLanguage;
}

/** A change to a participant's invitation (see `ChangeParticipantBodySchema`). */
export interface ParticipantChange {
  name?: string;
  role?: Role;
  unitId?: string | null;
  email?: string | null;
  expiresAt?: string | null;
}

export interface SessionServiceDeps {
  commands: CommandService;
  invitations: InvitationStore;
  clock: Clock;
  ids: IdGenerator;
  /** A fresh random token and its hash; injected so the domain stays free of crypto. */
  tokens: { issue(): { token: string; hash: string } };
  /** Told of events this service appended for a caller outside the socket, so open screens get them live. */
  published?: (streamId: string, events: readonly SessionEvent[]) => void;
  /** Told of invitations just issued (their tokens too), e.g. to e-mail each invitee their link. */
  invited?: (streamId: string, invitations: readonly IssuedToInvitee[]) => Promise<void>;
}

/** An issued invitation with what the invitee said of where and how to reach them. */
export interface IssuedToInvitee extends IssuedInvitation {
  email: string | null;
  language?: NotificationLanguage;
  /** A new link for someone already invited: the old one no longer works. */
  reissued?: boolean;
}

/** The opening item a proposed agenda starts with, its text in the convener's `language`. */
export function opening(language: NotificationLanguage) {
  return {
    unitId: null,
    ...proposedTopic({ kind: 'opening' }, language),
    plannedMinutes: 15,
    warningId: null,
    kind: 'opening',
  } as const;
}

function sessionOf(state: SessionState, sessionId: string): NonNullable<SessionState['definition']> {
  if (!state.definition) throw new DomainError('NOT_FOUND', `There is no review session ${sessionId}.`);
  return state.definition;
}

function participantOf(state: SessionState, participantId: string): Participant {
  const participant = state.participants[participantId];
  if (!participant) throw new DomainError('NOT_FOUND', `There is no participant ${participantId} here.`);
  return participant;
}

/** Where an invitee's fields sit in the body: under `invitees.N.` in a list of several. */
function inviteePath(invitees: readonly unknown[], i: number): string {
  return invitees.length > 1 ? `invitees.${i}.` : '';
}

/** Refuses a role and unit that a session invitation cannot grant; `at` names the field's path. */
function checkGrant(state: SessionState, spec: { role: Role; unitId: string | null }, at: string): void {
  if (spec.role === 'administrator') {
    throw new DomainError('INVALID_PAYLOAD', 'An administrator is the organisation’s, never invited to a session.', [
      { path: `${at}role`, message: 'not a session role', reason: { code: 'not-a-session-role' } },
    ]);
  }
  if (spec.unitId !== null && !state.units[spec.unitId]) {
    throw new DomainError('NOT_FOUND', `There is no organisation unit ${spec.unitId} in this session.`, [
      { path: `${at}unitId`, message: 'unknown unit', reason: { code: 'unknown-unit' } },
    ]);
  }
  if (spec.role === 'presenter' && spec.unitId === null) {
    throw new DomainError('INVALID_PAYLOAD', 'A presenter speaks for a unit: name the unit.', [
      { path: `${at}unitId`, message: 'a presenter needs a unit', reason: { code: 'presenter-needs-unit' } },
    ]);
  }
}

/** A unit named by id, or else by name (any case); null for none, undefined when nothing matches. */
function resolveUnit(state: SessionState, named: string | null): string | null | undefined {
  if (named === null) return null;
  if (state.units[named]) return named;
  const wanted = named.toLowerCase();
  return Object.values(state.units).find((unit) => unit.name.toLowerCase() === wanted)?.id;
}

function onlyAdministratorsAppointChairs(actor: InvitationActor): void {
  if (!actor.isAdministrator) {
    throw new DomainError('FORBIDDEN', 'Only an administrator may make someone the chair, or change the chair.');
  }
}

/** CONFLICT on the previous-session field: the session named follows that one up already. */
function alreadyFollowedUp(followUp: FollowUp): DomainError {
  const message = `The previous session is followed up already, by ${followUp.title} (${followUp.period}).`;
  return new DomainError('CONFLICT', message, [
    {
      path: 'session.previousSessionId',
      message: 'followed up already',
      reason: {
        code: 'already-followed-up',
        sessionId: followUp.sessionId,
        title: followUp.title,
        period: followUp.period,
      },
    },
  ]);
}

/** The open warnings and directives of `previous` that a session following it up carries over, in order. */
function carriedIds(previous: SessionState): { warningIds: string[]; directiveIds: string[] } {
  return {
    warningIds: previous.warningOrder.filter((id) => previous.warnings[id]!.status === 'open'),
    directiveIds: previous.directiveOrder.filter((id) => isDirectiveOpen(previous.directives[id]!)),
  };
}

/** Convening sessions and inviting people: what the organisation does around the meeting. */
export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  /**
   * Convenes a review session as a draft; returns its id and the chair's invitation. When it
   * follows a previous period's session, that session's units are reused (unless others are
   * given), its open warnings carry over with a "second review" item each on the first day,
   * and its open directives carry over until closed; with `proposeAgenda`, the agenda is
   * proposed from it: the opening first, the second reviews, then every unit on its
   * agenda, on the day of the same number (the last day when there are fewer). The days are in
   * date order; past ones may stand (see {@link conveneAhead}). `sessionId` is a fresh id unless
   * given (the demo's are fixed, so that a seeding cut short is found again).
   */
  async convene(
    request: ConveneRequest,
    sessionId: string = this.deps.ids.next(),
  ): Promise<{ sessionId: string; chair: IssuedInvitation }> {
    const { definition } = request;
    refuseConveneDays(definition.days, null);
    const previous = definition.previousSessionId ? await this.deps.commands.state(definition.previousSessionId) : null;
    if (previous && !previous.definition) {
      throw new DomainError('NOT_FOUND', `There is no review session ${definition.previousSessionId}.`, [
        { path: 'session.previousSessionId', message: 'unknown session', reason: { code: 'unknown-session' } },
      ]);
    }
    if (previous?.definition && previous.definition.period >= definition.period) {
      throw new DomainError('CONFLICT', 'The previous session must be of an earlier period.', [
        {
          path: 'session.period',
          message: 'not after the previous session’s period',
          reason: { code: 'period-not-after-previous', previousPeriod: previous.definition.period },
        },
      ]);
    }
    const createdAt = this.deps.clock.now().toISOString();
    const create = async (from: SessionState | null) =>
      this.append(sessionId, systemActor.id, (state) => {
        if (state.definition) throw new DomainError('CONFLICT', 'That session already exists.');
        return [newEvent('session:created', { ...definition, createdAt }), ...this.followUpEvents(request, from)];
      });
    if (!previous) {
      await create(null);
    } else {
      // The previous session is marked first, in its own log: of two convenings from it, the
      // second is decided on the first's mark and refused (in another process, through the log's
      // seq), and what is carried over is read in the same step, so nothing moves on there after.
      const mark: { from: SessionState | null; appended: boolean } = { from: null, appended: false };
      await this.append(previous.sessionId, systemActor.id, (state) => {
        const from = copySessionState(state);
        mark.from = from;
        mark.appended = false;
        const followUp = state.followedUpBy;
        // The same session convened again (a seeding cut short): its mark stands.
        if (followUp?.sessionId === sessionId) return [];
        if (followUp) throw alreadyFollowedUp(followUp);
        mark.appended = true;
        return [
          newEvent('session:followed-up', {
            bySessionId: sessionId,
            title: definition.title,
            period: definition.period,
            ...carriedIds(from),
          }),
        ];
      });
      try {
        await create(mark.from);
      } catch (error) {
        // Nothing follows the previous session up after all: it may be followed up again.
        if (mark.appended) {
          await this.append(previous.sessionId, systemActor.id, (state) =>
            state.followedUpBy?.sessionId === sessionId
              ? [newEvent('session:follow-up-withdrawn', { bySessionId: sessionId })]
              : [],
          );
        }
        throw error;
      }
    }
    const [chair] = await this.inviteAll(
      sessionId,
      [{ name: request.chairName, role: 'chair', unitId: null, email: request.chairEmail ?? null }],
      systemActor,
    );
    return { sessionId, chair: chair! };
  }

  /**
   * {@link convene} as an administrator asks it now: no day before today, the days in date order,
   * each refusal on its day's date. Seeding and tests convene past reviews through `convene`.
   */
  async conveneAhead(request: ConveneRequest): Promise<{ sessionId: string; chair: IssuedInvitation }> {
    refuseConveneDays(request.definition.days, this.deps.clock.now());
    return this.convene(request);
  }

  /** {@link convene} without an agenda proposed, the chair with no e-mail. */
  createSession(
    definition: ConveneRequest['definition'],
    units: readonly OrganisationUnit[],
    chairName: string,
    sessionId?: string,
  ): Promise<{ sessionId: string; chair: IssuedInvitation }> {
    return this.convene({ definition, units, chairName }, sessionId);
  }

  /**
   * What a new session holds after its `session:created`: its units and, following up
   * `previous`, what it carries over and the agenda proposed from it. Decided again on every
   * attempt, so the ids of the items it adds are fresh each time.
   */
  private followUpEvents(request: ConveneRequest, previous: SessionState | null): NewEvent[] {
    const { definition } = request;
    const events: NewEvent[] = [];
    const units =
      request.units.length > 0 || !previous ? request.units : previous.unitOrder.map((id) => previous.units[id]!);
    for (const unit of units) events.push(newEvent('unit:added', { unit }));
    if (previous) {
      const language = request.language ?? 'en';
      const agenda = new AgendaDraft(definition.days.map((day) => day.id));
      if (request.proposeAgenda) agenda.add(0, { id: this.deps.ids.next(), ...opening(language) });
      events.push(...this.carryOver(previous, agenda, language));
      if (request.proposeAgenda) this.proposeReports(previous, new Set(units.map((u) => u.id)), agenda, language);
      events.push(...agenda.events());
    }
    return events;
  }

  private carryOver(previous: SessionState, agenda: AgendaDraft, language: NotificationLanguage): NewEvent[] {
    const events: NewEvent[] = [];
    const verifications = nextVerificationRecord(previous);
    if (verifications) {
      events.push(newEvent('verifications:carried-over', { ...verifications, fromSessionId: previous.sessionId }));
    }
    const carried = carriedIds(previous);
    for (const warningId of carried.warningIds) {
      // The state's own fields stay out: the event carries a WarningRecord.
      const { carriedFromSessionId: _from, decidedAt: _decided, ...warning } = previous.warnings[warningId]!;
      events.push(newEvent('warning:carried-over', { warning, fromSessionId: previous.sessionId }));
      const unitName = previous.units[warning.unitId]?.name ?? warning.unitId;
      agenda.add(0, {
        id: this.deps.ids.next(),
        unitId: warning.unitId,
        ...proposedTopic({ kind: 'second-review', unit: unitName, period: warning.period }, language),
        plannedMinutes: 15,
        warningId: warning.id,
        kind: 'second-review',
      });
    }
    for (const directiveId of carried.directiveIds) {
      const { carriedFromSessionId: _from, ...directive } = previous.directives[directiveId]!;
      events.push(
        newEvent('directive:carried-over', {
          directive: carriedRecord(previous, directive),
          fromSessionId: previous.sessionId,
        }),
      );
    }
    return events;
  }

  /** A report item for every unit on the agenda of `previous` (and one of this session's), once each, presented or not. */
  private proposeReports(
    previous: SessionState,
    units: ReadonlySet<string>,
    agenda: AgendaDraft,
    language: NotificationLanguage,
  ): void {
    const dayIndex = new Map((previous.definition?.days ?? []).map((day, i) => [day.id, i]));
    const proposed = new Set<string>();
    for (const itemId of previous.agendaOrder) {
      const item = previous.agenda[itemId]!;
      if (itemKind(item) !== 'report' || item.unitId === null) continue;
      if (!units.has(item.unitId) || proposed.has(item.unitId)) continue;
      proposed.add(item.unitId);
      const unitName = previous.units[item.unitId]?.name ?? item.unitId;
      agenda.add(dayIndex.get(item.dayId) ?? 0, {
        id: this.deps.ids.next(),
        unitId: item.unitId,
        ...proposedTopic({ kind: 'report', unit: unitName }, language),
        plannedMinutes: item.plannedMinutes,
        warningId: null,
        kind: 'report',
      });
    }
  }

  /** Invites a participant: logs who they are and stores the hash of a fresh token. */
  async invite(
    sessionId: string,
    invitee: InviteeSpec,
    actor: InvitationActor = systemActor,
  ): Promise<IssuedInvitation> {
    return (await this.inviteAll(sessionId, [invitee], actor))[0]!;
  }

  /**
   * Invites everyone in the list in one append, or nobody: every invitee is checked first (the
   * role a session grants, the unit, a presenter's unit, a chair only by an administrator, and
   * nobody invited already or twice in the list; {@link reissue} gives someone invited a new link).
   */
  async inviteAll(
    sessionId: string,
    invitees: readonly InviteeSpec[],
    actor: InvitationActor,
  ): Promise<IssuedInvitation[]> {
    const duplicates = duplicateIssues(await this.invitedPeople(sessionId), invitees, (i) => inviteePath(invitees, i));
    if (duplicates.length > 0) {
      throw new DomainError('INVALID_PAYLOAD', 'Someone is invited already, or twice in the list.', duplicates);
    }
    return this.admit(sessionId, invitees, actor.id, (state) => {
      sessionOf(state, sessionId);
      invitees.forEach((invitee, i) => {
        checkGrant(state, invitee, inviteePath(invitees, i));
        if (invitee.role === 'chair') onlyAdministratorsAppointChairs(actor);
      });
    });
  }

  /** The participants invited and not revoked, with their e-mails (kept with the invitations, not in the log). */
  private async invitedPeople(sessionId: string): Promise<SessionParticipant[]> {
    return (await this.participants(sessionId)).filter(({ access }) => access.revokedAt === null);
  }

  /**
   * Reads a pasted list (columns name, role, unit, email; the unit by id or name) into invitees,
   * each line checked as {@link inviteAll} would, and for a person invited already or on an
   * earlier line: the preview shown before anything is issued. `roleOf` reads a role cell as the
   * role it names; one naming none is refused as written, listing the roles.
   */
  async previewInvitees(
    sessionId: string,
    rows: readonly TableRow[],
    actor: InvitationActor,
    roleOf: (cell: string) => SessionRole | null,
  ): Promise<InviteePreview> {
    // E-mails are kept with the invitations, not in the log: read them first.
    const duplicate = duplicateChecker(await this.invitedPeople(sessionId));
    return this.deps.commands.read(sessionId, (state) => {
      sessionOf(state, sessionId);
      const previewed = rows.map(({ line, cells }) => {
        const errors: RowProblem[] = [];
        const unit = resolveUnit(state, cells.unit ?? null);
        if (unit === undefined) {
          errors.push({ column: 'unit', problem: 'unknown-unit', message: `no unit ${cells.unit} in this session` });
        }
        const role = cells.role ?? '';
        const parsed = InviteeSchema.safeParse({
          name: cells.name ?? '',
          role: roleOf(role) ?? role,
          unitId: unit ?? null,
          email: cells.email ?? null,
        });
        if (!parsed.success) {
          const columns: Record<string, string> = { unitId: 'unit' };
          for (const issue of parsed.error.issues) {
            const field = String(issue.path[0] ?? 'row');
            const column = columns[field] ?? field;
            errors.push(rowProblemOf(issue, column, cells[column] ?? null));
          }
        }
        const invitee = parsed.success ? parsed.data : null;
        // An unknown unit reads as none: no telling whom such a line repeats.
        const repeated = invitee && unit !== undefined && duplicate(line, invitee);
        if (repeated) errors.push(repeated);
        if (invitee && errors.length === 0) {
          try {
            checkGrant(state, invitee, '');
            if (invitee.role === 'chair') onlyAdministratorsAppointChairs(actor);
          } catch (error) {
            const byAdministrator = error instanceof DomainError && error.code === 'FORBIDDEN';
            errors.push({
              column: byAdministrator ? 'role' : 'unit',
              problem: byAdministrator ? 'chair-by-administrator' : 'unit-mismatch',
              message: (error as Error).message,
            });
          }
        }
        // The cells as read go back with the line: a refused one shows how it was split.
        return {
          line,
          cells: {
            name: cells.name ?? null,
            role: cells.role ?? null,
            unit: cells.unit ?? null,
            email: cells.email ?? null,
          },
          invitee: errors.length === 0 ? invitee : null,
          errors,
        };
      });
      return { valid: previewed.length > 0 && previewed.every((row) => row.invitee !== null), rows: previewed };
    });
  }

  /**
   * Invites the participants of `previousSessionId` to the session again, in the order they were
   * invited there, each with a new link and the e-mail kept with their invitation: a link of the
   * previous session opens that session only. Its chairs are not repeated (the session has its
   * own), nor anyone revoked; someone whose unit is not among the session's units (retired
   * since) or who is invited already is skipped, and said so.
   */
  async inviteAgain(
    sessionId: string,
    previousSessionId: string,
    actor: InvitationActor = systemActor,
  ): Promise<{ issued: IssuedInvitation[]; skipped: InvitedAgain['skipped'] }> {
    const previous = (await this.participants(previousSessionId)).filter(
      ({ participant, access }) => access.revokedAt === null && participant.role !== 'chair',
    );
    const units = await this.deps.commands.read(sessionId, (state) => {
      sessionOf(state, sessionId);
      return new Set(state.unitOrder.filter((id) => !(id in state.retiredUnits)));
    });
    const repeats = duplicateChecker(await this.invitedPeople(sessionId));
    const invitees: InviteeSpec[] = [];
    const skipped: InvitedAgain['skipped'] = [];
    for (const [line, { participant, email }] of previous.entries()) {
      const { name, role, unitId } = participant;
      if (unitId !== null && !units.has(unitId)) {
        skipped.push({ participant: { ...participant }, reason: 'unit-retired' });
      } else if (repeats(line, { name, role, unitId, email })) {
        skipped.push({ participant: { ...participant }, reason: 'invited-already' });
      } else {
        invitees.push({ name, role, unitId, email });
      }
    }
    const issued = invitees.length > 0 ? await this.inviteAll(sessionId, invitees, actor) : [];
    return { issued, skipped };
  }

  /** What an administrator's list shows of a session; null when there is no such session. */
  summary(sessionId: string): Promise<SessionSummary | null> {
    return this.deps.commands.read(sessionId, summaryOf);
  }

  /** A participant of the session (or of the organisation's log), as the log knows them now. */
  participant(streamId: string, participantId: string): Promise<Participant> {
    return this.deps.commands.read(streamId, (state) => ({ ...participantOf(state, participantId) }));
  }

  /** Every participant of the session with their invitation's standing, whether they ever joined, and their e-mail. */
  async participants(sessionId: string): Promise<SessionParticipant[]> {
    const records = await this.deps.invitations.listInvitations(sessionId);
    const emails = new Map(records.map((record) => [record.participant.id, record.email ?? null]));
    return this.deps.commands.read(sessionId, (state) => {
      sessionOf(state, sessionId);
      return Object.values(state.participants).map((participant) => ({
        participant: { ...participant },
        access: { ...state.access[participant.id]! },
        joined: Object.values(state.attendance).some((day) => Boolean(day[participant.id]?.connectedAt)),
        email: emails.get(participant.id) ?? null,
      }));
    });
  }

  /**
   * Logs the invitees in `streamId` (a session's, or the organisation's for administrators)
   * after `check` passed on its state, then stores a fresh token's hash for each.
   */
  async admit(
    streamId: string,
    invitees: readonly InviteeSpec[],
    actorId: string,
    check: (state: SessionState) => void,
  ): Promise<IssuedInvitation[]> {
    const participants: Participant[] = invitees.map(({ name, role, unitId }) => ({
      id: this.deps.ids.next(),
      name,
      role,
      unitId,
    }));
    await this.append(streamId, actorId, (state) => {
      check(state);
      return participants.map((participant) => newEvent('participant:invited', { participant }));
    });
    const issued: IssuedInvitation[] = [];
    for (const [i, participant] of participants.entries()) {
      const token = await this.storeToken(streamId, participant, {
        email: invitees[i]!.email ?? null,
        expiresAt: null,
      });
      issued.push({ participant, token });
    }
    await this.deps.invited?.(
      streamId,
      issued.map((one, i) => ({ ...one, email: invitees[i]!.email ?? null, language: invitees[i]!.language })),
    );
    return issued;
  }

  /**
   * Changes a participant's name, role, unit, e-mail or expiry: each change a logged event
   * (`participant:changed`, `participant:expiry-set`), and their live invitations say so at
   * once, so their next request, and their screens reconnecting, carry the new authority.
   */
  async changeParticipant(
    sessionId: string,
    participantId: string,
    change: ParticipantChange,
    actor: InvitationActor,
  ): Promise<Participant> {
    let changed = null as Participant | null;
    let expiryChanged = false as boolean;
    await this.append(sessionId, actor.id, (state) => {
      sessionOf(state, sessionId);
      const current = participantOf(state, participantId);
      const next: Participant = {
        ...current,
        ...(change.name !== undefined && { name: change.name }),
        ...(change.role !== undefined && { role: change.role }),
        ...(change.unitId !== undefined && { unitId: change.unitId }),
      };
      if (next.role !== current.role && (next.role === 'chair' || current.role === 'chair')) {
        onlyAdministratorsAppointChairs(actor);
      }
      checkGrant(state, next, '');
      const events: NewEvent[] = [];
      changed = null;
      if (next.name !== current.name || next.role !== current.role || next.unitId !== current.unitId) {
        changed = next;
        events.push(newEvent('participant:changed', { participant: next }));
      }
      expiryChanged =
        change.expiresAt !== undefined && change.expiresAt !== (state.access[participantId]?.expiresAt ?? null);
      if (expiryChanged) {
        events.push(newEvent('participant:expiry-set', { participantId, expiresAt: change.expiresAt ?? null }));
      }
      return events;
    });
    const result =
      changed ?? (await this.deps.commands.read(sessionId, (state) => ({ ...state.participants[participantId]! })));
    await this.deps.invitations.updateInvitations(sessionId, participantId, {
      ...(changed && { participant: changed }),
      ...(change.email !== undefined && { email: change.email }),
      ...(expiryChanged && { expiresAt: change.expiresAt ?? null }),
    });
    return result;
  }

  /**
   * Revokes a participant's invitation: logged (`participant:revoked`), and every link of theirs
   * stops working at once (their open screens are disconnected). Nobody revokes themselves.
   */
  async revoke(streamId: string, participantId: string, actorId: string): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    await this.append(streamId, actorId, (state) => {
      participantOf(state, participantId);
      if (participantId === actorId) {
        throw new DomainError('CONFLICT', 'You cannot revoke your own invitation: ask another to do it.');
      }
      if (state.access[participantId]?.revokedAt) {
        throw new DomainError('CONFLICT', 'That invitation is already revoked.');
      }
      return [newEvent('participant:revoked', { participantId, at })];
    });
    await this.deps.invitations.revokeInvitations(streamId, participantId, at);
  }

  /**
   * Issues a new link for a participant (logged as `participant:reissued`, which also lifts a
   * revocation); every earlier link of theirs stops working. The e-mail and expiry stay.
   */
  async reissue(streamId: string, participant: Participant, actorId = systemActor.id): Promise<IssuedInvitation> {
    const at = this.deps.clock.now().toISOString();
    let current = participant;
    let expiresAt = null as string | null;
    await this.append(streamId, actorId, (state) => {
      current = participantOf(state, participant.id);
      expiresAt = state.access[participant.id]?.expiresAt ?? null;
      return [newEvent('participant:reissued', { participantId: participant.id, at })];
    });
    const records = await this.deps.invitations.listInvitations(streamId);
    const email = records.findLast((r) => r.participant.id === participant.id)?.email ?? null;
    await this.deps.invitations.revokeInvitations(streamId, participant.id, at);
    const token = await this.storeToken(streamId, current, { email, expiresAt });
    // The new link goes to the address on the invitation, as the first did (in their chosen language).
    await this.deps.invited?.(streamId, [{ participant: current, token, email, reissued: true }]);
    return { participant: current, token };
  }

  /** Appends for a REST caller and publishes what was appended to the stream's open screens. */
  private async append(
    streamId: string,
    actorId: string,
    decideEvents: (state: SessionState) => NewEvent[],
  ): Promise<void> {
    const outcome = await this.deps.commands.appendSystem(streamId, actorId, decideEvents);
    if (outcome.events.length > 0) this.deps.published?.(streamId, outcome.events);
  }

  /**
   * The open day, when the participant's connection to it is not recorded yet; else null. Decided
   * on the log as of `knownHead` at least (a head read from the store since the connection), from
   * the cached state without reading the log when that state is there already.
   */
  dayToRecord(sessionId: string, participantId: string, knownHead: number): Promise<string | null> {
    return this.deps.commands.readAtLeast(sessionId, knownHead, (state) => dayAwaitingConnection(state, participantId));
  }

  /** Of these participants, those whose connection to the open day is not recorded yet, with that day. */
  connectionsToRecord(
    sessionId: string,
    participantIds: readonly string[],
  ): Promise<{ participantId: string; dayId: string }[]> {
    return this.deps.commands.read(sessionId, (state) =>
      participantIds.flatMap((participantId) => {
        const dayId = dayAwaitingConnection(state, participantId);
        return dayId === null ? [] : [{ participantId, dayId }];
      }),
    );
  }

  /**
   * Records that participants connected while a day was open, once per participant and day: the
   * automatic half of attendance (the chair's roll call is the other). One append for the whole
   * batch, an `attendance:batch-connected` per day and {@link Limits.attendanceBatch}
   * participants; those already recorded for their day are skipped. Each is recorded for the day
   * open when it connected, even if that day was adjourned since.
   */
  async recordConnections(sessionId: string, connections: readonly Connection[]): Promise<SessionEvent[]> {
    const outcome = await this.deps.commands.appendSystem(sessionId, 'system', (state) =>
      batchConnections(
        state,
        connections.filter((c) => !isConnectionRecorded(state, c.dayId, c.participantId)),
      ),
    );
    return outcome.events;
  }

  private async storeToken(
    sessionId: string,
    participant: Participant,
    kept: { email: string | null; expiresAt: string | null },
  ): Promise<string> {
    const { token, hash } = this.deps.tokens.issue();
    await this.deps.invitations.saveInvitation({
      tokenHash: hash,
      sessionId,
      participant,
      createdAt: this.deps.clock.now().toISOString(),
      expiresAt: kept.expiresAt,
      revokedAt: null,
      email: kept.email,
    });
    return token;
  }
}

/** The agenda items a convening proposes, numbered per day in the order they are added. */
export class AgendaDraft {
  private readonly items: { item: AgendaItemDefinition; order: number }[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly dayIds: readonly string[]) {}

  /** Adds an item at the end of the day of number `dayIndex` (the last day when there are fewer). */
  add(dayIndex: number, item: Omit<AgendaItemDefinition, 'dayId'>): void {
    const dayId = this.dayIds[Math.min(dayIndex, this.dayIds.length - 1)]!;
    const order = this.counts.get(dayId) ?? 0;
    this.counts.set(dayId, order + 1);
    this.items.push({ item: { ...item, dayId }, order });
  }

  events(): NewEvent[] {
    return this.items.map(({ item, order }) => newEvent('agenda:item-added', { item, order }));
  }
}
