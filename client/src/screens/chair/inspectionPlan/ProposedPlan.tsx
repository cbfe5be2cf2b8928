import {
  addDays,
  canIssue,
  inspectionCapacityLimit,
  Limits,
  planChoiceProblem,
  proposeInspectionPlan,
  type ProposedInspection,
  type SessionState,
} from '@plenum/shared';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../../components/ErrorNote';
import { Panel } from '../../../components/Panel';
import { tooLongProblem } from '../../../components/textLength';
import { todayIsoDate } from '../../../lib/format';
import { useFormat } from '../../../lib/useFormat';
import { useCommand } from '../../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../../stores/connection';
import { useSessionState, useSessionStore } from '../../../stores/session';
import { choicesOf, type LineChoice, type PlanAssignee } from './lineChoice';
import { PlanLine } from './PlanLine';
import { reasonText } from './reasonText';

/** How many inspections the plan starts with, before the chair sets the office's capacity. */
const defaultCapacity = 3;
/** Days from today an inspection order is due by default. */
const defaultDueInDays = 14;

const proposalOf = (state: SessionState, capacity: number) => proposeInspectionPlan(state, { capacity });

/** Who may carry out an order: the session's inspectors first, then any unit as an inspection office. */
function useAssignees(): { value: PlanAssignee; label: string }[] {
  const { t } = useTranslation();
  const participants = useSessionStore((s) => s.session.participants);
  const units = useSessionStore((s) => s.session.units);
  const unitOrder = useSessionStore((s) => s.session.unitOrder);
  return useMemo(
    () => [
      ...Object.values(participants)
        .filter((p) => p.role === 'inspector')
        .map((p) => ({ value: `inspector:${p.id}` as PlanAssignee, label: p.name })),
      ...unitOrder.flatMap((id) => {
        const unit = units[id];
        return unit
          ? [{ value: `office:${id}` as PlanAssignee, label: t('directive.form.office', { unit: unit.name }) }]
          : [];
      }),
    ],
    [participants, units, unitOrder, t],
  );
}

/** The choice a line starts with: accepted within capacity, an order to the first inspector, the reasons as its note. */
function useDefaultChoice(assignee: PlanAssignee | null) {
  const { t } = useTranslation();
  const format = useFormat();
  const units = useSessionStore((s) => s.session.units);
  const reports = useSessionStore((s) => s.session.reports);
  return (line: ProposedInspection): LineChoice => {
    const unit = units[line.unitId]?.name ?? line.unitId;
    const reasons = line.reasons.map((r) => {
      const { label, detail } = reasonText(t, r, reports[line.unitId], format);
      return detail ? `${label}: ${detail}` : label;
    });
    return {
      isAccepted: line.isWithinCapacity,
      title: t('inspectionPlan.defaultTitle', { unit }),
      assignee,
      dueDate: addDays(todayIsoDate(), defaultDueInDays),
      note: reasons.join('\n'),
    };
  };
}

/**
 * The proposed inspection plan: units ranked by risk with their reasons, the office's capacity
 * as the chair sets it, and each line accepted (and edited) or dropped; adopting the plan
 * issues the accepted lines as inspection orders.
 */
