import { z } from 'zod';
import { IssueSchema } from './ack.js';
import { errorCodes } from './errors.js';
import { SessionSummarySchema } from './http.js';
import {
  AgendaItemDefinitionSchema,
  AgendaItemStatus,
  IdSchema,
  InstantSchema,
  NameSchema,
  TextSchema,
} from './schemas/index.js';

/**
 * The public REST API, version 1 (`/api/v1/...`), for the organisation's other systems: its
 * schemas beside those of `http.ts`, from which the OpenAPI document is generated. Answers are
 * the resource itself (no `{ ok, data }` envelope); every refusal is an RFC 9457 problem.
 */

/** What an API token may do; an administrator grants a token exactly the scopes it needs. */
export const ApiScope = {
  /** Read the register, the sessions, their agenda and participants. */
  readSessions: 'read:sessions',
  /** Read reports, verifications, criticisms, directives and warnings as the administrator sees them. */
  readRecords: 'read:records',
  /** Add, change and retire units of the register. */
  writeRegister: 'write:register',
  /** Convene review sessions. */
  writeSessions: 'write:sessions',
  /** Invite participants and revoke their links. */
  writeInvitations: 'write:invitations',
  /** Submit a unit's plan and results. */
  writeReports: 'write:reports',
  /** Answer directives on the assignee's behalf. */
  writeDirectives: 'write:directives',
} as const;
export type ApiScope = (typeof ApiScope)[keyof typeof ApiScope];
/** Every scope, in the order the admin console offers them. */
export const apiScopes = Object.values(ApiScope) as [ApiScope, ...ApiScope[]];

/**
 * An RFC 9457 problem (`application/problem+json`): every refusal of `/api`. `code` is the
 * protocol's {@link errorCodes}; `issues` names the fields to change; `preview` is the checked
 * file of an import refused as a whole.
 */
export const ProblemSchema = z.object({
  /** `urn:plenum:problem:<code>`, one per error code. */
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string(),
  /** The path of the refused request. */
  instance: z.string(),
  code: z.enum(errorCodes),
  issues: z.array(IssueSchema).optional(),
  preview: z.unknown().optional(),
  /** Why an archive was refused (`tampered`, `partial`, `invalid`, …). */
  reason: z.string().optional(),
  seq: z.number().int().optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** The media type of a problem. */
export const problemMediaType = 'application/problem+json';

/** `POST /api/v1/admin/tokens`: an administrator creates a token; it is answered once. */
export const CreateApiTokenBodySchema = z.object({
  name: NameSchema,
  scopes: z.array(z.enum(apiScopes)).min(1).max(apiScopes.length),
  /** When it stops working; null: until revoked. */
  expiresAt: InstantSchema.nullable(),
});
export type CreateApiTokenBody = z.infer<typeof CreateApiTokenBodySchema>;

/** An API token as the admin console lists it: never the token itself. */
export const ApiTokenSummarySchema = z.object({
  id: IdSchema,
  name: NameSchema,
  scopes: z.array(z.enum(apiScopes)),
  createdAt: InstantSchema,
  expiresAt: InstantSchema.nullable(),
  revokedAt: InstantSchema.nullable(),
  lastUsedAt: InstantSchema.nullable(),
  useCount: z.number().int().min(0),
});
export type ApiTokenSummary = z.infer<typeof ApiTokenSummarySchema>;

/** The answer to creating a token: the only time the token is shown. */
export const CreatedApiTokenSchema = z.object({ apiToken: ApiTokenSummarySchema, token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;

/** `GET /api/v1/admin/tokens`. */
export const ApiTokenListSchema = z.object({ apiTokens: z.array(ApiTokenSummarySchema) });

/** `GET /api/v1/organisation`: the organisation the bearer acts in. */
export const ApiOrganisationSchema = z.object({ organisationId: IdSchema });

/**
 * An agenda item with where it stands. Its topic is in the language asked for (`lang`) when the
 * system wrote it, as typed otherwise.
 */
export const ApiAgendaItemSchema = AgendaItemDefinitionSchema.omit({ generatedTopic: true }).extend({
  status: z.enum(AgendaItemStatus),
  startedAt: InstantSchema.nullable(),
  closedAt: InstantSchema.nullable(),
});
/** `GET /api/v1/sessions/{sessionId}/agenda`: the items in agenda order. */
export const ApiAgendaSchema = z.object({ items: z.array(ApiAgendaItemSchema) });

/**
 * One review session where a unit still has business: its agenda items not yet heard (pending or
 * on the floor; none once the session is closed), the open directives assigned to it or about it
 * that the session holds, and the open warnings to it (neither lifted nor escalated) that it holds.
 */
export const UnitCommitmentSchema = SessionSummarySchema.pick({
  sessionId: true,
  title: true,
  period: true,
  status: true,
}).extend({
  items: z.number().int().min(0),
  directives: z.number().int().min(0),
  warnings: z.number().int().min(0),
});
export type UnitCommitment = z.infer<typeof UnitCommitmentSchema>;

/**
 * `GET /api/v1/organisations/{organisationId}/units/{unitId}/commitments`: what the unit still
 * has open, oldest session first; empty when nothing. Read before retiring it, which leaves them
 * all as they stand.
 */
export const UnitCommitmentsSchema = z.object({ sessions: z.array(UnitCommitmentSchema) });
export type UnitCommitments = z.infer<typeof UnitCommitmentsSchema>;

/**
 * A record as JSON: the same rows as its CSV download, filtered by the reader's role, with the
 * column headers in `?lang`. Each row maps a column key to its value: dates as `YYYY-MM-DD`,
 * moments as ISO instants, shares as ratios.
 */
export const ApiRecordSchema = z.object({
  title: z.string(),
  columns: z.array(
    z.object({
      key: z.string(),
      header: z.string(),
      kind: z.enum(['text', 'number', 'share', 'boolean', 'date', 'instant']),
    }),
  ),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
export type ApiRecord = z.infer<typeof ApiRecordSchema>;

/** `POST /api/v1/sessions/{sessionId}/directives/{directiveId}/answer`: the assignee's explanation. */
export const DirectiveAnswerBodySchema = z.object({ text: TextSchema });

/** What a write through the command pipeline answers: the sequence number of its last event. */
export const ApiCommandResultSchema = z.object({ seq: z.number().int().min(0) });
