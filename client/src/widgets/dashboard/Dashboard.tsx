import { canIssue, type ComparisonDimension } from '@plenum/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Select } from '../../components/Select';
import { comparisonDimensions } from '../../lib/labels';
import { ReportImport } from '../../screens/presenter/ReportImport';
import { useSessionStore } from '../../stores/session';
import { DownloadRecords } from '../minutes/DownloadRecords';
import { tableFiles } from '../minutes/downloadRecord';
import { Comparisons } from './Comparisons';
import { Ranking } from './Ranking';
import { WarningsBoard } from './WarningsBoard';
import { DirectivesTracker } from './DirectivesTracker';
import { Trends } from './Trends';
import { StreaksPanel } from '../trends/StreaksPanel';
import './Dashboard.css';

/**
 * Comparisons by ownership, sector, region and class, the ranking against the threshold, the
 * warnings board, the directives tracker, the units under the threshold quarter after quarter and
 * the trends; for the chair, the import of plans and
 * results of any unit from a file. Loaded on first use.
 */
export default function Dashboard() {
  const { t } = useTranslation();
  const fieldId = useId();
  const [dimension, setDimension] = useState<ComparisonDimension>('ownership');
  const isChair = useSessionStore((s) => s.you?.role === 'chair');
  const mayImport = useSessionStore((s) => canIssue('chair', 'report:submit', s.session.status));

  return (
    <div className="dashboard" data-testid="dashboard">
      <div className="panel dashboard__controls">
        <label htmlFor={fieldId}>{t('dashboard.compareBy')}</label>{' '}
        <Select
          id={fieldId}
          data-testid="dashboard-dimension"
          value={dimension}
          options={comparisonDimensions.map((d) => ({ value: d, label: t(`labels.dimension.${d}`) }))}
          onChange={setDimension}
        />
        <DownloadRecords files={tableFiles} />
      </div>
      {isChair && <ReportImport isDisabled={!mayImport} />}
      <div className="layout layout--two">
        <Comparisons dimension={dimension} />
        <Ranking />
      </div>
      <div className="layout layout--two">
        <WarningsBoard />
        <DirectivesTracker />
      </div>
      <StreaksPanel />
      <Trends dimension={dimension} />
    </div>
  );
}
