import { z } from 'zod';
import { IssueSchema } from './ack.js';
import { notificationLanguages } from './notifications.js';
import {
  IdSchema,
  IndicatorSchema,
  InstantSchema,
  NameSchema,
  OrganisationUnitSchema,
  ParticipantSchema,
  PeriodSchema,
  ReportSubmissionSchema,
  ReviewSessionDefinitionSchema,
  SessionStatus,
  sessionRoles,
  ThresholdsSchema,
  schemaMessages,
} from './schemas/index.js';

/**
 * The REST API of preparing a review (administrators, and chairs for their own session's
 * invitations), defined once: the server parses bodies with these schemas, the client reads
 * answers with their types. Every answer is `{ ok: true, data }` or `{ ok: false, error }` as on
 * the socket; `Authorization: Bearer <token>` carries an administrator's or a chair's token.
 */

/** `GET /api/admin/me`: who the administrator token signs in. */
export const AdminIdentitySchema = z.object({
  administrator: ParticipantSchema,
  /** The organisation whose register and sessions this administrator keeps. */
  organisationId: IdSchema,
});
export type AdminIdentity = z.infer<typeof AdminIdentitySchema>;

/** `POST /api/admin/administrators`: invite another administrator; answers the link once. */
export const InviteAdministratorBodySchema = z.object({
  name: NameSchema,
  /** Where the administrator link is e-mailed (when the server sends mail); kept with the invitation, never in the log. */
  email: z.email().max(254).nullable().default(null),
  /** The language of that e-mail. Default `en`. */
  language: z.enum(notificationLanguages).optional(),
});

/** One administrator as `GET /api/admin/administrators` lists them. */
export const AdministratorSummarySchema = z.object({
  administrator: ParticipantSchema,
  invitedAt: InstantSchema,
  revokedAt: InstantSchema.nullable(),
});
export type AdministratorSummary = z.infer<typeof AdministratorSummarySchema>;

/**
 * What is wrong with one cell of an imported or pasted row, typed so that a screen says it in its
 * own language; `message` says it in English for API callers.
 */
export const RowProblemSchema = z.object({
  column: z.string(),
  message: z.string(),
  problem: z
    .enum([
      /** The cell is empty but required. */
      'required',
      /** Not one of `options`. */
      'invalid-option',
      /** Longer than allowed. */
      'too-long',
      /** Not in the expected form (an id, an e-mail, a date…). */
      'invalid-format',
      /** The parent is neither registered nor earlier in the file. */
      'unknown-parent',
      /** The parent unit is retired. */
      'retired-parent',
      /** The unit would be placed under itself or one of its own units. */
      'cycle',
      /** The id is already on an earlier line. */
      'duplicate-id',
      /** No such unit in the session. */
      'unknown-unit',
      /** The role needs a unit (a presenter), or does not take one. */
      'unit-mismatch',
      /** Only an administrator may appoint a chair. */
      'chair-by-administrator',
      /** A presenter's file names a unit other than their own. */
      'not-your-unit',
      /** Anything else: `message` says what. */
      'invalid',
    ])
    .default('invalid'),
  /** The allowed values, for `invalid-option`. */
  options: z.array(z.string()).optional(),
  /**
   * A pasted invitee (`invalid`) who is the same person (the same e-mail, or the same name, role
   * and unit; `column` says which) as the one on this earlier line of the list…
   */
  earlierLine: z.number().int().min(1).optional(),
  /** …or as this participant, invited already and not revoked. */
  participant: ParticipantSchema.optional(),
});
export type RowProblem = z.infer<typeof RowProblemSchema>;

/**
 * Why an imported file is refused as a whole, before any row is checked, typed so that a screen
 * says it in its own language: the refusal (`INVALID_PAYLOAD`, 400) carries {@link FileRefusalSchema}
 * as its `preview`, and its `detail` says it in English for API callers.
 */
