import {
  AnswerSchemas,
  ApiAgendaSchema,
  ApiCommandResultSchema,
  ApiOrganisationSchema,
  ApiRecordSchema,
  ApiScope,
  carriedOverFrom,
  CascadeBodySchema,
  ChangeParticipantBodySchema,
  ConveneBodySchema,
  DirectiveAnswerBodySchema,
  IdSchema,
  InviteBodySchema,
  isDirectiveOpen,
  isItemLive,
  IssuedLinkSchema,
  OrganisationUnitSchema,
  ParticipantSchema,
  ReportSubmissionSchema,
  SessionSummarySchema,
  TrendsSchema,
  UnitCommitmentsSchema,
  type ApiRecord,
  type Command,
  type SessionEvent,
  type SessionState,
  type UnitCommitment,
} from '@plenum/shared';
import type { Request } from 'express';
import { z } from 'zod';
import type { AdminService } from '../../domain/adminService.js';
import type { CascadeService } from '../../domain/cascadeService.js';
import type { CommandService } from '../../domain/commandService.js';
import { agendaTopicIn } from '../../domain/agendaWords.js';
import { DomainError } from '../../domain/errors.js';
import {
  isOrganisationStream,
  organisationStream,
  type OrganisationService,
} from '../../domain/organisationService.js';
import type { Clock, IdGenerator, Store } from '../../domain/ports.js';
import type { SessionDirectory } from '../../domain/sessionDirectory.js';
import type { SessionService } from '../../domain/sessionService.js';
import type { TrendsReadModel } from '../../trends/TrendsReadModel.js';
import { recordsAccess, type RecordKind } from '../../records/access.js';
import { recordLanguages } from '../../records/i18n.js';
import { isoCell } from '../../records/spreadsheet.js';
import {
  criticismsTable,
  directivesTable,
  resultsTable,
  verificationsTable,
  warningsTable,
  type RecordTable,
} from '../../records/tables.js';
import { requireApi, type ApiAuth, type ApiPrincipal } from '../middleware/apiAuth.js';
import type { ApiOperation } from '../openapi/operation.js';
import { deploymentOrganisation } from './organisations.js';
import { conveneSession, inviteEveryone, issuedLink, sessionSummaries } from './sessions.js';

export interface ApiRoutesOptions {
  store: Store;
  directory: SessionDirectory;
  commands: CommandService;
  sessions: SessionService;
  cascade: CascadeService;
  organisations: OrganisationService;
  trends: TrendsReadModel;
  admin: AdminService;
  auth: ApiAuth;
  clock: Clock;
  ids: IdGenerator;
  publicUrl: () => string;
  /** Tells the session's open screens of events appended over REST. */
  published: (sessionId: string, events: readonly SessionEvent[]) => void;
}

const OrganisationParams = z.object({ organisationId: IdSchema });
const UnitParams = OrganisationParams.extend({ unitId: IdSchema });
const SessionParams = z.object({ sessionId: IdSchema });
const ParticipantParams = SessionParams.extend({ participantId: IdSchema });
const DirectiveParams = SessionParams.extend({ directiveId: IdSchema });
const RecordQuery = z.object({ lang: z.enum(recordLanguages).default('en') });
/** A repeated key returns the first answer and appends nothing (P2), as a repeated command id does on the socket. */
const IdempotencyHeader = z.object({ 'idempotency-key': IdSchema.optional() });

/** A record table as JSON: the rows keyed by column, dates in ISO form. */
function recordJson(table: RecordTable): ApiRecord {
  return {
    title: table.title,
    columns: table.columns,
    rows: table.rows.map((row) =>
      Object.fromEntries(table.columns.map((column, i) => [column.key, isoCell(row[i] ?? null, column.kind)])),
    ),
  };
}

/**
 * The REST API, version 1, for the organisation's other systems. Reads of the register, the
 * sessions, their agenda and participants, and their records (reports, verifications, criticisms,
 * directives, warnings) as the bearer's role may see them (`recordsAccess`, the downloads' rules); and the
 * writes with no live-meeting meaning: the register, convening, invitations, reports and
 * directive answers, each through the same command pipeline and log as the socket's.
 */
