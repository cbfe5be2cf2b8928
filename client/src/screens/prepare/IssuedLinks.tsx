import type { IssuedLink } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { IssuedLinkActions } from '../../components/IssuedLinkActions';
import { Panel } from '../../components/Panel';

/** A CSV field, quoted when it holds a separator, a quote or a line break. */
const csvField = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

interface IssuedLinksProps {
  links: readonly IssuedLink[];
  /** How many links issued with these are left out, their invitations revoked since. */
  revoked: number;
  onDismiss: () => void;
}

/**
 * Links just issued, shown this once (the server keeps only their hashes): each with its person
 * and role, a button to copy them all, one to download them as CSV, and one to put them away
 * once copied: until then they stay, whichever view is opened meanwhile.
 */
export function IssuedLinks({ links, revoked, onDismiss }: IssuedLinksProps) {
  const { t } = useTranslation();
  const rows = links.map(({ participant, link }) => [participant.name, t(`labels.role.${participant.role}`), link]);

  const header = [t('prepare.invite.name'), t('prepare.invite.role'), t('prepare.links.link')];
  const csv = [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n');

  return (
    <Panel
      heading={t('prepare.links.heading', { count: links.length })}
      className="prepare-links"
      testId="issued-links"
    >
      <p className="prepare-warn" role="alert">
        {t('prepare.links.once')}
      </p>
      {revoked > 0 && <p className="muted">{t('prepare.links.revoked', { count: revoked })}</p>}
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
      <IssuedLinkActions
        copyText={rows.map((row) => row.join('\t')).join('\n')}
        file={{ name: 'invitations.csv', text: csv, type: 'text/csv' }}
        onDone={onDismiss}
        labels={{
          copy: t('prepare.links.copyAll'),
          download: t('prepare.links.download'),
          done: t('prepare.links.done'),
          copied: t('prepare.links.copied'),
          copyFailed: t('prepare.links.failed'),
        }}
        testIds={{ copy: 'copy-links', download: 'download-links', done: 'dismiss-links' }}
      />
    </Panel>
  );
}
