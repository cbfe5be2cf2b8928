import {
  ChangeParticipantBodySchema,
  ConveneBodySchema,
  IdSchema,
  InviteBodySchema,
  loadTerms,
  sessionRoles,
  type AnswerData,
  type IssuedLink,
  type SessionSummary,
} from '@plenum/shared';
import express, { Router, type Request } from 'express';
import type { AdminService } from '../../domain/adminService.js';
import { DomainError } from '../../domain/errors.js';
import { isDuplicateIssue } from '../../domain/inviteeDuplicates.js';
import { isOrganisationStream, type OrganisationService } from '../../domain/organisationService.js';
import type { SessionDirectory } from '../../domain/sessionDirectory.js';
import type { InvitationActor, InviteeSpec, IssuedInvitation, SessionService } from '../../domain/sessionService.js';
import { requireAdmin, requirePreparer, type HttpAuth } from '../middleware/auth.js';
import { Unprocessable } from '../problem.js';
import { keyOfWord, pastedTable, requireColumns } from '../tables.js';

/** The columns of a pasted list of invitees, in the order taken when it has no header row. */
const inviteeColumns = ['name', 'role', 'unit', 'email'] as const;

// A header may name the columns, and a line its role, as the screens do, in any of their
// languages: the words come from the same terms the paste's preview table and the list of
// invitations show, so the two cannot drift apart.
const termsOfEachLanguage = await Promise.all([loadTerms('en'), loadTerms('ko')]);
const inviteeColumnNames = Object.fromEntries(
  inviteeColumns.map((column) => [column, termsOfEachLanguage.map((terms) => terms.labels.inviteeColumn[column])]),
);
const roleOfWord = keyOfWord(
  sessionRoles,
  Object.fromEntries(sessionRoles.map((role) => [role, termsOfEachLanguage.map((terms) => terms.labels.role[role])])),
);

/** A pasted list's rows; with a header row, refused as a whole when it names the columns otherwise. */
function pastedInvitees(text: string) {
  const rows = pastedTable(text, inviteeColumns, inviteeColumnNames);
  requireColumns(rows, {
    expected: inviteeColumns,
    required: ['name', 'role'],
    recognised: (header) => (inviteeColumns as readonly string[]).includes(header),
    holds: (headers, column) => headers.includes(column),
  });
  return rows;
}

export interface SessionRoutesOptions {
  sessions: SessionService;
  organisations: OrganisationService;
  admin: AdminService;
  directory: Pick<SessionDirectory, 'digests'>;
  auth: HttpAuth;
  /** Base of invite links, e.g. `http://localhost:3000` (known once the server listens). */
  publicUrl: () => string;
}

/** The invite link a participant opens: the token rides in the fragment, never sent to a server. */
export function inviteLink(publicUrl: string, sessionId: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/s/${sessionId}#token=${token}`;
}

/** The link an administrator signs in with, the token in the fragment as in invite links. */
export function adminLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/admin#token=${token}`;
}

/** An issued invitation as answered once: the participant and their link. */
export function issuedLink(publicUrl: string, sessionId: string, { participant, token }: IssuedInvitation): IssuedLink {
  return { participant, link: inviteLink(publicUrl, sessionId, token) };
}

/** Every review session (not the organisation's log), newest first, as its digest describes it. */
export async function sessionSummaries(directory: Pick<SessionDirectory, 'digests'>): Promise<SessionSummary[]> {
  return (await directory.digests()).flatMap(({ digest }) => (digest.summary ? [digest.summary] : [])).reverse();
}

/**
 * Convenes a review session as a draft, no day before today and the days in date order; its
 * units are the body's, else the organisation's register. Answers the chair's link once. With
 * `inviteParticipants`, the previous session's participants are invited again after it.
 */
export async function conveneSession(
  options: Pick<SessionRoutesOptions, 'sessions' | 'organisations' | 'admin' | 'publicUrl'>,
  body: ReturnType<typeof ConveneBodySchema.parse>,
): Promise<AnswerData<'convened'>> {
  const units =
    body.units.length > 0
      ? body.units
      : await options.organisations.units(body.organisationId ?? (await options.admin.organisationId()));
  const { sessionId, chair } = await options.sessions.conveneAhead({
    definition: body.session,
    units,
    chairName: body.chairName,
    chairEmail: body.chairEmail,
    proposeAgenda: body.proposeAgenda,
    language: body.language,
  });
  const answer: AnswerData<'convened'> = { sessionId, chair: issuedLink(options.publicUrl(), sessionId, chair) };
  // A step of its own after convening: the session stands even if inviting fails, and the
  // administrator can invite from its preparation then.
  const previousSessionId = body.session.previousSessionId;
  if (body.inviteParticipants && previousSessionId) {
    const { issued, skipped } = await options.sessions.inviteAgain(sessionId, previousSessionId);
    answer.invitedAgain = { invited: issued.map(({ participant }) => participant), skipped };
  }
  return answer;
}

/**
 * Invites everyone in the list or nobody (`inviteAll`), over REST and the v1 API alike. Someone
 * invited already, or twice in the list, is refused as a pasted list is (422), naming each entry:
 * the request is well formed, the people it names are not to be invited.
 */
