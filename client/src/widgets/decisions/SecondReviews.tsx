import { canIssue, Limits } from '@plenum/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DisclosureButton } from '../../components/DisclosureButton';
import { ErrorNote } from '../../components/ErrorNote';
import { FlagIcon } from '../../components/FlagIcon';
import { TextActionForm } from '../../components/TextActionForm';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { decisionSelectors, useSessionState, useSessionStore, type SecondReview } from '../../stores/session';
import { Panel } from '../../components/Panel';

/** Warnings carried from the previous period: the second review lifts or escalates each. */
export function SecondReviews() {
  const { t } = useTranslation();
  const format = useFormat();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError } = useCommand();
  const [open, setOpen] = useState<{ warningId: string; action: 'lift' | 'escalate' } | null>(null);
  const reviews = useSessionState(decisionSelectors.secondReviews);
  const status = useSessionStore((s) => s.session.status);
  const units = useSessionStore((s) => s.session.units);
  const mayDecide = canIssue('chair', 'warning:lift', status);
  const unitName = (unitId: string) => units[unitId]?.name ?? unitId;
  const isOpen = (r: SecondReview, action: 'lift' | 'escalate') =>
    open?.warningId === r.warning.id && open.action === action;

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
                        topic: item.topic,
                        status: t(`labels.agendaStatus.${item.status}`),
                      })
                    : t('decisions.second.noItem')}
                </p>
                {warning.decisionNote && <p>{t('decisions.second.decisionNote', { note: warning.decisionNote })}</p>}
                {warning.status === 'open' && (
                  <div className="button-row">
                    <DisclosureButton
                      testId={`lift-warning-${warning.id}`}
                      isOpen={isOpen(review, 'lift')}
                      disabled={!mayDecide}
                      onToggle={() =>
                        setOpen(isOpen(review, 'lift') ? null : { warningId: warning.id, action: 'lift' })
                      }
                      forReader={unitName(warning.unitId)}
                    >
                      {t('decisions.second.lift')}
                    </DisclosureButton>
                    <DisclosureButton
                      tone="danger"
                      testId={`escalate-warning-${warning.id}`}
                      isOpen={isOpen(review, 'escalate')}
                      disabled={!mayDecide}
                      onToggle={() =>
                        setOpen(isOpen(review, 'escalate') ? null : { warningId: warning.id, action: 'escalate' })
                      }
                      forReader={unitName(warning.unitId)}
                    >
                      {t('decisions.second.escalate')}
                    </DisclosureButton>
                  </div>
                )}
                {open?.warningId === warning.id && (
                  <TextActionForm
                    testId={`${open.action}-warning-form-${warning.id}`}
                    label={open.action === 'lift' ? t('decisions.second.liftNote') : t('decisions.second.escalateNote')}
                    submitLabel={
                      open.action === 'lift' ? t('decisions.second.confirmLift') : t('decisions.second.confirmEscalate')
                    }
                    requiredMessage={t('decisions.second.noteMissing')}
                    maxLength={Limits.textLength}
                    isDisabled={!canSend}
                    onCancel={() => setOpen(null)}
                    onSubmit={async (note) => {
                      const ok = await run(
                        {
                          type: open.action === 'lift' ? 'warning:lift' : 'warning:escalate',
                          payload: { warningId: warning.id, note },
                        },
                        t('decisions.second.failed', { unit: unitName(warning.unitId) }),
                      );
                      if (ok) setOpen(null);
                      return ok;
                    }}
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
