import { useTranslation } from 'react-i18next';
import { Select } from '../../components/Select';
import { useSessionStore } from '../../stores/session';

interface UnitSelectProps {
  id: string;
  value: string | null;
  onChange: (unitId: string | null) => void;
  /** A unit already chosen stays offered even when it was retired since. */
  keep?: string | null;
  /** The unit was refused: marked for screen readers, described by what is said beside it. */
  'aria-invalid'?: boolean | undefined;
  'aria-describedby'?: string | undefined;
}

/** The session's units (retired ones left out), or none. */
export function UnitSelect({ id, value, onChange, keep = null, ...aria }: UnitSelectProps) {
  const { t } = useTranslation();
  const units = useSessionStore((s) => s.session.units);
  const unitOrder = useSessionStore((s) => s.session.unitOrder);
  const retired = useSessionStore((s) => s.session.retiredUnits);
  const options = [
    { value: '', label: t('prepare.item.noUnit') },
    ...unitOrder
      .filter((unitId) => !retired[unitId] || unitId === keep)
      .map((unitId) => ({ value: unitId, label: units[unitId]?.name ?? unitId })),
  ];
  return (
    <Select {...aria} id={id} value={value ?? ''} options={options} onChange={(v) => onChange(v === '' ? null : v)} />
  );
}
