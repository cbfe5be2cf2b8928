import { canIssue, Limits, type CommandInput, type ProposedWarning } from '@plenum/shared';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DisclosureButton } from '../../components/DisclosureButton';
import { ErrorNote } from '../../components/ErrorNote';
import { FlagIcon } from '../../components/FlagIcon';
import { TextActionForm } from '../../components/TextActionForm';
import { todayIsoDate } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { pendingSelectors, usePendingStore } from '../../stores/pending';
import { decisionSelectors, sessionSelectors, useSessionStore, type SecondReview } from '../../stores/session';
import { DirectiveCard } from '../directives/DirectiveCard';
import { DirectiveForm } from '../directives/DirectiveForm';

type Open = { unitId: string; action: 'issue' | 'waive' } | null;

/** Warnings the figures call for: the chair issues each (with an optional note) or waives it with a reason. */
function ProposedWarnings() {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const session = useSessionStore((s) => s.session);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError } = useCommand();
  const [open, setOpen] = useState<Open>(null);
  const proposals = useMemo(() => decisionSelectors.proposedWarnings(session), [session]);
  const issued = useMemo(() => decisionSelectors.issuedWarnings(session), [session]);
  const waivers = useMemo(() => decisionSelectors.waivers(session), [session]);
  const mayDecide = canIssue('chair', 'warning:issue', session.status);
  const unitName = (unitId: string) => sessionSelectors.unitName(session, unitId) ?? unitId;

  const submit = async (command: CommandInput, failure: string) => {
    const ok = await run(command, failure);
    if (ok) setOpen(null);
    return ok;
  };
  const isOpen = (p: ProposedWarning, action: 'issue' | 'waive') => open?.unitId === p.unitId && open.action === action;

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="proposed-warnings">
      <h2 id={headingId} className="panel__heading">
        {t('decisions.proposed.heading', { count: proposals.length })}
      </h2>
      <p className="muted">{t('decisions.proposed.intro')}</p>
      <ErrorNote message={error} onDismiss={dismissError} />
      {proposals.length === 0 ? (
        <p className="muted">{t('decisions.proposed.none')}</p>
      ) : (
        <ul className="decision-list">
          {proposals.map((p) => (
            <li key={p.unitId} className="decision" data-testid={`proposed-warning-${p.unitId}`}>
              <p>
                <FlagIcon /> <strong>{unitName(p.unitId)}</strong>{' '}
                {t('decisions.proposed.figure', {
                  fulfilment: format.percent(p.fulfilment),
                  threshold: format.percent(p.threshold),
                })}
              </p>
              <div className="button-row">
                <DisclosureButton
                  tone="primary"
                  testId={`issue-warning-${p.unitId}`}
                  isOpen={isOpen(p, 'issue')}
                  disabled={!mayDecide}
                  onToggle={() => setOpen(isOpen(p, 'issue') ? null : { unitId: p.unitId, action: 'issue' })}
                  forReader={unitName(p.unitId)}
                >
                  {t('decisions.proposed.issue')}
                </DisclosureButton>
                <DisclosureButton
                  testId={`waive-warning-${p.unitId}`}
                  isOpen={isOpen(p, 'waive')}
                  disabled={!mayDecide}
                  onToggle={() => setOpen(isOpen(p, 'waive') ? null : { unitId: p.unitId, action: 'waive' })}
                  forReader={unitName(p.unitId)}
                >
                  {t('decisions.proposed.waive')}
                </DisclosureButton>
              </div>
              {isOpen(p, 'issue') && (
                <TextActionForm
                  testId={`issue-warning-form-${p.unitId}`}
                  label={t('decisions.proposed.note')}
                  submitLabel={t('decisions.proposed.confirmIssue')}
                  initialText={t('decisions.proposed.defaultNote', {
                    fulfilment: format.percent(p.fulfilment),
                    threshold: format.percent(p.threshold),
                  })}
                  maxLength={Limits.textLength}
                  isDisabled={!canSend}
                  onCancel={() => setOpen(null)}
                  onSubmit={(note) =>
                    submit(
                      { type: 'warning:issue', payload: { unitId: p.unitId, note: note || null } },
                      t('decisions.proposed.failedIssue', { unit: unitName(p.unitId) }),
                    )
                  }
                />
              )}
              {isOpen(p, 'waive') && (
                <TextActionForm
                  testId={`waive-warning-form-${p.unitId}`}
                  label={t('decisions.proposed.reason')}
                  submitLabel={t('decisions.proposed.confirmWaive')}
                  requiredMessage={t('decisions.proposed.reasonMissing')}
                  maxLength={Limits.textLength}
                  isDisabled={!canSend}
                  onCancel={() => setOpen(null)}
                  onSubmit={(reason) =>
                    submit(
                      { type: 'warning:waive', payload: { unitId: p.unitId, reason } },
                      t('decisions.proposed.failedWaive', { unit: unitName(p.unitId) }),
                    )
                  }
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {(issued.length > 0 || waivers.length > 0) && (
        <>
          <h3 className="subheading">{t('decisions.proposed.decided')}</h3>
          <ul className="plain-list">
            {issued.map((w) => (
              <li key={w.id}>
                <FlagIcon />{' '}
                {t('decisions.proposed.issuedLine', {
                  unit: unitName(w.unitId),
                  fulfilment: format.percent(w.fulfilment),
                })}
                {w.note && <span className="muted"> — {w.note}</span>}
              </li>
            ))}
            {waivers.map((w) => (
              <li key={w.unitId}>
                {t('decisions.proposed.waivedLine', { unit: unitName(w.unitId), reason: w.reason })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Warnings carried from the previous period: the second review lifts or escalates each. */
function SecondReviews() {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const session = useSessionStore((s) => s.session);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError } = useCommand();
  const [open, setOpen] = useState<{ warningId: string; action: 'lift' | 'escalate' } | null>(null);
  const reviews = useMemo(() => decisionSelectors.secondReviews(session), [session]);
  const mayDecide = canIssue('chair', 'warning:lift', session.status);
  const unitName = (unitId: string) => sessionSelectors.unitName(session, unitId) ?? unitId;
  const isOpen = (r: SecondReview, action: 'lift' | 'escalate') =>
    open?.warningId === r.warning.id && open.action === action;

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="second-reviews">
      <h2 id={headingId} className="panel__heading">
        {t('decisions.second.heading', { count: reviews.length })}
      </h2>
      <ErrorNote message={error} onDismiss={dismissError} />
      {reviews.length === 0 ? (
        <p className="muted">{t('decisions.second.none')}</p>
      ) : (
        <ul className="decision-list">
          {reviews.map((review) => {
            const { warning, item, productionNow } = review;
            return (
              <li key={warning.id} className="decision" data-testid={`second-review-${warning.id}`}>
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
    </section>
  );
}

/** Every directive with what the chair may do with it, and a form to issue a new one. */
function Directives() {
  const { t } = useTranslation();
  const headingId = useId();
  const session = useSessionStore((s) => s.session);
  const [isIssuing, setIsIssuing] = useState(false);
  const tracked = useMemo(() => decisionSelectors.directiveTracker(session, todayIsoDate()), [session]);
  const mayIssue = canIssue('chair', 'directive:issue', session.status);
  const firstUnit = session.unitOrder[0] ?? '';

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="directives-panel">
      <h2 id={headingId} className="panel__heading">
        {t('decisions.directives.heading', { count: tracked.length })}
      </h2>
      <DisclosureButton
        testId="issue-directive"
        isOpen={isIssuing}
        disabled={!mayIssue}
        onToggle={() => setIsIssuing((v) => !v)}
      >
        {t('decisions.directives.new')}
      </DisclosureButton>
      {isIssuing && (
        <DirectiveForm
          initial={{ kind: 'inspection', assigneeUnitId: firstUnit, title: '', fromCriticismId: null, itemId: null }}
          onDone={() => setIsIssuing(false)}
        />
      )}
      {tracked.length === 0 ? (
        <p className="muted">{t('decisions.directives.none')}</p>
      ) : (
        <div className="directive-list">
          {tracked.map(({ directive, isOverdue }) => (
            <DirectiveCard key={directive.id} directive={directive} isOverdue={isOverdue} />
          ))}
        </div>
      )}
    </section>
  );
}

/** Closing the session, once nothing is on the floor and every proposed warning is decided. */
function CloseSession() {
  const { t } = useTranslation();
  const headingId = useId();
  const session = useSessionStore((s) => s.session);
  const pendingById = usePendingStore((s) => s.byId);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError } = useCommand();
  const [isConfirming, setIsConfirming] = useState(false);
  const blocker = decisionSelectors.closeSessionBlocker(session);
  const isBusy = pendingSelectors.isFloorBusy(pendingById);

  if (session.status === 'closed') {
    return (
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId} className="panel__heading">
          {t('decisions.close.heading')}
        </h2>
        <p data-testid="session-closed">{t('decisions.close.closed')}</p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__heading">
        {t('decisions.close.heading')}
      </h2>
      <p className="muted">{blocker ? t(`decisions.close.blocker.${blocker}`) : t('decisions.close.ready')}</p>
      <ErrorNote message={error} onDismiss={dismissError} />
      {!isConfirming ? (
        <button
          type="button"
          className="button button--danger"
          data-testid="close-session"
          disabled={blocker !== null || !canSend || isBusy}
          onClick={() => setIsConfirming(true)}
        >
          {t('decisions.close.action')}
        </button>
      ) : (
        <div className="button-row" role="group" aria-label={t('decisions.close.confirmGroup')}>
          <button
            type="button"
            className="button button--danger"
            data-testid="close-session-confirm"
            disabled={blocker !== null || !canSend || isBusy}
            onClick={() =>
              void run({ type: 'session:close', payload: {} }, t('agenda.failed.closeSession')).then(() =>
                setIsConfirming(false),
              )
            }
          >
            {t('decisions.close.confirm')}
          </button>
          <button type="button" className="button" onClick={() => setIsConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}

/** The chair's decisions: proposed warnings, second reviews, directives, closing the session. */
export function DecisionsView() {
  return (
    <div className="layout layout--two">
      <div className="layout__column">
        <ProposedWarnings />
        <SecondReviews />
        <CloseSession />
      </div>
      <div className="layout__column">
        <Directives />
      </div>
    </div>
  );
}
