import { isLowerBetter, type IndicatorState } from '@plenum/shared';
import { useTranslation } from 'react-i18next';

/** The tag beside a lower-is-better indicator's name, whose plan is a ceiling; nothing for the others. */
export function DirectionTag({ indicator }: { indicator: Pick<IndicatorState, 'direction'> }) {
  const { t } = useTranslation();
  if (!isLowerBetter(indicator)) return null;
  return (
    <span className="tag" title={t('report.lowerIsBetterHint')}>
      {t('report.lowerIsBetterTag')}
    </span>
  );
}
