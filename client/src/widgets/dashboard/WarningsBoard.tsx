import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/useFormat';
import { decisionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { Panel } from '../../components/Panel';

/** The warnings proposed, issued, carried over and waived in this session. */
export function WarningsBoard() {
  const { t } = useTranslation();
  const format = useFormat();
  const proposed = useSessionState(decisionSelectors.proposedWarnings);
  const warnings = useSessionState(decisionSelectors.allWarnings);
  const waivers = useSessionState(decisionSelectors.waivers);
  const units = useSessionStore((s) => s.session.units);
  const unitName = (unitId: string) => units[unitId]?.name ?? unitId;
  const columns = [
    {
      key: 'proposed',
      title: t('dashboard.warnings.proposed'),
      items: proposed.map((p) => ({ id: p.unitId, text: `${unitName(p.unitId)} · ${format.percent(p.fulfilment)}` })),
    },
    ...(['open', 'lifted', 'escalated'] as const).map((status) => ({
      key: status,
      title: t(`labels.warningStatus.${status}`),
      items: warnings
        .filter((w) => w.status === status)
        .map((w) => ({
          id: w.id,
          text: `${unitName(w.unitId)} · ${w.period} · ${format.percent(w.fulfilment)}`,
        })),
    })),
    {
      key: 'waived',
      title: t('dashboard.warnings.waived'),
      items: waivers.map((w) => ({ id: w.unitId, text: `${unitName(w.unitId)} · ${w.reason}` })),
    },
  ];

  return (
    <Panel heading={t('dashboard.warnings.heading')} testId="warnings-board">
      <div className="board">
        {columns.map((column) => (
          <section key={column.key} className="board__column" aria-label={column.title} data-status={column.key}>
            <h3 className="board__heading">
              {column.title} <span className="muted">({format.figure(column.items.length)})</span>
            </h3>
            {column.items.length === 0 ? (
              <p className="muted">{t('dashboard.warnings.empty')}</p>
            ) : (
              <ul className="plain-list">
                {column.items.map((item) => (
                  <li key={item.id}>{item.text}</li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </Panel>
  );
}
