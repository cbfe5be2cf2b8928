import type {
  AgendaItemDefinition,
  AgendaItemStatus,
  CriticismDraft,
  Indicator,
  OrganisationUnit,
  Participant,
  ReviewSessionDefinition,
} from '../protocol/index.js';

/** An indicator as the record holds it: the submitted figures plus the verified value, once known. */
export interface IndicatorState extends Indicator {
  /** Set by an inspector; wins over `reported` when present. */
  verified: number | null;
}

/** A unit's report as last submitted. */
export interface ReportState {
  unitId: string;
  indicators: IndicatorState[];
  note: string | null;
  submittedAt: string;
  submittedBy: string;
  /** 1 for the first submission, +1 for each resubmission. */
  revision: number;
}

/** A slot on a day and where it stands. */
export interface AgendaItemState extends AgendaItemDefinition {
  order: number;
  status: AgendaItemStatus;
  startedAt: string | null;
  floorOpenedAt: string | null;
  closedAt: string | null;
  /** The item this one continues, when it was carried over from an earlier day. */
  carriedFromItemId: string | null;
  /** Where a deferred item went. */
  deferredToItemId: string | null;
}

/** A point raised against a unit, with its endorsements. */
export interface CriticismState extends CriticismDraft {
  id: string;
  unitId: string | null;
  authorId: string;
  postedAt: string;
  /** Participant ids, in the order they endorsed. */
  endorsedBy: string[];
}

/** The whole state of a review session: a fold of its log. */
export interface SessionState {
  sessionId: string;
  /** `seq` of the last event folded in; 0 for an empty log. */
  lastSeq: number;
  /** Null until `session:created` is folded. */
  definition: ReviewSessionDefinition | null;
  units: Record<string, OrganisationUnit>;
  unitOrder: string[];
  participants: Record<string, Participant>;
  agenda: Record<string, AgendaItemState>;
  /** Item ids in day order, then by position within the day. */
  agendaOrder: string[];
  /** The item presenting or with the floor open; null between items. */
  currentItemId: string | null;
  reports: Record<string, ReportState>;
  criticisms: Record<string, CriticismState>;
  /** Criticism ids in the order they were posted. */
  criticismOrder: string[];
}

/** The state before any event: the starting point of every fold. */
export function emptySessionState(sessionId: string): SessionState {
  return {
    sessionId,
    lastSeq: 0,
    definition: null,
    units: {},
    unitOrder: [],
    participants: {},
    agenda: {},
    agendaOrder: [],
    currentItemId: null,
    reports: {},
    criticisms: {},
    criticismOrder: [],
  };
}
