import type { IssuedLink } from '@plenum/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/Panel';

/** A CSV field, quoted when it holds a separator, a quote or a line break. */
const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * Links just issued, shown this once (the server keeps only their hashes): each with its person
 * and role, a button to copy them all and one to download them as CSV.
 */
export function IssuedLinks({ links, onDismiss }: { links: readonly IssuedLink[]; onDismiss: () => void }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'copied' | 'failed' | null>(null);
  const rows = links.map(({ participant, link }) => [participant.name, t(`labels.role.${participant.role}`), link]);

  const copyAll = async () => {
    try {
      await navigator.clipboard.writeText(rows.map((row) => row.join('\t')).join('\n'));
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  const download = () => {
    const header = [t('prepare.invite.name'), t('prepare.invite.role'), t('prepare.links.link')];
    const csv = [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n');
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = 'invitations.csv';
    anchor.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Panel
      heading={t('prepare.links.heading', { count: links.length })}
      className="prepare-links"
      testId="issued-links"
    >
      <p className="prepare-warn" role="alert">
        {t('prepare.links.once')}
      </p>
      <table className="prepare-table">
        <thead>
          <tr>
            <th scope="col">{t('prepare.invite.name')}</th>
            <th scope="col">{t('prepare.invite.role')}</th>
            <th scope="col">{t('prepare.links.link')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, role, link]) => (
            <tr key={link}>
              <td>{name}</td>
              <td>{role}</td>
              <td>
                <code className="prepare-links__link">{link}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          data-testid="copy-links"
          onClick={() => void copyAll()}
        >
          {t('prepare.links.copyAll')}
        </button>
        <button type="button" className="button" data-testid="download-links" onClick={download}>
          {t('prepare.links.download')}
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          {t('prepare.links.done')}
        </button>
        <span role="status">{copy && t(`prepare.links.${copy}`)}</span>
      </div>
    </Panel>
  );
}
