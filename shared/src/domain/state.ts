import type {
  AgendaItemDefinition,
  AgendaItemStatus,
  CriticismDraft,
  CriticismRuling,
  DirectiveRecord,
  EventType,
  InspectionPlanLine,
  Indicator,
  OrganisationUnit,
  Participant,
  ReviewSessionDefinition,
  SessionStatus,
  WarningRecord,
} from '../protocol/index.js';
import { emptyCriticismTable, type CriticismTable } from './criticismTable.js';

/** An indicator as the record holds it: the submitted figures plus the verification, once made. */
export interface IndicatorState extends Indicator {
  /** Set by an inspector; wins over `reported` when present. */
  verified: number | null;
  finding: string | null;
  evidence: string | null;
}

/** One change of a figure: who changed what, when, from what to what. */
export interface FigureChange {
  indicatorId: string;
  field: 'planned' | 'reported' | 'verified';
  from: number | null;
  to: number;
  actorId: string;
  at: string;
  /** A verification's finding and evidence note, kept with each one (`verified` only). */
  finding?: string;
  evidence?: string | null;
}

/** An inspector's verification of a figure, with what they found. */
export type VerificationChange = FigureChange & { field: 'verified'; finding: string; evidence: string | null };

/** A unit's report as last submitted, with the full history of its figures. */
export interface ReportState {
  unitId: string;
  indicators: IndicatorState[];
  note: string | null;
  submittedAt: string;
  submittedBy: string;
  /** 1 for the first submission, +1 for each resubmission. */
  revision: number;
  history: FigureChange[];
}

/** The chair opened a closed item or an adjourned day again: when, who, and why. */
export interface Reopening {
  reason: string;
  at: string;
  actorId: string;
  /** When the item had been closed, or the day adjourned, before this reopening. */
  endedAt: string | null;
}

/** The item's clock: running since an instant, plus what elapsed before a pause. */
export interface ItemTimer {
  runningSince: string | null;
  elapsedMs: number;
  extraMinutes: number;
}

/** A slot on a day and where it stands. */
export interface AgendaItemState extends AgendaItemDefinition {
  order: number;
  status: AgendaItemStatus;
  startedAt: string | null;
  floorOpenedAt: string | null;
  closedAt: string | null;
  timer: ItemTimer;
  /** The item this one continues, when it was carried over from an earlier day. */
  carriedFromItemId: string | null;
  /** Where a deferred item went. */
  deferredToItemId: string | null;
  /** Each time the chair reopened the item after it was closed, oldest first. */
  reopenings: Reopening[];
}

/** A day of the session and where it stands. */
export interface DayState {
  status: 'scheduled' | 'open' | 'adjourned';
  openedAt: string | null;
  adjournedAt: string | null;
  /** Each time the chair reopened the day after it was adjourned, oldest first. */
  reopenings: Reopening[];
}

/** Attendance of one participant on one day: connected (automatic) and the roll call (chair). */
export interface AttendanceState {
  connectedAt: string | null;
  /** The chair's roll call; null until taken. */
  present: boolean | null;
}

/** The chair hid a criticism from the live views: why, when, who, and when it was shown again. */
export interface CriticismHiding {
  reason: string;
  at: string;
  actorId: string;
  /** When the chair showed it again, and who; null while it stays hidden. */
  shown: { at: string; actorId: string } | null;
}

/** A point raised against a unit, with what followed it. */
export interface CriticismState extends CriticismDraft {
  id: string;
  unitId: string | null;
  authorId: string;
  postedAt: string;
  /** Participant ids, in the order they endorsed. */
  endorsedBy: string[];
  response: { text: string; actorId: string; at: string } | null;
  /** `referredTo`: to whom a referred criticism went; null for other rulings and older logs. */
  ruling: { ruling: CriticismRuling; note: string | null; referredTo: string | null; at: string } | null;
  /** Hidden from live views by the chair now; still in the log and the minutes. */
  hidden: { reason: string; at: string } | null;
  /** Each time the chair hid it, and showed it again, oldest first: the minutes' record of it. */
  hidings: CriticismHiding[];
  directiveIds: string[];
}

/** A directive and, when it came from an earlier session, where from. */
export interface DirectiveState extends DirectiveRecord {
  carriedFromSessionId: string | null;
}

/** A warning and, when it came from an earlier session, where from. */
export interface WarningState extends WarningRecord {
  carriedFromSessionId: string | null;
  /**
   * When the second review lifted or escalated it (that event's time): when `decisionNote` was
   * given, as a waiver's `at` is. Null until then: issued here, or carried over still open.
   */
  decidedAt: string | null;
}

/**
 * A decision on a warning that the chair took back in the session, kept for the record: on a
 * proposed warning (issued, waived) or at a carried warning's second review (lifted, escalated);
 * what was decided, when and with what words, and when and why it was taken back.
 */
export interface ReconsideredDecision {
  unitId: string;
  decision: 'issued' | 'waived' | 'lifted' | 'escalated';
  /** The warning the decision was on; null for a waiver. */
  warningId: string | null;
  /** The production fulfilment the warning was issued (or the proposal made) on. */
  fulfilment: number | null;
  /** The warning's note, the waiver's reason, or the second review's note. */
  text: string | null;
  decidedAt: string;
  /** When it was taken back, and why. */
  at: string;
  reason: string;
}

