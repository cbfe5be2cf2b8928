import { canIssue, Limits, type CommandInput } from '@plenum/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DisclosureButton } from '../../components/DisclosureButton';
import { ErrorNote } from '../../components/ErrorNote';
import { FlagIcon } from '../../components/FlagIcon';
import { TextActionForm } from '../../components/TextActionForm';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { topicIn } from '../../lib/itemTitle';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { decisionSelectors, useSessionState, useSessionStore, type SecondReview } from '../../stores/session';
import { Panel } from '../../components/Panel';
import { OvertakenNote } from './OvertakenNote';
import { TakeBack } from './TakeBack';

type Action = 'lift' | 'escalate' | 'reopen';

/**
 * Warnings carried from the previous period: the second review lifts or escalates each, and may
 * take that decision back, with a reason, while the session sits.
 */
export function SecondReviews() {
  const { t } = useTranslation();
  const format = useFormat();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError } = useCommand();
  const [open, setOpen] = useState<{ warningId: string; action: Action } | null>(null);
  // What is typed in the open form, so that a decision made on another chair screen meanwhile
  // is said with the unsent text, as the proposals' panel does.
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const reviews = useSessionState(decisionSelectors.secondReviews);
  const status = useSessionStore((s) => s.session.status);
  const units = useSessionStore((s) => s.session.units);
  const mayDecide = canIssue('chair', 'warning:lift', status);
  const unitName = (unitId: string) => units[unitId]?.name ?? unitId;
  const isOpen = (r: SecondReview, action: Action) => open?.warningId === r.warning.id && open.action === action;
  const close = () => {
    setDraft('');
    setOpen(null);
  };
  const toggle = (r: SecondReview, action: Action) => {
    setDraft('');
    setOpen(isOpen(r, action) ? null : { warningId: r.warning.id, action });
  };
  // Another chair screen decided (or took back) this warning while the form was open here.
  const overtaken = (r: SecondReview) =>
    !sending && open?.warningId === r.warning.id && (open.action === 'reopen') === (r.warning.status === 'open');
  const send = async (command: CommandInput, failure: string) => {
    setSending(true);
    const ok = await run(command, failure);
    setSending(false);
    if (ok) close();
    return ok;
  };

  return (
    <Panel heading={t('decisions.second.heading', { count: reviews.length })} testId="second-reviews">
      <ErrorNote message={error} onDismiss={dismissError} />
      {reviews.length === 0 ? (
        <p className="muted">{t('decisions.second.none')}</p>
      ) : (
        <ul className="decision-list">
          {reviews.map((review) => {
            const { warning, item, productionNow } = review;
            return (
              <li key={warning.id} className="card decision" data-testid={`second-review-${warning.id}`}>
                <p>
                  <strong>{unitName(warning.unitId)}</strong>{' '}
                  <span className="tag" data-status={warning.status}>
                    {t(`labels.warningStatus.${warning.status}`)}
                  </span>
                </p>
                <p>
                  {t('decisions.second.figures', {
                    period: warning.period,
                    then: format.percent(warning.fulfilment),
                    now: format.percent(productionNow),
                    threshold: format.percent(warning.threshold),
                  })}
                  {productionNow !== null && productionNow < warning.threshold && (
                    <>
                      {' '}
                      <FlagIcon /> {t('decisions.second.stillBelow')}
                    </>
                  )}
                </p>
                <p className="muted">
                  {item
                    ? t('decisions.second.item', {
                        topic: topicIn(t, item),
                        status: t(`labels.agendaStatus.${item.status}`),
                      })
                    : t('decisions.second.noItem')}
                </p>
                {warning.decisionNote && <p>{t('decisions.second.decisionNote', { note: warning.decisionNote })}</p>}
                {overtaken(review) ? (
                  <OvertakenNote
                    testId={`second-review-overtaken-${warning.id}`}
                    message={t(
                      open?.action === 'reopen'
                        ? 'decisions.second.reopenedElsewhere'
                        : 'decisions.second.decidedElsewhere',
                      { unit: unitName(warning.unitId) },
                    )}
                    unsent={draft.trim()}
                    onDismiss={close}
                  />
                ) : warning.status !== 'open' ? (
                  <div>
                    <TakeBack
                      testIdPrefix="reopen-warning"
                      targetId={warning.id}
                      unitName={unitName(warning.unitId)}
                      isOpen={isOpen(review, 'reopen')}
                      onToggle={() => toggle(review, 'reopen')}
                      mayDecide={mayDecide}
                      canSend={canSend}
                      onTextChange={setDraft}
                      onSubmit={(reason) =>
                        send(
                          { type: 'warning:reopen', payload: { warningId: warning.id, reason } },
                          t('decisions.second.failedReopen', { unit: unitName(warning.unitId) }),
                        )
                      }
                    />
                  </div>
                ) : (
                  <div className="button-row">
                    <DisclosureButton
                      testId={`lift-warning-${warning.id}`}
                      isOpen={isOpen(review, 'lift')}
                      disabled={!mayDecide}
                      onToggle={() => toggle(review, 'lift')}
                      forReader={unitName(warning.unitId)}
                    >
                      {t('decisions.second.lift')}
                    </DisclosureButton>
                    <DisclosureButton
                      tone="danger"
                      testId={`escalate-warning-${warning.id}`}
                      isOpen={isOpen(review, 'escalate')}
                      disabled={!mayDecide}
                      onToggle={() => toggle(review, 'escalate')}
                      forReader={unitName(warning.unitId)}
                    >
                      {t('decisions.second.escalate')}
                    </DisclosureButton>
                  </div>
                )}
                {open?.warningId === warning.id && open.action !== 'reopen' && !overtaken(review) && (
                  <TextActionForm
                    testId={`${open.action}-warning-form-${warning.id}`}
                    label={open.action === 'lift' ? t('decisions.second.liftNote') : t('decisions.second.escalateNote')}
                    submitLabel={
                      open.action === 'lift' ? t('decisions.second.confirmLift') : t('decisions.second.confirmEscalate')
                    }
                    requiredMessage={t('decisions.second.noteMissing')}
                    maxLength={Limits.textLength}
                    isDisabled={!canSend}
                    onTextChange={setDraft}
                    onCancel={close}
                    onSubmit={(note) =>
                      send(
                        {
                          type: open.action === 'lift' ? 'warning:lift' : 'warning:escalate',
                          payload: { warningId: warning.id, note },
                        },
                        t('decisions.second.failed', { unit: unitName(warning.unitId) }),
                      )
                    }
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
