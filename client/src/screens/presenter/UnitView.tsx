import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FlagIcon } from '../../components/FlagIcon';
import { todayIsoDate } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { warningNoteIn } from '../../lib/warningNoteText';
import { decisionSelectors, sessionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { isOverdue } from '@plenum/shared';
import { DirectiveCard } from '../../widgets/directives/DirectiveCard';
import { PresenterSlot } from './PresenterSlot';

/** The presenter's unit: its slot and countdown, the directives it owes or holds, and its warnings. */
export function UnitView() {
  const { t } = useTranslation();
  const format = useFormat();
  const directivesId = useId();
  const warningsId = useId();
  const you = useSessionStore((s) => s.you);
  const unitId = you?.unitId ?? null;
  const directives = useSessionState(decisionSelectors.directivesOfUnit, unitId ?? '');
  const warnings = useSessionState(decisionSelectors.warningsOfUnit, unitId ?? '');
  const today = todayIsoDate();
  const unitName = useSessionStore((s) => sessionSelectors.unitName(s.session, unitId)) ?? t('common.aUnit');

  return (
    <div className="layout layout--two">
      <div className="layout__column">
        <PresenterSlot />
        <section className="panel" aria-labelledby={warningsId} data-testid="unit-warnings">
          <h2 id={warningsId} className="panel__heading">
            {t('presenter.warnings.heading', { unit: unitName })}
          </h2>
          {warnings.length === 0 ? (
            <p className="muted">{t('presenter.warnings.none')}</p>
          ) : (
            <ul className="plain-list">
              {warnings.map((w) => (
                <li key={w.id}>
                  {w.status === 'open' && <FlagIcon />}{' '}
                  {t('presenter.warnings.line', {
                    period: w.period,
                    fulfilment: format.percent(w.fulfilment),
                    threshold: format.percent(w.threshold),
                  })}{' '}
                  <span className="tag" data-status={w.status}>
                    {t(`labels.warningStatus.${w.status}`)}
                  </span>
                  {w.status === 'open' && w.carriedFromSessionId && (
                    <p className="muted">{t('presenter.warnings.secondReview')}</p>
                  )}
                  {w.note && <p className="muted">{warningNoteIn(t, format.percent, w)}</p>}
                  {w.decisionNote && <p>{t('decisions.second.decisionNote', { note: w.decisionNote })}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className="panel layout__column" aria-labelledby={directivesId} data-testid="unit-directives">
        <h2 id={directivesId} className="panel__heading">
          {t('presenter.directives.heading', { count: directives.length })}
        </h2>
        {directives.length === 0 ? (
          <p className="muted">{t('presenter.directives.none')}</p>
        ) : (
          directives.map((directive) => (
            <DirectiveCard key={directive.id} directive={directive} isOverdue={isOverdue(directive, today)} />
          ))
        )}
      </section>
    </div>
  );
}