export function ProposedPlan() {
  const { t } = useTranslation();
  const capacityId = useId();
  const noneAcceptedId = useId();
  const [capacity, setCapacity] = useState(defaultCapacity);
  const [edits, setEdits] = useState<Record<string, Partial<LineChoice>>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const proposal = useSessionState(proposalOf, capacity);
  const assignees = useAssignees();
  const defaultChoice = useDefaultChoice(assignees[0]?.value ?? null);
  const status = useSessionStore((s) => s.session.status);
  const units = useSessionStore((s) => s.session.units);
  const reports = useSessionStore((s) => s.session.reports);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError, isBusy } = useCommand();
  const mayDecide = canIssue('chair', 'inspection-plan:adopt', status);

  const choiceOf = (line: ProposedInspection): LineChoice => ({ ...defaultChoice(line), ...edits[line.unitId] });
  const accepted = proposal.lines.filter((line) => choiceOf(line).isAccepted).length;
  const choices = choicesOf(proposal.lines, choiceOf);
  // The server's rule: no line accepted, or more than the capacity left, is no plan to adopt.
  const choiceProblem = planChoiceProblem(proposal, choices);
  const isNoneAccepted = choiceProblem?.kind === 'none-accepted' && proposal.lines.length > 0;
  const change = (unitId: string, patch: Partial<LineChoice>) =>
    setEdits((all) => ({ ...all, [unitId]: { ...all[unitId], ...patch } }));

  const adopt = () => {
    if (choices.some((c) => c.decision === 'accepted' && !c.title)) return setProblem(t('inspectionPlan.titleMissing'));
    if (choices.some((c) => c.decision === 'accepted' && c.dueDate < todayIsoDate())) {
      return setProblem(t('inspectionPlan.duePast'));
    }
    const ordered = choices.flatMap((c) => (c.decision === 'accepted' ? [c] : []));
    const notes = ordered.flatMap((c) => (c.note !== null ? [c.note] : []));
    const tooLong =
      tooLongProblem(Limits.nameLength, ...ordered.map((c) => c.title)) ?? tooLongProblem(Limits.textLength, ...notes);
    if (tooLong) return setProblem(tooLong);
    setProblem(null);
    void run({ type: 'inspection-plan:adopt', payload: { capacity, lines: choices } }, t('inspectionPlan.failed')).then(
      (ok) => {
        if (!ok) return;
        setEdits({});
        setEditing(null);
      },
    );
  };

  return (
    <Panel heading={t('inspectionPlan.heading')} testId="inspection-plan">
      <p className="muted">{t('inspectionPlan.intro')}</p>
      <div className="field plan-capacity">
        <label htmlFor={capacityId}>{t('inspectionPlan.capacity')}</label>
        <input
          id={capacityId}
          data-testid="plan-capacity"
          type="number"
          min={0}
          max={inspectionCapacityLimit}
          value={capacity}
          onChange={(e) => {
            const value = Math.trunc(Number(e.target.value));
            setCapacity(Number.isFinite(value) ? Math.min(Math.max(value, 0), inspectionCapacityLimit) : 0);
            setEdits({});
          }}
        />
      </div>
      {!mayDecide && <p className="muted">{t('inspectionPlan.notNow')}</p>}
      {proposal.lines.length === 0 ? (
        <p className="muted">{t('inspectionPlan.none')}</p>
      ) : (
        <ol className="decision-list plan-lines" data-testid="plan-lines">
          {proposal.lines.map((line) => (
            <PlanLine
              key={line.unitId}
              line={line}
              unitName={units[line.unitId]?.name ?? line.unitId}
              report={reports[line.unitId]}
              choice={choiceOf(line)}
              assignees={assignees}
              isEditing={editing === line.unitId}
              mayDecide={mayDecide}
              onChange={(patch) => change(line.unitId, patch)}
              onToggleEdit={() => setEditing(editing === line.unitId ? null : line.unitId)}
            />
          ))}
        </ol>
      )}
      <p data-testid="plan-count" className={accepted > proposal.capacity ? 'form-error' : 'muted'}>
        {/* The proposal's capacity is what the open orders leave of the field's: say both. */}
        {proposal.ordersOpen > 0
          ? t('inspectionPlan.countLeft', { accepted, left: proposal.capacity, capacity })
          : t('inspectionPlan.count', { accepted, capacity })}
        {proposal.ordersOpen > 0 && ` ${t('inspectionPlan.ordersOpen', { count: proposal.ordersOpen })}`}
      </p>
      {isNoneAccepted && (
        <p id={noneAcceptedId} className="muted" data-testid="plan-none-accepted">
          {t('inspectionPlan.noneAccepted')}
        </p>
      )}
      <ErrorNote message={problem ?? error} onDismiss={problem ? () => setProblem(null) : dismissError} />
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          data-testid="plan-adopt"
          disabled={!mayDecide || !canSend || isBusy || choiceProblem !== null}
          aria-describedby={isNoneAccepted ? noneAcceptedId : undefined}
          onClick={adopt}
        >
          {t('inspectionPlan.adopt', { count: accepted })}
        </button>
      </div>
    </Panel>
  );
}
