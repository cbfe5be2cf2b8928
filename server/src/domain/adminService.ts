import type { AdministratorSummary, NotificationLanguage, Participant } from '@plenum/shared';
import type { CommandService } from './commandService.js';
import { DomainError } from './errors.js';
import { organisationStream } from './organisationService.js';
import type { Clock, InvitationStore, SettingsStore } from './ports.js';
import type { IssuedInvitation, SessionService } from './sessionService.js';

/** The setting that names the deployment's one organisation. */
export const organisationSetting = 'organisation.id';
/** The organisation's id when nothing set one (the demo sets its own). */
export const defaultOrganisationId = 'main';
/** The name of the administrator a first start creates. */
export const firstAdministratorName = 'Administrator';

export interface AdminServiceDeps {
  commands: CommandService;
  sessions: SessionService;
  invitations: InvitationStore;
  settings: SettingsStore;
  clock: Clock;
}

/**
 * The organisation's administrators: participants of the organisation's log (role
 * `administrator`), each signing in with an administrator link whose token is stored only as a
 * hash, like an invitation to a session.
 */
export class AdminService {
  constructor(private readonly deps: AdminServiceDeps) {}

  /** The deployment's organisation: the one the settings name (the demo's), else {@link defaultOrganisationId}. */
  async organisationId(): Promise<string> {
    return (await this.deps.settings.getSetting(organisationSetting)) ?? defaultOrganisationId;
  }

  /** Every administrator ever invited, with when, and when revoked. */
  async administrators(): Promise<AdministratorSummary[]> {
    const stream = organisationStream(await this.organisationId());
    return this.deps.commands.read(stream, (state) =>
      Object.values(state.participants)
        .filter((p) => p.role === 'administrator')
        .map((administrator) => ({
          administrator: { ...administrator },
          invitedAt: state.access[administrator.id]!.invitedAt,
          revokedAt: state.access[administrator.id]!.revokedAt,
        })),
    );
  }

  /**
   * Makes the first administrator when the organisation has no live one, and returns its link's
   * token (shown once); null when one exists. With `reissue`, the first administrator gets a new
   * link instead (its old one stops working).
   */
  async ensureAdministrator(options: { reissue?: boolean } = {}): Promise<IssuedInvitation | null> {
    const administrators = await this.administrators();
    const stream = organisationStream(await this.organisationId());
    if (!administrators.some((a) => a.revokedAt === null)) {
      return this.invite({ name: firstAdministratorName, email: null }, 'system');
    }
    if (!options.reissue) return null;
    const first = administrators.find((a) => a.administrator.name === firstAdministratorName) ?? administrators[0]!;
    return this.deps.sessions.reissue(stream, first.administrator);
  }

  /** Invites another administrator; the link is answered once. */
  async invite(
    invitee: { name: string; email: string | null; language?: NotificationLanguage },
    actorId: string,
  ): Promise<IssuedInvitation> {
    const stream = organisationStream(await this.organisationId());
    const [issued] = await this.deps.sessions.admit(
      stream,
      [{ ...invitee, role: 'administrator', unitId: null }],
      actorId,
      () => undefined,
    );
    return issued!;
  }

  /** Revokes an administrator's link (never one's own: another administrator must). */
  async revoke(administratorId: string, actorId: string): Promise<void> {
    const stream = organisationStream(await this.organisationId());
    const isAdministrator = await this.deps.commands.read(
      stream,
      (state) => state.participants[administratorId]?.role === 'administrator',
    );
    if (!isAdministrator) throw new DomainError('NOT_FOUND', `There is no administrator ${administratorId}.`);
    await this.deps.sessions.revoke(stream, administratorId, actorId);
  }

  /** The administrator a token's hash signs in: a live, unexpired administrator invitation of this organisation. */
  async signedIn(tokenHash: string): Promise<Participant | null> {
    const record = await this.deps.invitations.findInvitation(tokenHash);
    if (!record || record.revokedAt !== null || record.participant.role !== 'administrator') return null;
    if (record.expiresAt !== null && Date.parse(record.expiresAt) <= this.deps.clock.now().getTime()) return null;
    return record.sessionId === organisationStream(await this.organisationId()) ? record.participant : null;
  }
}
