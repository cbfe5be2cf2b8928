import type { Role } from '@plenum/shared';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { withWords } from '../i18n';
import { Tabs } from '../components/Tabs';
import { useSessionStore } from '../stores/session';
import { uiSelectors, useUiStore, type SessionView } from '../stores/ui';
import { SessionHeader } from './SessionHeader';
import './SessionPage.css';

// Charts and the minutes are not needed to follow the floor: they load when first opened, with
// the words of every component they render (the chair's dashboard has the report import; each
// says a failed request with `apiErrorText`, which can name refused fields);
// i18n/lazyWords.test.ts checks the lists.
const Dashboard = lazy(() =>
  withWords(['records', 'imports', 'decisions', 'refusals'], import('../widgets/dashboard/Dashboard')),
);
const Minutes = lazy(() => withWords(['records', 'decisions', 'refusals'], import('../widgets/minutes/Minutes')));
const UnitHistory = lazy(() => withWords(['records', 'refusals'], import('../widgets/trends/UnitHistory')));

interface SessionPageProps {
  role: Role;
  /** The live floor of this role. */
  floor: ReactNode;
  /** The role's other views besides the floor, the dashboard, the history and the minutes. */
  views?: Partial<Record<SessionView, ReactNode>>;
}

/** A role's screen: the header, the tabs of the views it has, and the view chosen. */
export function SessionPage({ role, floor, views = {} }: SessionPageProps) {
  const { t } = useTranslation();
  const status = useSessionStore((s) => s.session.status);
  const view = useUiStore((s) => uiSelectors.effectiveView(s.view, role, status));
  const setView = useUiStore((s) => s.setView);
  const tabs = uiSelectors.viewsFor(role, status).map((id) => ({ id, label: t(`views.${id}`) }));
  const loading = <p className="panel muted">{t('common.loading')}</p>;

  let content: ReactNode;
  switch (view) {
    case 'floor':
      content = floor;
      break;
    case 'dashboard':
      content = <Dashboard />;
      break;
    case 'minutes':
      content = <Minutes />;
      break;
    case 'history':
      content = <UnitHistory />;
      break;
    case 'report':
    case 'unit':
    case 'verify':
    case 'decisions':
    case 'attendance':
    case 'prepare':
      content = views[view] ?? floor;
      break;
  }

  return (
    <div className="page">
      <SessionHeader />
      <main id="main" className="session-main" tabIndex={-1}>
        <Tabs tabs={tabs} selected={view} onSelect={setView} label={t('views.label')} idPrefix="session-view">
          <Suspense fallback={loading}>{content}</Suspense>
        </Tabs>
      </main>
    </div>
  );
}
