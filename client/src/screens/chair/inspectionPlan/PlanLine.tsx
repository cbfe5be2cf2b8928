import { Limits, type ProposedInspection, type ReportState } from '@plenum/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DisclosureButton } from '../../../components/DisclosureButton';
import { InputField } from '../../../components/InputField';
import { SelectField } from '../../../components/SelectField';
import { TextAreaField } from '../../../components/TextAreaField';
import { todayIsoDate } from '../../../lib/format';
import { useFormat } from '../../../lib/useFormat';
import type { LineChoice, PlanAssignee } from './lineChoice';
import { reasonText } from './reasonText';

interface PlanLineProps {
  line: ProposedInspection;
  unitName: string;
  report: ReportState | undefined;
  choice: LineChoice;
  /** Who may carry out the order: the session's inspectors, then any unit as an inspection office. */
  assignees: readonly { value: PlanAssignee; label: string }[];
  isEditing: boolean;
  mayDecide: boolean;
  onChange: (patch: Partial<LineChoice>) => void;
  onToggleEdit: () => void;
}

/** The order an accepted line becomes, as the chair edits it: title, inspector, due date, note. */
function OrderFields({ choice, assignees, onChange }: Pick<PlanLineProps, 'choice' | 'assignees' | 'onChange'>) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="inline-form plan-line__order">
      <InputField
        label={t('inspectionPlan.orderTitle')}
        maxLength={Limits.nameLength}
        value={choice.title}
        onChange={(title) => onChange({ title })}
      />
      <div className="field-row">
        {choice.assignee !== null && (
          <SelectField
            id={`${id}-assignee`}
            label={t('inspectionPlan.assignee')}
            value={choice.assignee}
            options={assignees}
            onChange={(assignee) => onChange({ assignee })}
          />
        )}
        <div className="field">
          <label htmlFor={`${id}-due`}>{t('inspectionPlan.due')}</label>
          <input
            id={`${id}-due`}
            type="date"
            min={todayIsoDate()}
            max={`${Limits.yearMax}-12-31`}
            value={choice.dueDate}
            onChange={(e) => onChange({ dueDate: e.target.value })}
          />
        </div>
      </div>
      <TextAreaField
        label={t('inspectionPlan.note')}
        rows={3}
        maxLength={Limits.textLength}
        value={choice.note}
        onChange={(note) => onChange({ note })}
      />
    </div>
  );
}

/** One line of the proposed plan: the unit, its rank and score, why, and the chair's decision. */
export function PlanLine(props: PlanLineProps) {
  const { line, unitName, report, choice, isEditing, mayDecide, onChange, onToggleEdit } = props;
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li
      className="card plan-line"
      data-testid={`plan-line-${line.unitId}`}
      data-decision={choice.isAccepted ? 'accepted' : 'dropped'}
    >
      <p className="plan-line__head">
        <span className="plan-line__rank">{t('inspectionPlan.rank', { rank: line.rank })}</span>{' '}
        <strong>{unitName}</strong>{' '}
        <span className="muted">{t('inspectionPlan.score', { score: format.figure(line.score) })}</span>
      </p>
      <ul className="plan-line__reasons">
        {line.reasons.map((reason, index) => {
          const { label, detail } = reasonText(t, reason, report, format);
          return (
            <li key={index}>
              <strong>{label}</strong>
              {detail && <> — {detail}</>}
            </li>
          );
        })}
      </ul>
      <div className="button-row">
        <button
          type="button"
          className={choice.isAccepted ? 'button button--small button--primary' : 'button button--small'}
          aria-pressed={choice.isAccepted}
          disabled={!mayDecide}
          data-testid={`plan-accept-${line.unitId}`}
          onClick={() => onChange({ isAccepted: true })}
        >
          {t('inspectionPlan.accept')}
          <span className="visually-hidden"> {unitName}</span>
        </button>
        <button
          type="button"
          className="button button--small"
          aria-pressed={!choice.isAccepted}
          disabled={!mayDecide}
          data-testid={`plan-drop-${line.unitId}`}
          onClick={() => onChange({ isAccepted: false })}
        >
          {t('inspectionPlan.drop')}
          <span className="visually-hidden"> {unitName}</span>
        </button>
        {choice.isAccepted && (
          <DisclosureButton
            testId={`plan-edit-${line.unitId}`}
            isOpen={isEditing}
            disabled={!mayDecide}
            onToggle={onToggleEdit}
            forReader={unitName}
          >
            {t('inspectionPlan.edit')}
          </DisclosureButton>
        )}
      </div>
      {choice.isAccepted && isEditing && <OrderFields {...props} />}
    </li>
  );
}