export function apiOperations(options: ApiRoutesOptions): ApiOperation[] {
  const { auth } = options;

  /** The path's organisation, when it is the deployment's own. */
  const organisationOf = (req: Request) =>
    deploymentOrganisation(options.admin, OrganisationParams.parse(req.params).organisationId);

  /** The path's review session and its state; NOT_FOUND for the organisation's log or an unknown id. */
  async function sessionOf(sessionId: string): Promise<SessionState> {
    if (isOrganisationStream(sessionId)) throw new DomainError('NOT_FOUND', `There is no review session ${sessionId}.`);
    const state = await options.commands.state(sessionId);
    if (state.definition === null) throw new DomainError('NOT_FOUND', `There is no review session ${sessionId}.`);
    return state;
  }

  /**
   * The review sessions where the unit still has business, oldest first (see
   * `UnitCommitmentSchema`). Only the sessions whose digest says they are open, hold an open
   * directive, or are closed holding an open warning no next period's review received (none
   * convened yet, or one convened before it closed) are read. A directive or warning the next
   * period's review carried over counts there,
   * where it is followed up, not where it was issued; a directive held by a higher review and its
   * level's follow-up (a cascade) counts once, in the higher review (a cascaded warning is never
   * among the follow-up's own).
   */
  async function commitmentsOf(unitId: string): Promise<UnitCommitment[]> {
    const digests = await options.directory.digests();
    const followers = new Map<string, string[]>();
    const handedOn = new Map<string, Set<string>>();
    for (const { sessionId, digest } of digests) {
      const previous = digest.summary?.previousSessionId;
      if (!previous) continue;
      followers.set(previous, [...(followers.get(previous) ?? []), sessionId]);
      handedOn.set(previous, new Set([...(handedOn.get(previous) ?? []), ...digest.carriedWarnings]));
    }
    const counted = new Set<string>();
    const found: UnitCommitment[] = [];
    for (const { sessionId, digest } of digests) {
      const summary = digest.summary;
      const followedBy = followers.get(sessionId) ?? [];
      // Convening the next period's review carries over the warnings open then; one convened
      // before this review closed missed those issued after, so they are still held here.
      const holdsWarnings = digest.openWarnings.some((id) => !handedOn.get(sessionId)?.has(id));
      if (!summary || (summary.status === 'closed' && digest.dueBy === null && !holdsWarnings)) continue;
      const takenOver = new Set<string>();
      for (const follower of followedBy) {
        const carried = await options.commands.readWithoutCriticisms(follower, (state) => [
          ...carriedOverFrom(state, sessionId).map((directive) => directive.id),
          ...state.warningOrder.filter((id) => state.warnings[id]!.carriedFromSessionId === sessionId),
        ]);
        for (const id of carried) takenOver.add(id);
      }
      const held = await options.commands.readWithoutCriticisms(sessionId, (state) => ({
        items:
          state.status === 'closed'
            ? 0
            : state.agendaOrder.filter((id) => {
                const item = state.agenda[id]!;
                return item.unitId === unitId && (item.status === 'pending' || isItemLive(item.status));
              }).length,
        directiveIds: state.directiveOrder.filter((id) => {
          const directive = state.directives[id]!;
          return (
            isDirectiveOpen(directive) &&
            !takenOver.has(id) &&
            (directive.assigneeUnitId === unitId || directive.subjectUnitId === unitId)
          );
        }),
        warnings: state.warningOrder.filter((id) => {
          const warning = state.warnings[id]!;
          return warning.status === 'open' && warning.unitId === unitId && !takenOver.has(id);
        }).length,
      }));
      const directives = held.directiveIds.filter((id) => !counted.has(id));
      for (const id of directives) counted.add(id);
      if (held.items === 0 && directives.length === 0 && held.warnings === 0) continue;
      const { title, period, status } = summary;
      found.push({
        sessionId,
        title,
        period,
        status,
        items: held.items,
        directives: directives.length,
        warnings: held.warnings,
      });
    }
    return found;
  }

  /** A record of the session as the principal's role may take it. */
  async function record(
    req: Request,
    kind: RecordKind,
    table: (state: SessionState, scope: Parameters<typeof resultsTable>[1]) => RecordTable,
  ): Promise<ApiRecord> {
    const { sessionId } = SessionParams.parse(req.params);
    const principal = await requireApi(req, auth, ApiScope.readRecords, { sessionId, participants: 'reader' });
    const { role, unitId } = principal.actor;
    if (!recordsAccess[role].records.includes(kind)) {
      throw new DomainError('FORBIDDEN', `The ${role}'s screens do not show this record.`);
    }
    const state = await sessionOf(sessionId);
    return recordJson(table(state, { role, unitId, lang: RecordQuery.parse(req.query).lang, dayId: null }));
  }

  /**
   * Runs a command through the pipeline. A participant acts as themselves; an administrator or
   * an API token acts with the chair's authority over this one kind of write, logged under its
   * own id (`admin`, `api-token-<id>`).
   */
  async function execute(req: Request, principal: ApiPrincipal, sessionId: string, command: Command) {
    await sessionOf(sessionId);
    const actor = principal.kind === 'participant' ? principal.actor : { ...principal.actor, role: 'chair' as const };
    const key = IdempotencyHeader.parse(req.headers)['idempotency-key'];
    const commandId = key === undefined ? options.ids.next() : `api-${actor.id}-${key}`;
    const outcome = await options.commands.execute(actor, sessionId, commandId, command);
    if (outcome.events.length > 0) options.published(sessionId, outcome.events);
    return { seq: outcome.result.seq };
  }

  /** Who keeps the session's invitations: its chair, an administrator, or a token with write:invitations. */
  async function invitationsPrincipal(req: Request, sessionId: string): Promise<ApiPrincipal> {
    const principal = await requireApi(req, auth, ApiScope.writeInvitations, { sessionId, participants: 'preparer' });
    await sessionOf(sessionId);
    return principal;
  }

  const records: [RecordKind, string, string, ApiOperation['handle']][] = [
    [
      'results',
      'reports',
      'The units’ plans and results, with verified values and flags',
      (req) => record(req, 'results', resultsTable),
    ],
    [
      'verifications',
      'verifications',
      'Every verification of the figures, oldest first: value, when, by whom, finding',
      (req) => record(req, 'verifications', verificationsTable),
    ],
    [
      'criticisms',
      'criticisms',
      'The criticisms, hidden texts only for the chair and administrators',
      (req) => record(req, 'criticisms', criticismsTable),
    ],
    [
      'directives',
      'directives',
      'The directives and where each stands',
      (req) =>
        record(req, 'directives', (state, scope) =>
          directivesTable(state, scope, options.clock.now().toISOString().slice(0, 10)),
        ),
    ],
    [
      'warnings',
      'warnings',
      'The warnings issued or carried over, and the waivers',
      (req) => record(req, 'warnings', warningsTable),
    ],
  ];

  return [
    {
      method: 'get',
      path: '/api/v1/organisation',
      operationId: 'getOrganisation',
      summary: 'The organisation the bearer acts in',
      tag: 'Register',
      scope: ApiScope.readSessions,
      response: { status: 200, description: 'The organisation', schema: ApiOrganisationSchema },
      handle: async (req) => {
        await requireApi(req, auth, ApiScope.readSessions);
        return { organisationId: await options.admin.organisationId() };
      },
    },
    {
      method: 'get',
      path: '/api/v1/organisations/{organisationId}/units',
      operationId: 'listUnits',
      summary: 'The register of units, retired ones with their date',
      tag: 'Register',
      scope: ApiScope.readSessions,
      params: OrganisationParams,
      response: { status: 200, description: 'The units', schema: AnswerSchemas.units },
      refusals: [404],
      handle: async (req) => {
        await requireApi(req, auth, ApiScope.readSessions);
        return { units: await options.organisations.registered(await organisationOf(req)) };
      },
    },
    {
      method: 'put',
      path: '/api/v1/organisations/{organisationId}/units/{unitId}',
      operationId: 'saveUnit',
      summary: 'Add a unit to the register, or change one (a move is a change of parent)',
      tag: 'Register',
      scope: ApiScope.writeRegister,
      params: UnitParams,
      body: OrganisationUnitSchema.omit({ id: true }),
      response: {
        status: 200,
        description: 'The unit as saved, and what the save did',
        schema: AnswerSchemas.unitSaved,
      },
      refusals: [404, 409],
      handle: async (req) => {
        const principal = await requireApi(req, auth, ApiScope.writeRegister);
        const organisationId = await organisationOf(req);
        const { unitId } = UnitParams.parse(req.params);
        const unit = OrganisationUnitSchema.parse({ ...(req.body as object), id: unitId });
        const effect = await options.organisations.saveUnit(organisationId, unit, principal.actor.id);
        return { unit, effect };
      },
    },
    {
      method: 'post',
      path: '/api/v1/organisations/{organisationId}/units/{unitId}/retire',
      operationId: 'retireUnit',
      summary: 'Retire a unit: it keeps its history, and no new session includes it',
      tag: 'Register',
      scope: ApiScope.writeRegister,
      params: UnitParams,
      response: { status: 200, description: 'The retired unit', schema: z.object({ unitId: IdSchema }) },
      refusals: [404, 409],
      handle: async (req) => {
        const principal = await requireApi(req, auth, ApiScope.writeRegister);
        const organisationId = await organisationOf(req);
        const { unitId } = UnitParams.parse(req.params);
        const at = options.clock.now().toISOString();
        await options.organisations.retireUnit(organisationId, unitId, principal.actor.id, at);
        return { unitId };
      },
    },
    {
      method: 'get',
      path: '/api/v1/organisations/{organisationId}/units/{unitId}/commitments',
      operationId: 'getUnitCommitments',
      summary: 'What a unit still has open: its agenda items not yet heard, its open directives and warnings',
      description:
        'Session by session, oldest first: the unit’s items still pending or on the floor in sessions not ' +
        'closed, the open directives assigned to it or about it, and its open warnings (neither lifted nor ' +
        'escalated), a carried-over directive or warning counted where it is held now. Worth reading before ' +
        'retiring the unit, which leaves them all as they stand.',
      tag: 'Register',
      scope: ApiScope.readSessions,
      params: UnitParams,
      response: { status: 200, description: 'The sessions where it has business', schema: UnitCommitmentsSchema },
      refusals: [404],
      handle: async (req) => {
        await requireApi(req, auth, ApiScope.readSessions);
        const organisationId = await organisationOf(req);
        const { unitId } = UnitParams.parse(req.params);
        // One unit looked up in the register's state, not the whole register copied out of it.
        const isRegistered = await options.commands.read(organisationStream(organisationId), (state) =>
          Object.hasOwn(state.units, unitId),
        );
        if (!isRegistered) throw new DomainError('NOT_FOUND', `There is no unit ${unitId} in the register.`);
        return { sessions: await commitmentsOf(unitId) };
      },
    },
    {
      method: 'get',
      path: '/api/v1/sessions',
      operationId: 'listSessions',
      summary: 'Every review session, newest first',
      tag: 'Sessions',
      scope: ApiScope.readSessions,
      response: { status: 200, description: 'The sessions', schema: AnswerSchemas.sessions },
      handle: async (req) => {
        await requireApi(req, auth, ApiScope.readSessions);
        return { sessions: await sessionSummaries(options.directory) };
      },
    },
    {
      method: 'post',
      path: '/api/v1/sessions',
      operationId: 'conveneSession',
      summary: 'Convene a review session as a draft; answers the chair’s link once',
      tag: 'Sessions',
      scope: ApiScope.writeSessions,
      body: ConveneBodySchema,
      response: { status: 201, description: 'The new session and its chair’s link', schema: AnswerSchemas.convened },
      refusals: [404, 409],
      handle: async (req) => {
        await requireApi(req, auth, ApiScope.writeSessions);
        return conveneSession(options, ConveneBodySchema.parse(req.body));
      },
    },
    {
      method: 'get',
      path: '/api/v1/sessions/{sessionId}',
      operationId: 'getSession',
      summary: 'One review session',
      tag: 'Sessions',
      scope: ApiScope.readSessions,
      params: SessionParams,
      response: { status: 200, description: 'The session', schema: SessionSummarySchema },
      refusals: [404],
      handle: async (req) => {
        const { sessionId } = SessionParams.parse(req.params);
        await requireApi(req, auth, ApiScope.readSessions, { sessionId, participants: 'reader' });
        await sessionOf(sessionId);
        return (await options.sessions.summary(sessionId))!;
      },
    },
    {
      method: 'post',
      path: '/api/v1/sessions/{sessionId}/cascades',
      operationId: 'conveneFollowUp',
      summary:
        'From a closed review, convene a level’s own follow-up for the units below it; answers its chair’s link once',
      tag: 'Sessions',
      scope: ApiScope.writeSessions,
      params: SessionParams,
      body: CascadeBodySchema,
      response: {
        status: 201,
        description: 'The follow-up session and its chair’s link',
        schema: AnswerSchemas.convened,
      },
      refusals: [404, 409],
      handle: async (req) => {
        const { sessionId } = SessionParams.parse(req.params);
        await requireApi(req, auth, ApiScope.writeSessions, { sessionId, participants: 'preparer' });
        await sessionOf(sessionId);
        const body = CascadeBodySchema.parse(req.body);
        const { sessionId: followUpId, chair } = await options.cascade.convene(sessionId, body);
        return { sessionId: followUpId, chair: issuedLink(options.publicUrl(), followUpId, chair) };
      },
    },
    {
      method: 'post',
      path: '/api/v1/sessions/{sessionId}/relays',
      operationId: 'relayExplanations',
      summary: 'Relay the explanations that left this level into the higher review’s record (again, after a failure)',
      tag: 'Sessions',
      scope: ApiScope.writeSessions,
      params: SessionParams,
      response: { status: 200, description: 'What was relayed now', schema: AnswerSchemas.relayed },
      refusals: [404, 409],
      handle: async (req) => {
        const { sessionId } = SessionParams.parse(req.params);
        await requireApi(req, auth, ApiScope.writeSessions, { sessionId, participants: 'preparer' });
        await sessionOf(sessionId);
        const relayed = await options.cascade.relay(sessionId);
        return { relayed: relayed.map(({ directiveId, toSessionId }) => ({ directiveId, toSessionId })) };
      },
    },
    {
      method: 'get',
      path: '/api/v1/sessions/{sessionId}/agenda',
      operationId: 'getAgenda',
      summary: 'The agenda in order, each item with its status',
      description: 'A topic the system wrote (a proposed agenda’s) is in `lang`; one typed, as typed.',
      tag: 'Sessions',
      scope: ApiScope.readSessions,
      params: SessionParams,
      query: RecordQuery,
      response: { status: 200, description: 'The agenda', schema: ApiAgendaSchema },
      refusals: [404],
      handle: async (req) => {
        const { sessionId } = SessionParams.parse(req.params);
        const { lang } = RecordQuery.parse(req.query);
        await requireApi(req, auth, ApiScope.readSessions, { sessionId, participants: 'reader' });
        const state = await sessionOf(sessionId);
        return {
          items: state.agendaOrder.map((id) => {
            const item = state.agenda[id]!;
            return {
              id: item.id,
              dayId: item.dayId,
              unitId: item.unitId,
              topic: agendaTopicIn(item, lang),
              plannedMinutes: item.plannedMinutes,
              warningId: item.warningId,
              kind: item.kind ?? null,
              status: item.status,
              startedAt: item.startedAt,
              closedAt: item.closedAt,
            };
          }),
        };
      },
    },
    {
      method: 'get',
      path: '/api/v1/sessions/{sessionId}/units',
      operationId: 'listSessionUnits',
      summary: 'The units the session reviews, in order',
      tag: 'Sessions',
      scope: ApiScope.readSessions,
      params: SessionParams,
      response: { status: 200, description: 'The units', schema: z.object({ units: z.array(OrganisationUnitSchema) }) },
      refusals: [404],
      handle: async (req) => {
        const { sessionId } = SessionParams.parse(req.params);
        await requireApi(req, auth, ApiScope.readSessions, { sessionId, participants: 'reader' });
        const state = await sessionOf(sessionId);
        return { units: state.unitOrder.map((id) => state.units[id]!) };
      },
    },
    {
      method: 'get',
      path: '/api/v1/sessions/{sessionId}/participants',
      operationId: 'listParticipants',
      summary: 'The participants with their invitations’ standing (never a token)',
      tag: 'Invitations',
      scope: ApiScope.readSessions,
      params: SessionParams,
      response: { status: 200, description: 'The participants', schema: AnswerSchemas.participants },
      refusals: [404],
      handle: async (req) => {
        const { sessionId } = SessionParams.parse(req.params);
        await requireApi(req, auth, ApiScope.readSessions, { sessionId, participants: 'preparer' });
        await sessionOf(sessionId);
        return { participants: await options.sessions.participants(sessionId) };
      },
    },
    {
      method: 'post',
      path: '/api/v1/sessions/{sessionId}/invitations',
      operationId: 'invite',
      summary: 'Invite one participant or a list (all or nothing); answers their links once',
      description:
        'Someone invited already (not revoked), or named twice in the list, is refused (422) and nobody is ' +
        'invited: `issues` names each such entry, its reason `invited-already` or `same-as-earlier-entry`. ' +
        'A new link for someone invited is a reissue.',
      tag: 'Invitations',
      scope: ApiScope.writeInvitations,
      params: SessionParams,
      body: InviteBodySchema,
      response: { status: 201, description: 'The issued links', schema: AnswerSchemas.invitations },
      refusals: [404, 409, 422],
      handle: async (req) => {
        const { sessionId } = SessionParams.parse(req.params);
        const principal = await invitationsPrincipal(req, sessionId);
        const body = InviteBodySchema.parse(req.body);
        const actor = { id: principal.actor.id, isAdministrator: principal.kind !== 'participant' };
        const invitees = 'invitees' in body ? body.invitees : [body];
        const links = await inviteEveryone(options.sessions, sessionId, invitees, actor);
        return { invitations: links.map((link) => issuedLink(options.publicUrl(), sessionId, link)) };
      },
    },
    {
      method: 'post',
      path: '/api/v1/sessions/{sessionId}/participants/{participantId}/revoke',
      operationId: 'revokeInvitation',
      summary: 'End a participant’s link at once',
      tag: 'Invitations',
      scope: ApiScope.writeInvitations,
      params: ParticipantParams,
      response: {
        status: 200,
        description: 'The participant whose link ended',
        schema: z.object({ participantId: IdSchema }),
      },
      refusals: [404, 409],
      handle: async (req) => {
        const { sessionId, participantId } = ParticipantParams.parse(req.params);
        const principal = await invitationsPrincipal(req, sessionId);
        await options.sessions.revoke(sessionId, participantId, principal.actor.id);
        return { participantId };
      },
    },
    {
      method: 'patch',
      path: '/api/v1/sessions/{sessionId}/participants/{participantId}',
      operationId: 'changeParticipant',
      summary: 'Change a participant’s role, unit, name, e-mail or expiry (effective at once)',
      tag: 'Invitations',
      scope: ApiScope.writeInvitations,
      params: ParticipantParams,
      body: ChangeParticipantBodySchema,
      response: {
        status: 200,
        description: 'The participant as changed',
        schema: z.object({ participant: ParticipantSchema }),
      },
      refusals: [404, 409],
      handle: async (req) => {
        const { sessionId, participantId } = ParticipantParams.parse(req.params);
        const principal = await invitationsPrincipal(req, sessionId);
        const change = ChangeParticipantBodySchema.parse(req.body);
        const actor = { id: principal.actor.id, isAdministrator: principal.kind !== 'participant' };
        return { participant: await options.sessions.changeParticipant(sessionId, participantId, change, actor) };
      },
    },
    {
      method: 'post',
      path: '/api/v1/sessions/{sessionId}/participants/{participantId}/reissue',
      operationId: 'reissueInvitation',
      summary: 'Issue a participant a new link (the old one ends); answered once',
      tag: 'Invitations',
      scope: ApiScope.writeInvitations,
      params: ParticipantParams,
      response: { status: 201, description: 'The new link', schema: IssuedLinkSchema },
      refusals: [404, 409],
      handle: async (req) => {
        const { sessionId, participantId } = ParticipantParams.parse(req.params);
        const principal = await invitationsPrincipal(req, sessionId);
        const participant = await options.sessions.participant(sessionId, participantId);
        const issued = await options.sessions.reissue(sessionId, participant, principal.actor.id);
        return issuedLink(options.publicUrl(), sessionId, issued);
      },
    },
    ...records.map(([kind, name, summary, handle]): ApiOperation => ({
      method: 'get',
      path: `/api/v1/sessions/{sessionId}/${name}`,
      operationId: `get${name[0]!.toUpperCase()}${name.slice(1)}`,
      summary,
      description: `The rows of \`${kind}.csv\`, as the bearer's role may see them; headers in \`lang\`.`,
      tag: 'Records',
      scope: ApiScope.readRecords,
      params: SessionParams,
      query: RecordQuery,
      response: { status: 200, description: 'The record', schema: ApiRecordSchema },
      refusals: [404],
      handle,
    })),
    {
      method: 'get',
      path: '/api/v1/sessions/{sessionId}/trends',
      operationId: 'getTrends',
      summary: 'Each unit’s fulfilment, reporting gap, flags and warnings per quarter, and the warnings per quarter',
      description:
        'Over the session and those it follows up (`previousSessionId`), oldest quarter first, at most 20. ' +
        'For the roles whose screens show the dashboard: warnings and comparisons are in it.',
      tag: 'Records',
      scope: ApiScope.readRecords,
      params: SessionParams,
      response: { status: 200, description: 'The trends', schema: TrendsSchema },
      refusals: [404],
      handle: async (req) => {
        const { sessionId } = SessionParams.parse(req.params);
        const principal = await requireApi(req, auth, ApiScope.readRecords, { sessionId, participants: 'reader' });
        const { role } = principal.actor;
        if (!recordsAccess[role].decisions) {
          throw new DomainError('FORBIDDEN', `The ${role}'s screens do not show trends.`);
        }
        // Null for an unknown session, as for the organisation's log, whose chain is empty.
        const trends = await options.trends.trends(sessionId);
        if (trends === null) throw new DomainError('NOT_FOUND', `There is no review session ${sessionId}.`);
        return trends;
      },
    },
    {
      method: 'post',
      path: '/api/v1/sessions/{sessionId}/reports',
      operationId: 'submitReport',
      summary: 'Submit a unit’s plan and results (the command `report:submit`)',
      description: 'Send `Idempotency-Key` to make a retry safe: the same key answers the first result.',
      tag: 'Records',
      scope: ApiScope.writeReports,
      params: SessionParams,
      headers: IdempotencyHeader,
      body: ReportSubmissionSchema,
      response: { status: 201, description: 'The sequence number of the logged event', schema: ApiCommandResultSchema },
      refusals: [404, 409],
      handle: async (req) => {
        const { sessionId } = SessionParams.parse(req.params);
        const principal = await requireApi(req, auth, ApiScope.writeReports, { sessionId, participants: 'reader' });
        const payload = ReportSubmissionSchema.parse(req.body);
        return execute(req, principal, sessionId, { type: 'report:submit', payload });
      },
    },
    {
      method: 'post',
      path: '/api/v1/sessions/{sessionId}/directives/{directiveId}/answer',
      operationId: 'answerDirective',
      summary: 'File the assignee’s answer to a directive (the command `directive:answer`)',
      description: 'Send `Idempotency-Key` to make a retry safe: the same key answers the first result.',
      tag: 'Records',
      scope: ApiScope.writeDirectives,
      params: DirectiveParams,
      headers: IdempotencyHeader,
      body: DirectiveAnswerBodySchema,
      response: { status: 201, description: 'The sequence number of the logged event', schema: ApiCommandResultSchema },
      refusals: [404, 409],
      handle: async (req) => {
        const { sessionId, directiveId } = DirectiveParams.parse(req.params);
        const principal = await requireApi(req, auth, ApiScope.writeDirectives, { sessionId, participants: 'reader' });
        const { text } = DirectiveAnswerBodySchema.parse(req.body);
        return execute(req, principal, sessionId, { type: 'directive:answer', payload: { directiveId, text } });
      },
    },
    {
      method: 'post',
      path: '/api/v1/sessions/{sessionId}/directives/{directiveId}/acknowledge',
      operationId: 'acknowledgeDirective',
      summary: 'Acknowledge a directive on the assignee’s behalf (the command `directive:acknowledge`)',
      description: 'Send `Idempotency-Key` to make a retry safe: the same key answers the first result.',
      tag: 'Records',
      scope: ApiScope.writeDirectives,
      params: DirectiveParams,
      headers: IdempotencyHeader,
      response: { status: 201, description: 'The sequence number of the logged event', schema: ApiCommandResultSchema },
      refusals: [404, 409],
      handle: async (req) => {
        const { sessionId, directiveId } = DirectiveParams.parse(req.params);
        const principal = await requireApi(req, auth, ApiScope.writeDirectives, { sessionId, participants: 'reader' });
        return execute(req, principal, sessionId, { type: 'directive:acknowledge', payload: { directiveId } });
      },
    },
  ];
}