export const FileProblemSchema = z.discriminatedUnion('problem', [
  /** Sent as XLSX, but not a workbook the server reads (an old `.xls`, or another file renamed). */
  z.object({ problem: z.literal('unreadable-workbook') }),
  /** Sent as CSV, but not readable as delimited text. */
  z.object({ problem: z.literal('unreadable-csv') }),
  /** Nothing below the header row. */
  z.object({ problem: z.literal('no-rows') }),
  /**
   * The header row lacks columns the import needs (named otherwise, or no header at all): the
   * file's headers that are not recognised, and the columns expected.
   */
  z.object({
    problem: z.literal('unrecognised-columns'),
    unrecognised: z.array(z.string()),
    expected: z.array(z.string()),
  }),
]);
export type FileProblem = z.infer<typeof FileProblemSchema>;
/** The `preview` of a file refused as a whole: why, as {@link FileProblemSchema}. */
export const FileRefusalSchema = z.object({ file: FileProblemSchema });
export type FileRefusal = z.infer<typeof FileRefusalSchema>;

/** A unit of the register with its standing: retired units keep their history. */
export const RegisteredUnitSchema = z.object({ unit: OrganisationUnitSchema, retiredAt: InstantSchema.nullable() });
export type RegisteredUnit = z.infer<typeof RegisteredUnitSchema>;

/**
 * One row of an imported file (CSV or XLSX, header row `id,name,kind,parentId,ownership,sector,
 * class,region`) as the preview shows it: the unit it makes, or what is wrong, column by column.
 */
