import { canIssue, isItemLive, Limits, type AgendaItemState } from '@plenum/shared';
import { memo, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/SelectField';
import { criticismCategories, severities } from '../../lib/labels';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { sessionSelectors, useSessionStore } from '../../stores/session';
import { clearPostedDraft, loadDraft, saveDraft, type CriticismDraft, type DraftPlace } from './criticismDraft';
import { TextAreaField } from '../../components/TextAreaField';
import { tooLongProblem } from '../../components/textLength';
import { UnsentDrafts } from './UnsentDrafts';

interface CriticismFormProps {
  /** The item on the floor; the criticism is raised against its unit, or on it when it is a general topic. */
  item: Pick<AgendaItemState, 'id' | 'unitId' | 'status'>;
  /** Folded under its heading until opened (the chair, who seldom raises points). */
  isCollapsed?: boolean;
  /** Shows above the form what was left unsent on closed items, offering to carry it in. */
  canCarryUnsent?: boolean;
}

/**
 * Raises a point against the unit on the floor. The text is cleared at once: the pending
 * store shows the criticism greyed ("sending…") until its event arrives, and a failure puts
 * the text back so nothing typed is lost. What is typed is kept on this device per
 * participant, session and item until it is posted, so a reload does not lose a half-written
 * point.
 */
export function CriticismForm({ item, isCollapsed = false, canCarryUnsent = false }: CriticismFormProps) {
  const sessionId = useSessionStore((s) => s.session.sessionId);
  const participantId = useSessionStore((s) => s.you?.id ?? '');
  // A new item (or participant) starts from its own draft.
  return (
    <DraftingForm
      key={`${sessionId}:${participantId}:${item.id}`}
      sessionId={sessionId}
      participantId={participantId}
      itemId={item.id}
      unitId={item.unitId}
      itemStatus={item.status}
      isCollapsed={isCollapsed}
      canCarryUnsent={canCarryUnsent}
    />
  );
}

interface DraftingFormProps extends DraftPlace {
  unitId: AgendaItemState['unitId'];
  itemStatus: AgendaItemState['status'];
  isCollapsed: boolean;
  canCarryUnsent: boolean;
}

/**
 * The form itself. Memoised on what it reads of the item: a timer event gives the item on the
 * floor a new object, and the form's selects word every category and severity again.
 */
const DraftingForm = memo(function DraftingForm(props: DraftingFormProps) {
  const { sessionId, participantId, itemId, unitId, itemStatus, isCollapsed, canCarryUnsent } = props;
  const place: DraftPlace = { sessionId, participantId, itemId };
  const { t } = useTranslation();
  const formId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const { run, error: refusal } = useCommand();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const report = useSessionStore((s) => sessionSelectors.reportOf(s.session, unitId));
  const sessionStatus = useSessionStore((s) => s.session.status);
  const role = useSessionStore((s) => s.you?.role ?? null);
  const [draft, setDraft] = useState<CriticismDraft>(() => loadDraft(place));
  const { category, severity, indicatorId, text } = draft;
  const [problem, setProblem] = useState<string | null>(null);
  const error = problem ?? refusal;
  const edit = (change: Partial<CriticismDraft>) => {
    const next = { ...draft, ...change };
    setDraft(next);
    saveDraft(place, next);
  };

  // Carried text follows what is already typed here: neither is lost.
  const carry = (carried: string) => {
    edit({ text: text.trim() ? `${text.trimEnd()}\n\n${carried}` : carried });
    textRef.current?.focus();
  };

  // The server takes criticism on the item on the floor, presenting or open; the status of
  // the session decides too (not before it sits, not after it closes).
  const isOnFloor = isItemLive(itemStatus);
  const mayPostNow = role !== null && canIssue(role, 'criticism:post', sessionStatus);
  const hintId = `${formId}-hint`;
  const offlineId = `${formId}-offline`;
  // Said only when the connection alone holds the post back: the hint above covers the rest.
  const isHeldOffline = isOnFloor && mayPostNow && !canSend;
  // A general topic has no unit to raise the criticism against: it is raised on the item itself.
  const topicOrUnit = unitId === null ? 'General' : '';

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) {
      setProblem(t('criticism.form.empty'));
      return;
    }
    const tooLong = tooLongProblem(Limits.textLength, text);
    if (tooLong) {
      setProblem(tooLong);
      textRef.current?.focus();
      return;
    }
    setProblem(null);
    // Cleared on screen only: the kept draft goes when the server has taken the criticism.
    setDraft((current) => ({ ...current, text: '' }));
    void run(
      {
        type: 'criticism:post',
        payload: { itemId, category, severity, indicatorId: indicatorId || null, text: trimmed },
      },
      t('criticism.form.failed'),
    ).then((ok) => {
      if (ok) {
        clearPostedDraft(place, trimmed);
        return;
      }
      setDraft((current) => (current.text ? current : { ...current, text: trimmed }));
    });
  };

  const heading = t('criticism.form.heading');
  const frame = (form: ReactNode) =>
    isCollapsed ? (
      <details className="panel criticism-form-panel" open={text !== '' || undefined}>
        <summary className="panel__heading" data-testid="criticism-form-toggle">
          {heading}
        </summary>
        {form}
      </details>
    ) : (
      <section className="panel" aria-labelledby={`${formId}-heading`}>
        <h2 id={`${formId}-heading`} className="panel__heading">
          {heading}
        </h2>
        {form}
      </section>
    );

  return frame(
    <>
      {canCarryUnsent && <UnsentDrafts onCarry={carry} />}
      <form className="criticism-form" data-testid="criticism-form" onSubmit={handleSubmit} noValidate>
        <div className="field-row">
          <SelectField
            id={`${formId}-category`}
            label={t('criticism.form.category')}
            value={category}
            options={criticismCategories.map((value) => ({ value, label: t(`labels.category.${value}`) }))}
            onChange={(value) => edit({ category: value })}
          />
          <SelectField
            id={`${formId}-severity`}
            label={t('criticism.form.severity')}
            value={severity}
            options={severities.map((value) => ({ value, label: t(`labels.severity.${value}`) }))}
            onChange={(value) => edit({ severity: value })}
          />
          <SelectField
            id={`${formId}-indicator`}
            label={t('criticism.form.indicator')}
            value={indicatorId}
            options={[
              { value: '', label: t('criticism.form.noIndicator') },
              ...(report?.indicators ?? []).map((indicator) => ({ value: indicator.id, label: indicator.name })),
            ]}
            onChange={(value) => edit({ indicatorId: value })}
          />
        </div>
        <TextAreaField
          label={t('criticism.form.text')}
          testId="criticism-text"
          ref={textRef}
          rows={3}
          maxLength={Limits.textLength}
          value={text}
          onChange={(value) => edit({ text: value })}
          aria-describedby={hintId}
        />
        <p id={hintId} className="muted field-hint">
          {!isOnFloor
            ? t('criticism.form.hint.notOnFloor')
            : !mayPostNow
              ? t('criticism.form.hint.notSitting')
              : t(`criticism.form.hint.${itemStatus === 'floor-open' ? 'floorOpen' : 'presenting'}${topicOrUnit}`)}
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="button button--primary"
          data-testid="criticism-submit"
          disabled={!isOnFloor || !mayPostNow || !canSend}
          aria-describedby={isHeldOffline ? offlineId : undefined}
        >
          {t('criticism.form.submit')}
        </button>
        {isHeldOffline && (
          <p id={offlineId} className="muted field-hint" data-testid="criticism-offline">
            {t('criticism.form.offline')}
          </p>
        )}
      </form>
    </>,
  );
});
