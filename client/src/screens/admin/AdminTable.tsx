import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from './LoadFailed';
import type { ApiData } from '../../lib/useApiData';

interface AdminTableProps<T> {
  data: ApiData<T[]>;
  /** The column headers, in order; each row's cells give theirs as `data-label`, shown beside them on a phone. */
  headers: string[];
  /** A last column of buttons, its header read by screen readers only; its cells have no `data-label`. */
  hasActions?: boolean;
  /** Shown instead of a table with no rows; omitted, the empty table shows. */
  none?: string;
  testId?: string;
  /** The table's rows. */
  children: (rows: T[]) => ReactNode;
}

/**
 * A console list loaded from the API: loading, its failure with a retry, nothing yet, or the table.
 * On a phone each row stacks (`figures--stacked`): its heading, each cell under its `data-label`,
 * then its buttons, so none is off the side of the screen.
 */
export function AdminTable<T>({ data, headers, hasActions = false, none, testId, children }: AdminTableProps<T>) {
  const { t } = useTranslation();
  if (data.state === 'loading') return <p className="muted">{t('common.loading')}</p>;
  if (data.state === 'failed') return <LoadFailed error={data.error} onRetry={data.reload} />;
  if (data.data.length === 0 && none !== undefined) return <p className="muted">{none}</p>;
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="admin-table figures--stacked" data-testid={testId}>
        <thead>
          <tr>
            {headers.map((header) => (
              <th scope="col" key={header}>
                {header}
              </th>
            ))}
            {hasActions && (
              <th scope="col">
                <span className="visually-hidden">{t('admin.sessions.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children(data.data)}</tbody>
      </table>
    </div>
  );
}
