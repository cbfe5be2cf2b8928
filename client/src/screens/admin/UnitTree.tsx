import { useTranslation } from 'react-i18next';
import type { RegisteredUnit } from '@plenum/shared';
import { useFormat } from '../../lib/useFormat';
import type { UnitNode } from './unitTree';

interface UnitTreeProps {
  nodes: UnitNode[];
  onEdit: (entry: RegisteredUnit) => void;
  onMove: (entry: RegisteredUnit) => void;
  onRetire: (entry: RegisteredUnit) => void;
  /** The list's name for screen readers; only the top list has one. */
  label?: string;
}

/** The register's units as nested lists, each with its kind, ownership, sector, class and region, and its actions. */
export function UnitTree({ nodes, onEdit, onMove, onRetire, label }: UnitTreeProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="unit-tree" aria-label={label}>
      {nodes.map(({ entry, children }) => {
        const { unit, retiredAt } = entry;
        return (
          <li key={unit.id} data-testid={`unit-${unit.id}`}>
            <div className={retiredAt ? 'unit-tree__row unit-tree__row--retired' : 'unit-tree__row'}>
              <div>
                <strong>{unit.name}</strong> <span className="muted">{unit.id}</span>
                <div className="unit-tree__tags">
                  <span className="tag">{t(`admin.unitKind.${unit.kind}`)}</span>
                  <span className="tag">{t(`labels.ownership.${unit.ownership}`)}</span>
                  <span className="tag">{t('admin.register.sectorTag', { sector: unit.sector })}</span>
                  {unit.class && <span className="tag">{t('admin.register.classTag', { class: unit.class })}</span>}
                  <span className="tag">{t('admin.register.regionTag', { region: unit.region })}</span>
                  {retiredAt && (
                    <span className="tag unit-tree__retired" data-testid={`unit-${unit.id}-retired`}>
                      {t('admin.register.retiredOn', { date: format.shortDate(retiredAt.slice(0, 10)) })}
                    </span>
                  )}
                </div>
              </div>
              {!retiredAt && (
                <div className="button-row unit-tree__actions">
                  <button type="button" className="button button--small" onClick={() => onEdit(entry)}>
                    {t('admin.register.edit')}
                    <span className="visually-hidden">: {unit.name}</span>
                  </button>
                  <button type="button" className="button button--small" onClick={() => onMove(entry)}>
                    {t('admin.register.move')}
                    <span className="visually-hidden">: {unit.name}</span>
                  </button>
                  <button
                    type="button"
                    className="button button--small button--danger"
                    data-testid={`unit-${unit.id}-retire`}
                    onClick={() => onRetire(entry)}
                  >
                    {t('admin.register.retire')}
                    <span className="visually-hidden">: {unit.name}</span>
                  </button>
                </div>
              )}
            </div>
            {children.length > 0 && <UnitTree nodes={children} onEdit={onEdit} onMove={onMove} onRetire={onRetire} />}
          </li>
        );
      })}
    </ul>
  );
}
