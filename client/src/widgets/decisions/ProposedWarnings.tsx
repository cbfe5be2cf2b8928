import { canIssue, Limits, type CommandInput } from '@plenum/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DisclosureButton } from '../../components/DisclosureButton';
import { ErrorNote } from '../../components/ErrorNote';
import { FlagIcon } from '../../components/FlagIcon';
import { TextActionForm } from '../../components/TextActionForm';
import { formatPercent, todayIsoDate } from '../../lib/format';
import { isSystemText } from '../../lib/systemText';
import { useFormat } from '../../lib/useFormat';
import { standardWarningNoteIn, warningNoteIn } from '../../lib/warningNoteText';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { decisionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { Panel } from '../../components/Panel';
import { OvertakenNote } from './OvertakenNote';
import { ReconsideredList } from './ReconsideredList';
import { TakeBack } from './TakeBack';

type Open = { unitId: string; action: 'issue' | 'waive' | 'reconsider' } | null;

/**
 * Warnings the figures call for: the chair issues each (with an optional note) or waives it with
 * a reason, and may take a decision back, with a reason, while the session sits.
 */
export function ProposedWarnings() {
  const { t } = useTranslation();
  const format = useFormat();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError } = useCommand();
  const [open, setOpen] = useState<Open>(null);
  // What is typed in the open form, and whose decision this screen is sending, so that a
  // decision made on another chair screen meanwhile is said, with the unsent text, not lost.
  const [draft, setDraft] = useState('');
  const [sendingUnitId, setSendingUnitId] = useState<string | null>(null);
  const { proposed: proposals, lifted } = useSessionState(decisionSelectors.warningProposals);
  const issued = useSessionState(decisionSelectors.issuedWarnings);
  const waivers = useSessionState(decisionSelectors.waivers);
  const reconsidered = useSessionState(decisionSelectors.reconsidered);
  const status = useSessionStore((s) => s.session.status);
  const units = useSessionStore((s) => s.session.units);
  const mayDecide = canIssue('chair', 'warning:issue', status);
  const unitName = (unitId: string) => units[unitId]?.name ?? unitId;

  const submit = async (command: CommandInput, failure: string) => {
    setSendingUnitId(open?.unitId ?? null);
    const ok = await run(command, failure);
    setSendingUnitId(null);
    if (ok) setOpen(null);
    return ok;
  };
  const toggle = (next: Open) => {
    setDraft('');
    setOpen(next);
  };
  const isOpen = (unitId: string, action: NonNullable<Open>['action']) =>
    open?.unitId === unitId && open.action === action;
  // A form whose unit another chair screen decided (or, for taking back, un-decided) meanwhile.
  const stillApplies = (o: NonNullable<Open>) =>
    o.action === 'reconsider'
      ? issued.some((w) => w.unitId === o.unitId) || waivers.some((w) => w.unitId === o.unitId)
      : proposals.some((p) => p.unitId === o.unitId);
  const overtaken = open !== null && open.unitId !== sendingUnitId && !stillApplies(open) ? open : null;
  const reconsiderControls = (unitId: string) => (
    <TakeBack
      testIdPrefix="reconsider-warning"
      targetId={unitId}
      unitName={unitName(unitId)}
      isOpen={isOpen(unitId, 'reconsider')}
      onToggle={() => toggle(isOpen(unitId, 'reconsider') ? null : { unitId, action: 'reconsider' })}
      mayDecide={mayDecide}
      canSend={canSend}
      onTextChange={setDraft}
      onSubmit={(reason) =>
        submit(
          { type: 'warning:reconsider', payload: { unitId, reason } },
          t('decisions.proposed.failedReconsider', { unit: unitName(unitId) }),
        )
      }
    />
  );

  return (
    <Panel heading={t('decisions.proposed.heading', { count: proposals.length })} testId="proposed-warnings">
      <p className="muted">{t('decisions.proposed.intro')}</p>
      <ErrorNote message={error} onDismiss={dismissError} />
      {overtaken && (
        <OvertakenNote
          testId="proposed-warning-overtaken"
          message={t(
            overtaken.action === 'reconsider' ? 'decisions.proposed.overtakenBack' : 'decisions.proposed.overtaken',
            { unit: unitName(overtaken.unitId) },
          )}
          unsent={draft.trim()}
          onDismiss={() => toggle(null)}
        />
      )}
      {proposals.length === 0 ? (
        <p className="muted">{t('decisions.proposed.none')}</p>
      ) : (
        <ul className="decision-list">
          {proposals.map((p) => (
            <li key={p.unitId} className="card decision" data-testid={`proposed-warning-${p.unitId}`}>
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
                  isOpen={isOpen(p.unitId, 'issue')}
                  disabled={!mayDecide}
                  onToggle={() => toggle(isOpen(p.unitId, 'issue') ? null : { unitId: p.unitId, action: 'issue' })}
                  forReader={unitName(p.unitId)}
                >
                  {t('decisions.proposed.issue')}
                </DisclosureButton>
                <DisclosureButton
                  testId={`waive-warning-${p.unitId}`}
                  isOpen={isOpen(p.unitId, 'waive')}
                  disabled={!mayDecide}
                  onToggle={() => toggle(isOpen(p.unitId, 'waive') ? null : { unitId: p.unitId, action: 'waive' })}
                  forReader={unitName(p.unitId)}
                >
                  {t('decisions.proposed.waive')}
                </DisclosureButton>
              </div>
              {isOpen(p.unitId, 'issue') && (
                <TextActionForm
                  testId={`issue-warning-form-${p.unitId}`}
                  label={t('decisions.proposed.note')}
                  submitLabel={t('decisions.proposed.confirmIssue')}
                  initialText={standardWarningNoteIn(t, format.percent, p)}
                  maxLength={Limits.textLength}
                  isDisabled={!canSend}
                  onTextChange={setDraft}
                  onCancel={() => toggle(null)}
                  onSubmit={(note) =>
                    submit(
                      {
                        type: 'warning:issue',
                        payload: {
                          unitId: p.unitId,
                          note: note || null,
                          // Left as shown, in whichever language the form opened, the note is read
                          // in each reader's language.
                          ...(isSystemText(note, (words, language) =>
                            standardWarningNoteIn(words, (ratio) => formatPercent(ratio, language), p),
                          ) && { hasStandardNote: true }),
                        },
                      },
                      t('decisions.proposed.failedIssue', { unit: unitName(p.unitId) }),
                    )
                  }
                />
              )}
              {isOpen(p.unitId, 'waive') && (
                <TextActionForm
                  testId={`waive-warning-form-${p.unitId}`}
                  label={t('decisions.proposed.reason')}
                  submitLabel={t('decisions.proposed.confirmWaive')}
                  requiredMessage={t('decisions.proposed.reasonMissing')}
                  maxLength={Limits.textLength}
                  isDisabled={!canSend}
                  onTextChange={setDraft}
                  onCancel={() => toggle(null)}
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
      {lifted.length > 0 && (
        <ul className="plain-list" data-testid="lifted-proposals">
          {lifted.map((l) => (
            <li key={l.unitId} data-testid={`lifted-proposal-${l.unitId}`}>
              {t('decisions.proposed.liftedLine', {
                unit: unitName(l.unitId),
                time: format.timeOn(l.at, todayIsoDate()),
                from: format.percent(l.from),
                to: format.percent(l.to),
                threshold: format.percent(l.threshold),
              })}
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
                {w.note && <span className="muted"> — {warningNoteIn(t, format.percent, w)}</span>}{' '}
                {reconsiderControls(w.unitId)}
              </li>
            ))}
            {waivers.map((w) => (
              <li key={w.unitId}>
                {t('decisions.proposed.waivedLine', { unit: unitName(w.unitId), reason: w.reason })}{' '}
                {reconsiderControls(w.unitId)}
              </li>
            ))}
          </ul>
        </>
      )}
      {reconsidered.length > 0 && (
        <>
          <h3 className="subheading">{t('decisions.proposed.reconsideredHeading')}</h3>
          <ReconsideredList decisions={reconsidered} testId="reconsidered-decisions" />
        </>
      )}
    </Panel>
  );
}
