import {
  isDirectiveOpen,
  newEvent,
  type SessionEvent,
  type SessionState,
  type NewEvent,
  type OrganisationUnit,
  type Participant,
  type ReviewSessionDefinition,
  type Role,
} from '@plenum/shared';
import type { CommandService } from './commandService.js';
import { DomainError } from './errors.js';
import type { Clock, IdGenerator, InvitationStore } from './ports.js';

/** The open day, if the participant's connection to it is not recorded yet. */
function dayAwaitingConnection(state: SessionState, participantId: string): string | null {
  const open = Object.entries(state.days).find(([, day]) => day.status === 'open');
  if (!open || state.attendance[open[0]]?.[participantId]?.connectedAt) return null;
  return open[0];
}

/** Someone to invite: the role and unit are fixed by the invitation, never by the client. */
export interface InviteeSpec {
  name: string;
  role: Role;
  unitId: string | null;
}

/** An issued invitation. The token is returned once and stored only as a hash. */
export interface IssuedInvitation {
  participant: Participant;
  token: string;
}

export interface SessionServiceDeps {
  commands: CommandService;
  invitations: InvitationStore;
  clock: Clock;
  ids: IdGenerator;
  /** A fresh random token and its hash; injected so the domain stays free of crypto. */
  tokens: { issue(): { token: string; hash: string } };
}

/** Convening sessions and inviting people: what the organisation does around the meeting. */
export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  /**
   * Convenes a review session as a draft; returns its id and the chair's invitation. When it
   * follows a previous period's session, that session's units are reused (unless others are
   * given), its open warnings carry over with a "second review" item each on the first day,
   * and its open directives carry over until closed. `sessionId` is a fresh id unless given
   * (the demo's are fixed, so that a seeding cut short is found again).
   */
  async createSession(
    definition: Omit<ReviewSessionDefinition, 'createdAt'>,
    units: readonly OrganisationUnit[],
    chairName: string,
    sessionId: string = this.deps.ids.next(),
  ): Promise<{ sessionId: string; chair: IssuedInvitation }> {
    const previous = definition.previousSessionId ? await this.deps.commands.state(definition.previousSessionId) : null;
    if (previous && !previous.definition) {
      throw new DomainError('NOT_FOUND', `There is no review session ${definition.previousSessionId}.`);
    }
    if (previous?.definition && previous.definition.period >= definition.period) {
      throw new DomainError('CONFLICT', 'The previous session must be of an earlier period.');
    }
    await this.deps.commands.appendSystem(sessionId, 'system', (state) => {
      if (state.definition) throw new DomainError('CONFLICT', 'That session already exists.');
      const events: NewEvent[] = [
        newEvent('session:created', { ...definition, createdAt: this.deps.clock.now().toISOString() }),
      ];
      const sessionUnits = units.length > 0 || !previous ? units : previous.unitOrder.map((id) => previous.units[id]!);
      for (const unit of sessionUnits) events.push(newEvent('unit:added', { unit }));
      if (previous) events.push(...this.carryOver(previous, definition.days[0]!.id));
      return events;
    });
    const chair = await this.invite(sessionId, { name: chairName, role: 'chair', unitId: null });
    return { sessionId, chair };
  }

  private carryOver(previous: SessionState, firstDayId: string): NewEvent[] {
    const events: NewEvent[] = [];
    let order = 0;
    for (const warningId of previous.warningOrder) {
      const { carriedFromSessionId: _from, ...warning } = previous.warnings[warningId]!;
      if (warning.status !== 'open') continue;
      events.push(newEvent('warning:carried-over', { warning, fromSessionId: previous.sessionId }));
      const unitName = previous.units[warning.unitId]?.name ?? warning.unitId;
      events.push(
        newEvent('agenda:item-added', {
          item: {
            id: this.deps.ids.next(),
            dayId: firstDayId,
            unitId: warning.unitId,
            topic: `Second review: ${unitName} (warned in ${warning.period})`,
            plannedMinutes: 15,
            warningId: warning.id,
          },
          order: order++,
        }),
      );
    }
    for (const directiveId of previous.directiveOrder) {
      const { carriedFromSessionId: _from, ...directive } = previous.directives[directiveId]!;
      if (isDirectiveOpen(previous.directives[directiveId]!)) {
        events.push(newEvent('directive:carried-over', { directive, fromSessionId: previous.sessionId }));
      }
    }
    return events;
  }

  /** Invites a participant: logs who they are and stores the hash of a fresh token. */
  async invite(sessionId: string, invitee: InviteeSpec): Promise<IssuedInvitation> {
    const participant: Participant = { id: this.deps.ids.next(), ...invitee };
    await this.deps.commands.appendSystem(sessionId, 'system', (state) => {
      if (!state.definition) throw new DomainError('NOT_FOUND', `There is no review session ${sessionId}.`);
      if (invitee.unitId !== null && !state.units[invitee.unitId]) {
        throw new DomainError('NOT_FOUND', `There is no organisation unit ${invitee.unitId} in this session.`);
      }
      if (invitee.role === 'presenter' && invitee.unitId === null) {
        throw new DomainError('INVALID_PAYLOAD', 'A presenter speaks for a unit: name the unit.');
      }
      return [newEvent('participant:invited', { participant })];
    });
    return { participant, token: await this.storeToken(sessionId, participant) };
  }

  /** True when a day is open and the participant's connection to it is not recorded yet. */
  hasConnectionToRecord(sessionId: string, participantId: string): Promise<boolean> {
    return this.deps.commands.read(sessionId, (state) => dayAwaitingConnection(state, participantId) !== null);
  }

  /** Of these participants, those whose connection to the open day is not recorded yet. */
  connectionsToRecord(sessionId: string, participantIds: readonly string[]): Promise<string[]> {
    return this.deps.commands.read(sessionId, (state) =>
      participantIds.filter((participantId) => dayAwaitingConnection(state, participantId) !== null),
    );
  }

  /**
   * Records that participants connected while a day is open, once per participant and day: the
   * automatic half of attendance (the chair's roll call is the other). One append for the whole
   * batch (one entry per participant); those already recorded that day are skipped.
   */
  async recordConnections(
    sessionId: string,
    connections: readonly { participantId: string; at: string }[],
  ): Promise<SessionEvent[]> {
    const outcome = await this.deps.commands.appendSystem(sessionId, 'system', (state) =>
      connections.flatMap(({ participantId, at }) => {
        const dayId = dayAwaitingConnection(state, participantId);
        return dayId === null ? [] : [newEvent('attendance:connected', { dayId, participantId, at })];
      }),
    );
    return outcome.events;
  }

  /** Revokes a participant's invitations and issues a new token for the same participant. */
  async reissue(sessionId: string, participant: Participant): Promise<IssuedInvitation> {
    await this.deps.invitations.revokeInvitations(sessionId, participant.id, this.deps.clock.now().toISOString());
    return { participant, token: await this.storeToken(sessionId, participant) };
  }

  private async storeToken(sessionId: string, participant: Participant): Promise<string> {
    const { token, hash } = this.deps.tokens.issue();
    await this.deps.invitations.saveInvitation({
      tokenHash: hash,
      sessionId,
      participant,
      createdAt: this.deps.clock.now().toISOString(),
      expiresAt: null,
      revokedAt: null,
    });
    return token;
  }
}
