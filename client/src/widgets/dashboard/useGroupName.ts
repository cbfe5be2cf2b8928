import { type ComparisonDimension, type Ownership } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { ownerships } from '../../lib/labels';

/** The words for a group of a comparison: ownership is translated, the rest are the units' own names. */
export function useGroupName(dimension: ComparisonDimension) {
  const { t } = useTranslation();
  return (key: string) => {
    if (dimension === 'ownership' && (ownerships as string[]).includes(key)) {
      return t(`labels.ownership.${key as Ownership}`);
    }
    if (key === 'none') return t('dashboard.none');
    return key;
  };
}