export const ImportRowSchema = z.object({
  /** 1-based line of the file, the header being line 1. */
  line: z.number().int().min(1),
  unit: OrganisationUnitSchema.nullable(),
  /** What the row does to the register once applied. */
  effect: z.enum(['add', 'update', 'unchanged']).nullable(),
  errors: z.array(RowProblemSchema),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;

/**
 * `POST /api/organisations/:id/units/preview` answers this for a file; `POST …/units` applies the
 * same file only when `valid`, else refuses with `INVALID_PAYLOAD` and this preview as `data`.
 */
export const ImportPreviewSchema = z.object({
  valid: z.boolean(),
  rows: z.array(ImportRowSchema),
  counts: z.object({
    add: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    invalid: z.number().int(),
  }),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

/** One row of an imported results file: the unit and indicator it names, or what is wrong, column by column. */
export const ReportImportRowSchema = z.object({
  /** 1-based line of the file, the header being line 1. */
  line: z.number().int().min(1),
  unitId: IdSchema.nullable(),
  indicatorId: IdSchema.nullable(),
  errors: z.array(RowProblemSchema),
});
export type ReportImportRow = z.infer<typeof ReportImportRowSchema>;

/**
 * `POST /api/sessions/:id/reports/preview` answers this for a results file (CSV or XLSX, the
 * columns of `results.csv`): each row checked, and the rows grouped into one report per unit.
 * `POST /api/sessions/:id/reports` submits those reports only when `valid`, else refuses with
 * `INVALID_PAYLOAD` and this preview as `data`.
 */
export const ReportImportPreviewSchema = z.object({
  valid: z.boolean(),
  rows: z.array(ReportImportRowSchema),
  reports: z.array(ReportSubmissionSchema),
});
export type ReportImportPreview = z.infer<typeof ReportImportPreviewSchema>;

/**
 * `GET /api/sessions/:id/units/:unitId/previous-report` answers this, or null: the unit's report
 * in the period the session follows up, each indicator as last submitted there with its verified
 * value (the findings and evidence stay with the inspection's record).
 */
export const PreviousReportSchema = z.object({
  sessionId: IdSchema,
  period: PeriodSchema,
  indicators: z.array(IndicatorSchema.extend({ verified: z.number().nullable() })),
});
export type PreviousReport = z.infer<typeof PreviousReportSchema>;
export type PreviousIndicator = PreviousReport['indicators'][number];

/** One review session as `GET /api/sessions` lists them for an administrator. */
export const SessionSummarySchema = z.object({
  sessionId: IdSchema,
  title: NameSchema,
  period: PeriodSchema,
  organisation: NameSchema,
  status: z.enum(SessionStatus),
  firstDay: z.string(),
  lastDay: z.string(),
  /** Agenda items, a deferred one and its continuation on a later day counted once. */
  items: z.number().int(),
  participants: z.number().int(),
  previousSessionId: IdSchema.nullable(),
  /** The session's call, proposed again when the next period's review is convened from it. */
  conferenceLink: z.string().nullable().optional(),
  /** The unit that convened it; its levels below may follow it up once it is closed. */
  organiserUnitId: IdSchema.nullable().optional(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

/**
 * `POST /api/sessions`: convene a review session as a draft. With `session.previousSessionId`
 * and `proposeAgenda`, the agenda is proposed from that session: the opening item first, the
 * second-review items of its open warnings, then every unit that presented there, on the day of
 * the same number (the last day when there are fewer). Units come from `units`, else the
 * organisation's register (retired units left out), else the previous session's.
 */
export const ConveneBodySchema = z.object({
  // A cascade is convened only by its own step (`CascadeBodySchema`), which brings its directives down.
  session: ReviewSessionDefinitionSchema.omit({ createdAt: true, cascadeFromSessionId: true }),
  units: z.array(OrganisationUnitSchema).max(2000).default([]),
  organisationId: IdSchema.nullable().default(null),
  chairName: NameSchema,
  chairEmail: z.email().max(254).nullable().default(null),
  proposeAgenda: z.boolean().default(true),
  /**
   * With `session.previousSessionId`: invite that session's participants again (not its chair,
   * nor anyone revoked), each with a new link, e-mailed as any invitation is; someone whose unit
   * is not among the new session's (retired since) is left out. Default `false`.
   */
  inviteParticipants: z.boolean().default(false),
  /** The language of the agenda items the server words (the opening, the second reviews, the reports). Default `en`. */
  language: z.enum(notificationLanguages).default('en'),
});
export type ConveneBody = z.input<typeof ConveneBodySchema>;

/**
 * `POST /api/v1/sessions/:id/cascades`: a level (a province, a ministry, a city, a county) of a
 * closed review convenes its own follow-up for the units below it, as a draft. The review's open
 * directives and warnings about those units come down as its agenda; the period is the review's;
 * the threshold, the days and the chair are the level's own. A level follows a review up once:
 * the same request again is refused (409) with the follow-up it made.
 */
export const CascadeBodySchema = z.object({
  unitId: IdSchema,
  title: NameSchema,
  days: ReviewSessionDefinitionSchema.shape.days,
  thresholds: ThresholdsSchema,
  conferenceLink: ReviewSessionDefinitionSchema.shape.conferenceLink.default(null),
  chairName: NameSchema,
  chairEmail: z.email().max(254).nullable().default(null),
  /** The language of the agenda items the server words. Default `en`. */
  language: z.enum(notificationLanguages).default('en'),
});
export type CascadeBody = z.input<typeof CascadeBodySchema>;

/**
 * Someone to invite to a session; `role: 'chair'` only by an administrator. The e-mail is kept
 * with the invitation in the store (for the notice and its calendar file), never in the log that
 * every participant reads.
 */
export const InviteeSchema = z.object({
  name: NameSchema,
  role: z.enum(sessionRoles),
  unitId: IdSchema.nullable().default(null),
  email: z.email().max(254).nullable().default(null),
  /** The language of the invitation e-mail and later notices; the invitee may change it. Default `en`. */
  language: z.enum(notificationLanguages).optional(),
});
export type Invitee = z.infer<typeof InviteeSchema>;

/**
 * `POST /api/sessions/:id/invitations`: one invitee, a list `{ invitees }`, or a pasted list /
 * CSV as `text/csv` or `text/plain` (columns `name, role, unit, email`; the unit by id or name,
 * the e-mail optional; comma, tab or semicolon separated). A list is all or nothing.
 */
export const InviteBodySchema = z.union([
  InviteeSchema,
  z.object({ invitees: z.array(InviteeSchema).min(1).max(2000) }),
]);

/** A pasted line's cells as they were read (trimmed, null when empty): a refused line shows how it was split. */
export const InviteeCellsSchema = z.object({
  name: z.string().nullable(),
  role: z.string().nullable(),
  unit: z.string().nullable(),
  email: z.string().nullable(),
});

/** One line of a pasted list as `POST /api/sessions/:id/invitations/preview` reads it. */
export const InviteeRowSchema = z.object({
  line: z.number().int().min(1),
  cells: InviteeCellsSchema,
  invitee: InviteeSchema.nullable(),
  errors: z.array(RowProblemSchema),
});
export const InviteePreviewSchema = z.object({ valid: z.boolean(), rows: z.array(InviteeRowSchema) });
export type InviteePreview = z.infer<typeof InviteePreviewSchema>;

/** An issued link: shown once, never stored. */
export const IssuedLinkSchema = z.object({ participant: ParticipantSchema, link: z.url() });

/** Why one of the previous session's participants was not invited again. */
export const NotInvitedAgainReason = {
  /** Their unit is not among the new session's units: retired since. */
  unitRetired: 'unit-retired',
  /** The same person is invited already (the chair named when convening, say). */
  invitedAlready: 'invited-already',
} as const;
export type NotInvitedAgainReason = (typeof NotInvitedAgainReason)[keyof typeof NotInvitedAgainReason];

/** The previous session's participants as convening invited them again (`inviteParticipants`). */
export const InvitedAgainSchema = z.object({
  /** Invited again, each with a new link (answered to no one: e-mailed, or reissued when preparing). */
  invited: z.array(ParticipantSchema),
  /** Left out, each with why. */
  skipped: z.array(z.object({ participant: ParticipantSchema, reason: z.enum(NotInvitedAgainReason) })),
});
export type InvitedAgain = z.infer<typeof InvitedAgainSchema>;
export type IssuedLink = z.infer<typeof IssuedLinkSchema>;

/**
 * `PATCH /api/sessions/:id/participants/:participantId`: change the role, unit, name, e-mail or
 * expiry (each a logged event, effective at once on connected screens).
 * `POST …/:participantId/revoke` ends the link; `POST …/:participantId/reissue` answers a new one.
 */
export const ChangeParticipantBodySchema = z
  .object({
    name: NameSchema.optional(),
    role: z.enum(sessionRoles).optional(),
    unitId: IdSchema.nullable().optional(),
    email: z.email().max(254).nullable().optional(),
    expiresAt: InstantSchema.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, schemaMessages.fieldToChange);
export type ChangeParticipantBody = z.input<typeof ChangeParticipantBodySchema>;

/** Where a participant's invitation stands (`state.access`); the token itself is never shown again. */
export const AccessSchema = z.object({
  invitedAt: InstantSchema,
  revokedAt: InstantSchema.nullable(),
  expiresAt: InstantSchema.nullable(),
  reissuedAt: InstantSchema.nullable(),
});

/**
 * One participant as `GET /api/sessions/:id/invitations` lists them (`{ participants }`): their
 * invitation's standing, whether they ever connected (on any day), and the e-mail kept with it.
 */
export const SessionParticipantSchema = z.object({
  participant: ParticipantSchema,
  access: AccessSchema,
  joined: z.boolean(),
  email: z.string().nullable(),
});
export type SessionParticipant = z.infer<typeof SessionParticipantSchema>;

/**
 * The `data` of each answer above, where it is not one schema already: lists come wrapped in an
 * object named after what they hold; a list of invitees answers `{ invitations }`, one invitee
 * its IssuedLink.
 */
export const AnswerSchemas = {
  administrators: z.object({ administrators: z.array(AdministratorSummarySchema) }),
  administratorInvited: z.object({ administrator: ParticipantSchema, link: z.url() }),
  units: z.object({ units: z.array(RegisteredUnitSchema) }),
  unitSaved: z.object({ unit: OrganisationUnitSchema, effect: z.enum(['add', 'update', 'unchanged']) }),
  sessions: z.object({ sessions: z.array(SessionSummarySchema) }),
  convened: z.object({
    sessionId: IdSchema,
    chair: IssuedLinkSchema,
    /** Present when the body asked `inviteParticipants` of a previous session. */
    invitedAgain: InvitedAgainSchema.optional(),
  }),
  /** Explanations just relayed into the higher reviews' records (none when all were there already). */
  relayed: z.object({ relayed: z.array(z.object({ directiveId: IdSchema, toSessionId: IdSchema })) }),
  participants: z.object({ participants: z.array(SessionParticipantSchema) }),
  invitations: z.object({ invitations: z.array(IssuedLinkSchema) }),
} as const;
/** The `data` of the answer named `K` in {@link AnswerSchemas}. */
export type AnswerData<K extends keyof typeof AnswerSchemas> = z.infer<(typeof AnswerSchemas)[K]>;

/** The failure half of a REST answer, with the field-level issues when the body was refused. */
export const ApiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(IssueSchema).optional(),
});