export async function inviteEveryone(
  sessions: Pick<SessionService, 'inviteAll'>,
  sessionId: string,
  invitees: readonly InviteeSpec[],
  actor: InvitationActor,
): Promise<IssuedInvitation[]> {
  try {
    return await sessions.inviteAll(sessionId, invitees, actor);
  } catch (error) {
    const duplicates = error instanceof DomainError ? (error.issues ?? []).filter(isDuplicateIssue) : [];
    if (duplicates.length === 0) throw error;
    const detail = `${duplicates.length} invitee(s) are invited already or named twice: nobody was invited.`;
    throw new Unprocessable(detail, { issues: duplicates });
  }
}

/**
 * Review sessions over REST. Administrators list and convene them; the session's chair or an
 * administrator keeps its invitations: list, invite (one, a list, or a pasted list, all or
 * nothing), change, revoke, reissue. Links are answered once and stored only as hashes.
 */
export function sessionRoutes(options: SessionRoutesOptions): Router {
  const router = Router();
  const { sessions, auth } = options;
  const pasted = express.text({ type: ['text/csv', 'text/plain'], limit: '512kb' });
  const issued = (sessionId: string, invitation: IssuedInvitation) =>
    issuedLink(options.publicUrl(), sessionId, invitation);
  const sessionIdOf = (req: Request) => {
    const sessionId = IdSchema.parse(req.params.sessionId);
    // The organisation's log holds administrators, not a session's participants.
    if (isOrganisationStream(sessionId)) throw new DomainError('NOT_FOUND', `There is no review session ${sessionId}.`);
    return sessionId;
  };

  router.get('/api/sessions', async (req, res) => {
    await requireAdmin(req, auth);
    res.json({
      ok: true,
      data: { sessions: await sessionSummaries(options.directory) } satisfies AnswerData<'sessions'>,
    });
  });

  router.post('/api/sessions', async (req, res) => {
    await requireAdmin(req, auth);
    const data: AnswerData<'convened'> = await conveneSession(options, ConveneBodySchema.parse(req.body));
    res.status(201).json({ ok: true, data });
  });

  router.get('/api/sessions/:sessionId/invitations', async (req, res) => {
    const sessionId = sessionIdOf(req);
    await requirePreparer(req, auth, sessionId);
    res.json({
      ok: true,
      data: { participants: await sessions.participants(sessionId) } satisfies AnswerData<'participants'>,
    });
  });

  router.post('/api/sessions/:sessionId/invitations/preview', pasted, async (req, res) => {
    const sessionId = sessionIdOf(req);
    const actor = await requirePreparer(req, auth, sessionId);
    if (typeof req.body !== 'string')
      throw new DomainError('INVALID_PAYLOAD', 'Send the list as text/plain or text/csv.');
    res.json({
      ok: true,
      data: await sessions.previewInvitees(sessionId, pastedInvitees(req.body), actor, roleOfWord),
    });
  });

  router.post('/api/sessions/:sessionId/invitations', pasted, async (req, res) => {
    const sessionId = sessionIdOf(req);
    const actor = await requirePreparer(req, auth, sessionId);
    if (typeof req.body === 'string') {
      const preview = await sessions.previewInvitees(sessionId, pastedInvitees(req.body), actor, roleOfWord);
      if (!preview.valid) {
        const invalid = preview.rows.filter((row) => row.invitee === null).length;
        const detail =
          preview.rows.length === 0 ? 'The list is empty.' : `${invalid} line(s) are not valid: nobody was invited.`;
        throw new Unprocessable(detail, { preview });
      }
      const invitees = preview.rows.map((row) => row.invitee!);
      const links = await inviteEveryone(sessions, sessionId, invitees, actor);
      res.status(201).json({
        ok: true,
        data: { invitations: links.map((link) => issued(sessionId, link)) } satisfies AnswerData<'invitations'>,
      });
      return;
    }
    const body = InviteBodySchema.parse(req.body);
    const links = await inviteEveryone(sessions, sessionId, 'invitees' in body ? body.invitees : [body], actor);
    if ('invitees' in body) {
      res.status(201).json({
        ok: true,
        data: { invitations: links.map((link) => issued(sessionId, link)) } satisfies AnswerData<'invitations'>,
      });
      return;
    }
    res.status(201).json({ ok: true, data: issued(sessionId, links[0]!) });
  });

  router.patch('/api/sessions/:sessionId/participants/:participantId', async (req, res) => {
    const sessionId = sessionIdOf(req);
    const actor = await requirePreparer(req, auth, sessionId);
    const participantId = IdSchema.parse(req.params.participantId);
    const change = ChangeParticipantBodySchema.parse(req.body);
    const participant = await sessions.changeParticipant(sessionId, participantId, change, actor);
    res.json({ ok: true, data: { participant } });
  });

  router.post('/api/sessions/:sessionId/participants/:participantId/revoke', async (req, res) => {
    const sessionId = sessionIdOf(req);
    const actor = await requirePreparer(req, auth, sessionId);
    const participantId = IdSchema.parse(req.params.participantId);
    await sessions.revoke(sessionId, participantId, actor.id);
    res.json({ ok: true, data: { participantId } });
  });

  router.post('/api/sessions/:sessionId/participants/:participantId/reissue', async (req, res) => {
    const sessionId = sessionIdOf(req);
    const actor = await requirePreparer(req, auth, sessionId);
    const participantId = IdSchema.parse(req.params.participantId);
    const participant = await sessions.participant(sessionId, participantId);
    res
      .status(201)
      .json({ ok: true, data: issued(sessionId, await sessions.reissue(sessionId, participant, actor.id)) });
  });
  return router;
}
