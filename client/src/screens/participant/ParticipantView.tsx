import type { Role } from '@plenum/shared';
import { lazy, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { withWords } from '../../i18n';
import { sessionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { AgendaOverview } from '../../widgets/agenda/AgendaOverview';
import { CriticismList } from '../../widgets/criticisms/CriticismList';
import { CriticismFormOrUnsent, mayCriticise } from '../../widgets/criticisms/CriticismFormOrUnsent';
import { CurrentItemPanel } from '../../widgets/floor/CurrentItemPanel';
import { HandControl, SpeakerQueue } from '../../widgets/floor/SpeakerQueue';
import { PresenterSlot } from '../presenter/PresenterSlot';
import { ReportFigures } from '../../widgets/reports/ReportFigures';
import { SessionPage } from '../../shell/SessionPage';
import './ParticipantView.css';

// Views away from the floor load when first opened, keeping the first screen light.
// A unit's report may be imported from a file: the import's words come with the form.
const ReportForm = lazy(() =>
  withWords(['imports', 'admin', 'confirm', 'refusals'], import('../presenter/ReportForm')).then((m) => ({
    default: m.ReportForm,
  })),
);
const UnitView = lazy(() =>
  withWords(['decisions', 'confirm'], import('../presenter/UnitView')).then((m) => ({ default: m.UnitView })),
);
const VerifyView = lazy(() =>
  withWords(['decisions', 'confirm', 'refusals'], import('../inspector/VerifyView')).then((m) => ({
    default: m.VerifyView,
  })),
);

/** The live floor of presenters, officials and inspectors: the item, the figures, the criticism. */
function ParticipantFloor({ role }: { role: Role }) {
  const { t } = useTranslation();
  const focus = useSessionState(sessionSelectors.focusItem);
  const isCurrent = useSessionStore((s) => focus !== null && focus.id === s.session.currentItemId);
  const criticismAnchor = useId();

  return (
    <div className="layout layout--participant">
      <div className="layout__column">
        {/* The item on the floor below shows the countdown: once on a screen is enough. */}
        {role === 'presenter' && <PresenterSlot withTimer={false} />}
        <CurrentItemPanel item={focus}>
          <HandControl />
        </CurrentItemPanel>
        {/* In one column the form comes after the figures: a way to it from the first screen. */}
        {mayCriticise(role, focus, isCurrent) && (
          <a className="button jump-to-criticism" href={`#${criticismAnchor}`} data-testid="jump-to-criticism">
            {t('floor.toCriticismForm')} <span aria-hidden="true">↓</span>
          </a>
        )}
        {focus?.unitId && (
          <ReportFigures
            unitId={focus.unitId}
            showChart={role !== 'presenter'}
            showFlags
            showFindings={role === 'inspector'}
          />
        )}
      </div>
      <div className="layout__column">
        <CriticismFormOrUnsent role={role} item={focus} isCurrent={isCurrent} anchorId={criticismAnchor} />
        {focus ? <CriticismList itemId={focus.id} /> : <p className="panel muted">{t('floor.criticismLater')}</p>}
        <SpeakerQueue />
        <AgendaOverview />
      </div>
    </div>
  );
}

/** The screen of presenters, officials and inspectors, with the views of their role. */
export function ParticipantView({ role }: { role: Role }) {
  return (
    <SessionPage
      role={role}
      floor={<ParticipantFloor role={role} />}
      views={{ report: <ReportForm />, unit: <UnitView />, verify: <VerifyView /> }}
    />
  );
}
