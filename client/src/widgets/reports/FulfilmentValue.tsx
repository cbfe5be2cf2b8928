import { useTranslation } from 'react-i18next';
import { FlagIcon } from '../../components/FlagIcon';
import { useFormat } from '../../lib/useFormat';

/** A fulfilment share, marked in words and with a sign when it is under the threshold. */
export function FulfilmentValue({ value, threshold }: { value: number | null; threshold: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const isBelow = value !== null && threshold !== null && value < threshold;
  return (
    <span className={isBelow ? 'fulfilment fulfilment--below' : 'fulfilment'}>
      {isBelow && <FlagIcon />}
      {format.percent(value)}
      {isBelow && <span className="fulfilment__note"> {t('report.belowThreshold')}</span>}
    </span>
  );
}
