import type { Flag, ReportState } from '@plenum/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FlagIcon } from '../../components/FlagIcon';
import { useFormat } from '../../lib/useFormat';
import { flagReason, flagTitle } from './flagText';

/** The flags of a report, each with its sign, its name and why it fired, in words. */
export function FlagList({ flags, report }: { flags: Flag[]; report: ReportState }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  return (
    <div className="flags" data-testid="report-flags">
      <h3 id={headingId} className="flags__heading">
        {t('report.flags.heading', { count: flags.length })}
      </h3>
      {flags.length === 0 ? (
        <p className="muted">{t('report.flags.none')}</p>
      ) : (
        <ul className="flags__list" aria-labelledby={headingId}>
          {flags.map((flag, index) => (
            <li key={`${flag.kind}-${flag.indicatorId ?? 'all'}-${index}`} className="flag" data-kind={flag.kind}>
              <FlagIcon /> <strong>{flagTitle(t, flag)}</strong>: {flagReason(t, flag, report, format)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
