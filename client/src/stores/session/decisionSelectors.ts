import {
  actsForUnit,
  actsOnDirective,
  closeSessionBlocker,
  countsInAttendance,
  directivePersonName,
  directiveUnitId,
  hasArrived,
  directiveHandedOnTo,
  hasLeftLevel,
  isDirectiveOpen,
  pendingRelays,
  isOverdue,
  proposedWarnings,
  unitStandings,
  warningProposals,
  type AgendaItemState,
  type CloseSessionBlocker,
  type DirectiveState,
  type LiftedProposal,
  type Participant,
  type ProposedWarning,
  type SessionState,
  type WarningState,
} from '@plenum/shared';

/** A warning carried from the previous period, with its second-review item and the unit's figure now. */
export interface SecondReview {
  warning: WarningState;
  /** The agenda item that reviews it, if the agenda has one. */
  item: AgendaItemState | null;
  /** The unit's production fulfilment in this period; null without a production figure. */
  productionNow: number | null;
}

/** A directive on the tracker, with whether it is late. */
export interface TrackedDirective {
  directive: DirectiveState;
  isOverdue: boolean;
}

/** One participant's attendance on one day. */
export interface AttendanceRow {
  participant: Participant;
  connectedAt: string | null;
  present: boolean | null;
}

/** Pure reads of warnings, directives, attendance and closing; fresh values, so use them in `useMemo`. */
export const decisionSelectors = {
  /** Warnings the figures call for and the chair has not decided (shared rule). */
  proposedWarnings: (state: SessionState): ProposedWarning[] => proposedWarnings(state),

  /** The proposed warnings and the units a revision of their report took off them, from one ranking (shared rule). */
  warningProposals: (state: SessionState): { proposed: ProposedWarning[]; lifted: LiftedProposal[] } =>
    warningProposals(state),

  /** Decisions on proposed warnings the chair took back, oldest first. */
  reconsidered: (state: SessionState) => state.reconsidered,

  /** Warnings issued in this session, in order. */
  issuedWarnings: (state: SessionState): WarningState[] =>
    state.warningOrder.flatMap((id) => {
      const warning = state.warnings[id];
      return warning && warning.carriedFromSessionId === null ? [warning] : [];
    }),

  /** Warnings waived in this session, by unit. */
  waivers: (state: SessionState) => Object.entries(state.waivers).map(([unitId, waiver]) => ({ unitId, ...waiver })),

  /** Warnings carried from the previous period, each with its second-review item and today's figure. */
  secondReviews: (state: SessionState): SecondReview[] => {
    const standings = new Map(unitStandings(state).map((s) => [s.unit.id, s]));
    return state.warningOrder.flatMap((id) => {
      const warning = state.warnings[id];
      if (!warning || warning.carriedFromSessionId === null) return [];
      const item = state.agendaOrder.map((i) => state.agenda[i]!).find((i) => i.warningId === warning.id) ?? null;
      return [{ warning, item, productionNow: standings.get(warning.unitId)?.production ?? null }];
    });
  },

  /** Every warning the session knows, carried ones first, then those issued here. */
  allWarnings: (state: SessionState): WarningState[] =>
    state.warningOrder.flatMap((id) => (state.warnings[id] ? [state.warnings[id]] : [])),

  /** Why the session cannot be closed now, or null. */
  closeSessionBlocker: (state: SessionState): CloseSessionBlocker | null => closeSessionBlocker(state),

  /** Every directive with whether it is overdue on `today` (YYYY-MM-DD): overdue first, then by due date. */
  directiveTracker: (state: SessionState, today: string): TrackedDirective[] =>
    state.directiveOrder
      .flatMap((id) => (state.directives[id] ? [state.directives[id]] : []))
      .map((directive) => ({ directive, isOverdue: isOverdue(directive, today) }))
      .sort(
        (a, b) =>
          Number(b.isOverdue) - Number(a.isOverdue) ||
          Number(isDirectiveOpen(b.directive)) - Number(isDirectiveOpen(a.directive)) ||
          a.directive.dueDate.localeCompare(b.directive.dueDate),
      ),

  /**
   * The open inspection orders `you` carry out (assigned to you, or to the inspection office you
   * belong to), with whether each is overdue on `today`: overdue first, then by due date.
   */
  inspectionOrders: (state: SessionState, you: Participant, today: string): TrackedDirective[] =>
    you.role === 'chair'
      ? []
      : decisionSelectors
          .directiveTracker(state, today)
          .filter(
            ({ directive }) =>
              directive.kind === 'inspection' && isDirectiveOpen(directive) && actsOnDirective(you, directive),
          ),

  /** Who a directive is assigned to: the inspector an inspection order names, else its unit. */
  assigneeName: (state: SessionState, directive: DirectiveState): string =>
    directive.inspectorId
      ? directivePersonName(state, directive, directive.inspectorId)
      : (state.units[directive.assigneeUnitId]?.name ?? directive.assigneeUnitId),

  /** The unit a directive is about (the inspected unit of an inspection order), when it is not its assignee. */
  inspectedUnitId: (directive: DirectiveState): string | null =>
    directive.inspectorId || directiveUnitId(directive) !== directive.assigneeUnitId
      ? directiveUnitId(directive)
      : null,

  /** Directives a unit owes, holds (passing through it on the way up) or is inspected by. */
  directivesOfUnit: (state: SessionState, unitId: string): DirectiveState[] =>
    state.directiveOrder.flatMap((id) => {
      const directive = state.directives[id];
      return directive &&
        [directive.assigneeUnitId, directive.holderUnitId, directiveUnitId(directive)].includes(unitId)
        ? [directive]
        : [];
    }),

  /** Warnings of one unit, in order. */
  warningsOfUnit: (state: SessionState, unitId: string): WarningState[] =>
    state.warningOrder.flatMap((id) => {
      const warning = state.warnings[id];
      return warning?.unitId === unitId ? [warning] : [];
    }),

  /** What `you` may do with a directive now: the server's rules, so buttons match its answers. */
  directiveActions: (state: SessionState, directive: DirectiveState, you: Participant) => {
    const forAssignee = actsOnDirective(you, directive);
    const arrived = hasArrived(state, directive);
    // Gone up to the higher review's record (a cascade): followed there, not here.
    const isHere = !hasLeftLevel(state, directive);
    // Carried into the next period's review: that session takes every step on it.
    if (directiveHandedOnTo(state, directive.id)) {
      return { canAcknowledge: false, canAnswer: false, canForward: false, canReview: false, canClose: false };
    }
    return {
      canAcknowledge: forAssignee && directive.status === 'open',
      canAnswer: forAssignee && ['open', 'acknowledged', 'rejected'].includes(directive.status),
      canForward:
        directive.kind === 'explain-failure' &&
        directive.status === 'answered' &&
        !arrived &&
        isHere &&
        actsForUnit(you, directive.holderUnitId) &&
        (state.units[directive.holderUnitId]?.parentId ?? null) !== null,
      canReview: you.role === 'chair' && directive.status === 'answered' && arrived && isHere,
      canClose: you.role === 'chair' && directive.status !== 'closed',
    };
  },

  /**
   * Where a directive that came down in a cascade stands towards the higher review's record:
   * `pending` once its explanation left this level until the relay is recorded, then `delivered`;
   * null while it is still followed here, and for directives of this session's own.
   */
  relayOf: (state: SessionState, directive: DirectiveState): 'pending' | 'delivered' | null => {
    if (!hasLeftLevel(state, directive)) return null;
    return pendingRelays(state).some((relay) => relay.directiveId === directive.id) ? 'pending' : 'delivered';
  },

  /** The last answer filed on a directive, if any. */
  lastAnswer: (directive: DirectiveState): string | null =>
    [...directive.steps].reverse().find((step) => step.action === 'answered')?.text ?? null,

  /** Attendance of a day: everyone it counts (`countsInAttendance`), with connection and roll call. */
  attendanceOfDay: (state: SessionState, dayId: string): AttendanceRow[] => {
    const day = state.attendance[dayId] ?? {};
    return Object.values(state.participants)
      .filter(countsInAttendance)
      .map((participant) => ({
        participant,
        connectedAt: day[participant.id]?.connectedAt ?? null,
        present: day[participant.id]?.present ?? null,
      }));
  },
};