/** An inspection plan the chair adopted: the lines proposed then, and what became of each. */
export interface InspectionPlanState {
  id: string;
  capacity: number;
  lines: InspectionPlanLine[];
  at: string;
  actorId: string;
}

/** The speaker queue and the record of who spoke on what, for how long. */
export interface FloorState {
  queue: { participantId: string; raisedAt: string }[];
  speaker: { participantId: string; itemId: string; since: string } | null;
  speeches: { participantId: string; itemId: string; from: string; to: string }[];
}

/** Where a participant's invitation stands; the token itself lives only as a hash in the store. */
export interface AccessState {
  invitedAt: string;
  /** Set when revoked; a reissue clears it. */
  revokedAt: string | null;
  expiresAt: string | null;
  /** The last time a new link replaced the old one. */
  reissuedAt: string | null;
}

/** A change made to the session's plan after its notice was published, shown to participants. */
export interface Amendment {
  seq: number;
  at: string;
  actorId: string;
  type: EventType;
  dayId: string | null;
  itemId: string | null;
}

/** The whole state of a review session: a fold of its log. */
/** The units' verifications in earlier periods, as carried over from the previous session. */
export interface VerificationRecord {
  /** The first period the records cover. */
  since: string;
  /** By unit, the latest period any of its figures was verified in; null: not since `since`. */
  lastVerified: Record<string, string | null>;
}

/** The later review a session was followed up in, and what it carried there. */
export interface FollowUp {
  sessionId: string;
  title: string;
  period: string;
  /** The directives and warnings carried over: followed in that session from then on. */
  directiveIds: string[];
  warningIds: string[];
  at: string;
}

export interface SessionState {
  sessionId: string;
  /** `seq` of the last event folded in; 0 for an empty log. */
  lastSeq: number;
  /** Null until `session:created` is folded. */
  definition: ReviewSessionDefinition | null;
  status: SessionStatus;
  noticeDate: string | null;
  /** When the notice was published; a report revised after it may be flagged. */
  noticedAt: string | null;
  closedAt: string | null;
  days: Record<string, DayState>;
  /** By day, then participant. */
  attendance: Record<string, Record<string, AttendanceState>>;
  units: Record<string, OrganisationUnit>;
  unitOrder: string[];
  /** Units retired from the register (in the organisation's log), with when. */
  retiredUnits: Record<string, string>;
  participants: Record<string, Participant>;
  /** Participant ids in the order invited: attendance entries name a participant by their place here. */
  participantOrder: string[];
  /** By participant: the invitation's revocation, expiry and reissues. */
  access: Record<string, AccessState>;
  /** Changes after the notice, oldest first. */
  amendments: Amendment[];
  agenda: Record<string, AgendaItemState>;
  /** Item ids in day order, then by position within the day. */
  agendaOrder: string[];
  /** The item presenting or with the floor open; null between items. */
  currentItemId: string | null;
  floor: FloorState;
  reports: Record<string, ReportState>;
  /** Read through `criticismOf`, `criticismsInOrder` and the other functions of `criticismTable.ts`. */
  criticisms: CriticismTable;
  directives: Record<string, DirectiveState>;
  directiveOrder: string[];
  warnings: Record<string, WarningState>;
  warningOrder: string[];
  /** Cascade: the higher level's open warnings about this level's units, in the order they came down. */
  cascadedWarnings: WarningState[];
  /** Proposed warnings the chair waived, by unit. */
  waivers: Record<string, { reason: string; fulfilment: number | null; at: string }>;
  /** Decisions on proposed warnings taken back in the session, oldest first. */
  reconsidered: ReconsideredDecision[];
  /** Inspection plans adopted, oldest first. */
  inspectionPlans: InspectionPlanState[];
  /** What the earlier periods knew of the units' verifications; null: nothing carried over. */
  verificationRecord: VerificationRecord | null;
  /** The next period's review convened from this one; null: not followed up (or its convening failed). */
  followedUpBy: FollowUp | null;
}

/** The state before any event: the starting point of every fold. */
export function emptySessionState(sessionId: string): SessionState {
  return {
    sessionId,
    lastSeq: 0,
    definition: null,
    status: 'draft',
    noticeDate: null,
    noticedAt: null,
    closedAt: null,
    days: {},
    attendance: {},
    units: {},
    unitOrder: [],
    retiredUnits: {},
    participants: {},
    participantOrder: [],
    access: {},
    amendments: [],
    agenda: {},
    agendaOrder: [],
    currentItemId: null,
    floor: { queue: [], speaker: null, speeches: [] },
    reports: {},
    criticisms: emptyCriticismTable(),
    directives: {},
    directiveOrder: [],
    warnings: {},
    warningOrder: [],
    cascadedWarnings: [],
    waivers: {},
    reconsidered: [],
    inspectionPlans: [],
    verificationRecord: null,
    followedUpBy: null,
  };
}

/** The later review a directive of this session was carried into, where it is followed now; null: still here. */
export function directiveHandedOnTo(state: SessionState, directiveId: string): FollowUp | null {
  const followUp = state.followedUpBy;
  return followUp?.directiveIds.includes(directiveId) ? followUp : null;
}

/** The later review a warning of this session was carried into, for its second review; null: still here. */
export function warningHandedOnTo(state: SessionState, warningId: string): FollowUp | null {
  const followUp = state.followedUpBy;
  return followUp?.warningIds.includes(warningId) ? followUp : null;
}
