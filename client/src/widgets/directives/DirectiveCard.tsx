import {
  directiveHandedOnTo,
  directivePersonName,
  Limits,
  type CommandInput,
  type DirectiveState,
  type Participant,
  type SessionState,
} from '@plenum/shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DisclosureButton } from '../../components/DisclosureButton';
import { ErrorNote } from '../../components/ErrorNote';
import { FlagIcon } from '../../components/FlagIcon';
import { TextActionForm } from '../../components/TextActionForm';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { decisionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { AssigneeAbsentNote, ReassignControl } from './DirectiveReassign';
import './DirectiveCard.css';

type Panel = 'answer' | 'forward' | 'accept' | 'reject';

interface DirectiveCardProps {
  directive: DirectiveState;
  isOverdue: boolean;
  /** Without controls (the dashboard's tracker shows the same card read-only). */
  readOnly?: boolean;
  /** The screen's own actions on the directive, in the card's row of actions after its own. */
  children?: ReactNode;
}

/** What `you` may do with the directive now; null without a viewer who may act. */
function actionsOn(state: SessionState, directive: DirectiveState, you: Participant | null) {
  return you ? decisionSelectors.directiveActions(state, directive, you) : null;
}

/**
 * A directive: what is ordered of whom by when, where it stands on its way up the line, and
 * the actions the viewer may take on it now.
 */
export function DirectiveCard({ directive, isOverdue, readOnly = false, children }: DirectiveCardProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const you = useSessionStore((s) => s.you);
  const units = useSessionStore((s) => s.session.units);
  const participants = useSessionStore((s) => s.session.participants);
  const assigneeName = useSessionStore((s) => decisionSelectors.assigneeName(s.session, directive));
  // Carried into the next period's review: shown as it stood, with where it is followed now.
  const followUp = useSessionState(directiveHandedOnTo, directive.id);
  const actions = useSessionState(actionsOn, directive, readOnly || followUp ? null : you);
  const relay = useSessionState(decisionSelectors.relayOf, directive);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError, isBusy } = useCommand();
  const [open, setOpen] = useState<Panel | null>(null);
  const [isClosing, setIsClosing] = useState(false);
  const unit = (id: string | null) => (id === null ? t('common.aUnit') : (units[id]?.name ?? id));
  // An inspection order's inspector acknowledges it and files the findings, not the inspected unit.
  const stepText = ({ action, actorId, unitId, toUnitId, ...step }: DirectiveState['steps'][number]) => {
    const who = directivePersonName({ participants }, directive, actorId);
    if (action === 'reassigned') {
      const person = (pid: string | null | undefined) =>
        pid ? directivePersonName({ participants }, directive, pid) : t('directive.nobody');
      const text = t('directive.step.reassigned', { from: person(step.fromAssigneeId), to: person(step.assigneeId) });
      return t('directive.stepBy', { step: text, who });
    }
    if (directive.inspectorId && (action === 'acknowledged' || action === 'answered')) {
      return t(`directive.inspectionStep.${action}`, { who });
    }
    const text =
      action === 'answered' && toUnitId === unitId
        ? // An answer that does not climb the line goes to the meeting, whose chair reviews it.
          t('directive.step.answeredToChair', { unit: unit(unitId) })
        : t(`directive.step.${action}`, { unit: unit(unitId), to: unit(toUnitId) });
    // Who took the step: a chair may act for a level, and a review's decision is someone's.
    return t('directive.stepBy', { step: text, who });
  };
  const id = directive.id;
  const inspected = decisionSelectors.inspectedUnitId(directive);
  const isInspection = directive.kind === 'inspection';
  const isLocked = !canSend || isBusy;

  const submit = async (command: CommandInput, failure: string) => {
    const ok = await run(command, failure);
    if (ok) setOpen(null);
    return ok;
  };
  const toggle = (panel: Panel) => setOpen((current) => (current === panel ? null : panel));

  return (
    <article
      className="card directive"
      data-testid={`directive-${id}`}
      data-overdue={isOverdue}
      data-status={directive.status}
    >
      <h3 className="directive__title">
        {directive.title} <span className="tag">{t(`labels.directiveKind.${directive.kind}`)}</span>
        <span className="tag" data-status={directive.status}>
          {t(`labels.directiveStatus.${directive.status}`)}
        </span>
        {isOverdue && (
          <span className="tag tag--overdue">
            <FlagIcon /> {t('directive.overdue')}
          </span>
        )}
      </h3>
      <p className="directive__meta">
        {inspected !== null && <>{t('directive.inspects', { unit: unit(inspected) })} · </>}
        {t('directive.assignedTo', { unit: assigneeName })} ·{' '}
        {t('directive.due', { date: format.shortDate(directive.dueDate) })}
        {directive.orderedByUnitId && <> · {t('directive.orderedBy', { unit: unit(directive.orderedByUnitId) })}</>}
        {directive.holderUnitId !== directive.assigneeUnitId && (
          <> · {t('directive.heldBy', { unit: unit(directive.holderUnitId) })}</>
        )}
        {directive.cascadedFromSessionId ? (
          <> · {t('directive.cameDown')}</>
        ) : (
          directive.carriedFromSessionId && <> · {t('directive.carried')}</>
        )}
      </p>
      {followUp && (
        <p className="directive__meta" role="note" data-testid={`directive-followed-up-${id}`}>
          {t('directive.followedUpIn', { title: followUp.title, period: followUp.period })}
        </p>
      )}
      <AssigneeAbsentNote directive={directive} />
      {relay && (
        <p className="directive__meta" role="status" data-testid={`directive-relay-${id}`}>
          {t(relay === 'pending' ? 'directive.relayPending' : 'directive.relayDelivered')}
        </p>
      )}
      {directive.text && <p className="directive__text">{directive.text}</p>}
      {directive.steps.length > 0 && (
        <ol className="directive__steps">
          {directive.steps.map((step, index) => (
            <li key={index}>
              <time dateTime={step.at}>{format.shortDate(step.at.slice(0, 10))}</time> {stepText(step)}
              {step.text && <>: {step.text}</>}
              {step.fromSessionId && <span className="tag">{t('directive.relayedStep')}</span>}
            </li>
          ))}
        </ol>
      )}
      {actions && (
        <div className="button-row">
          {actions.canAcknowledge && (
            <button
              type="button"
              className="button button--small"
              data-testid={`acknowledge-directive-${id}`}
              disabled={isLocked}
              onClick={() =>
                void run(
                  { type: 'directive:acknowledge', payload: { directiveId: id } },
                  t('directive.failed.acknowledge'),
                )
              }
            >
              {t('directive.acknowledge')}
            </button>
          )}
          {actions.canAnswer && (
            <DisclosureButton
              testId={`answer-directive-${id}`}
              isOpen={open === 'answer'}
              onToggle={() => toggle('answer')}
            >
              {directive.kind === 'explain-failure'
                ? t('directive.fileExplanation')
                : isInspection
                  ? t('directive.fileFindings')
                  : t('directive.fileAnswer')}
            </DisclosureButton>
          )}
          {actions.canForward && (
            <DisclosureButton
              testId={`forward-directive-${id}`}
              isOpen={open === 'forward'}
              onToggle={() => toggle('forward')}
            >
              {t('directive.forward')}
            </DisclosureButton>
          )}
          {actions.canReview && (
            <>
              <DisclosureButton
                testId={`accept-directive-${id}`}
                isOpen={open === 'accept'}
                onToggle={() => toggle('accept')}
              >
                {t('directive.accept')}
              </DisclosureButton>
              <DisclosureButton
                testId={`reject-directive-${id}`}
                isOpen={open === 'reject'}
                onToggle={() => toggle('reject')}
              >
                {t('directive.reject')}
              </DisclosureButton>
            </>
          )}
          {actions.canClose && (
            <button
              type="button"
              className="button button--small"
              data-testid={`close-directive-${id}`}
              disabled={isLocked}
              onClick={() => setIsClosing(true)}
            >
              {t('directive.close')}
            </button>
          )}
          {isClosing && (
            <ConfirmDialog
              title={t('directive.closeTitle', { title: directive.title })}
              lines={[
                // Closing ends it as it stands: say so when its answer was not accepted.
                ...(directive.status === 'accepted'
                  ? []
                  : [
                      t('directive.closeNotDone', {
                        status: t(`labels.directiveStatus.${directive.status}`),
                        unit: unit(directive.holderUnitId),
                      }),
                    ]),
                t('directive.closeFinal'),
              ]}
              confirmLabel={t('directive.close')}
              testId={`close-directive-dialog-${id}`}
              onCancel={() => setIsClosing(false)}
              onConfirm={() => {
                setIsClosing(false);
                void run({ type: 'directive:close', payload: { directiveId: id } }, t('directive.failed.close'));
              }}
            />
          )}
          {children}
        </div>
      )}
      {actions && <ReassignControl directive={directive} />}
      {open === 'answer' && (
        <TextActionForm
          testId={`answer-form-${id}`}
          label={
            directive.kind === 'explain-failure'
              ? t('directive.explanationLabel')
              : isInspection
                ? t('directive.findingsLabel')
                : t('directive.answerLabel')
          }
          submitLabel={t('directive.submitAnswer')}
          requiredMessage={
            directive.kind === 'explain-failure'
              ? t('directive.explanationMissing')
              : isInspection
                ? t('directive.findingsMissing')
                : t('directive.answerMissing')
          }
          rows={4}
          maxLength={Limits.textLength}
          isDisabled={!canSend}
          onCancel={() => setOpen(null)}
          onSubmit={(text) =>
            submit({ type: 'directive:answer', payload: { directiveId: id, text } }, t('directive.failed.answer'))
          }
        />
      )}
      {open === 'forward' && (
        <TextActionForm
          testId={`forward-form-${id}`}
          label={t('directive.remarksLabel', {
            unit: unit(units[directive.holderUnitId]?.parentId ?? null),
          })}
          submitLabel={t('directive.submitForward')}
          maxLength={Limits.textLength}
          isDisabled={!canSend}
          onCancel={() => setOpen(null)}
          onSubmit={(text) =>
            submit(
              { type: 'directive:forward', payload: { directiveId: id, remarks: text || null } },
              t('directive.failed.forward'),
            )
          }
        />
      )}
      {(open === 'accept' || open === 'reject') && (
        <TextActionForm
          testId={`review-form-${id}`}
          label={t('directive.reviewNote')}
          submitLabel={open === 'accept' ? t('directive.submitAccept') : t('directive.submitReject')}
          maxLength={Limits.textLength}
          isDisabled={!canSend}
          onCancel={() => setOpen(null)}
          onSubmit={(text) =>
            submit(
              {
                type: 'directive:review',
                payload: { directiveId: id, decision: open === 'accept' ? 'accepted' : 'rejected', note: text || null },
              },
              t('directive.failed.review'),
            )
          }
        />
      )}
      <ErrorNote message={error} onDismiss={dismissError} />
    </article>
  );
}
