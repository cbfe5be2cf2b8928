import type { Role } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { Select } from '../../components/Select';
import { UnitSelect } from './UnitSelect';

interface RoleUnitFieldsProps<TRole extends Role> {
  /** Prefix of the two fields' ids. */
  id: string;
  /** The roles offered (see `inviteRoles`). */
  roles: readonly TRole[];
  role: TRole;
  onRoleChange: (role: TRole) => void;
  unitId: string | null;
  onUnitChange: (unitId: string | null) => void;
  /** A unit already chosen stays offered even when it was retired since. */
  keepUnit?: string | null;
}

/** What an invitation grants: the role and the unit, each a labelled field. */
export function RoleUnitFields<TRole extends Role>({
  id,
  roles,
  role,
  onRoleChange,
  unitId,
  onUnitChange,
  keepUnit = null,
}: RoleUnitFieldsProps<TRole>) {
  const { t } = useTranslation();
  // Widened to Role: the key of a generic role is not resolved through the namespaces.
  const roleLabel = (r: Role) => t(`labels.role.${r}`);
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('prepare.invite.role')}</label>
        <Select
          id={`${id}-role`}
          value={role}
          options={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
          onChange={onRoleChange}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-unit`}>{t('prepare.invite.unit')}</label>
        <UnitSelect id={`${id}-unit`} value={unitId} keep={keepUnit} onChange={onUnitChange} />
      </div>
    </>
  );
}
