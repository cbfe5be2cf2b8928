import {
  newEvent,
  type NewEvent,
  type OrganisationUnit,
  type Participant,
  type ReviewSessionDefinition,
  type Role,
} from '@plenum/shared';
import type { CommandService } from './commandService.js';
import { DomainError } from './errors.js';
import type { Clock, IdGenerator, InvitationStore } from './ports.js';

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

  /** Convenes a review session with its units; returns its id and the chair's invitation. */
  async createSession(
    definition: Omit<ReviewSessionDefinition, 'createdAt'>,
    units: readonly OrganisationUnit[],
    chairName: string,
  ): Promise<{ sessionId: string; chair: IssuedInvitation }> {
    const sessionId = this.deps.ids.next();
    await this.deps.commands.appendSystem(sessionId, 'system', (state) => {
      if (state.definition) throw new DomainError('CONFLICT', 'That session already exists.');
      const events: NewEvent[] = [
        newEvent('session:created', { ...definition, createdAt: this.deps.clock.now().toISOString() }),
      ];
      for (const unit of units) events.push(newEvent('unit:added', { unit }));
      return events;
    });
    const chair = await this.invite(sessionId, { name: chairName, role: 'chair', unitId: null });
    return { sessionId, chair };
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
