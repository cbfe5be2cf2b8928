import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminIdentity } from '@plenum/shared';
import { Tabs } from '../../components/Tabs';
import { LanguageSwitch } from '../../shell/LanguageSwitch';
import type { AdminApi } from './adminApi';
import { AdministratorsTab } from './AdministratorsTab';
import { ApiTokensTab } from './ApiTokensTab';
import { RegisterTab } from './RegisterTab';
import { SessionsTab } from './SessionsTab';
import { topUnit } from './unitTree';
import { useApiData } from '../../lib/useApiData';
import { WebhooksTab } from './WebhooksTab';
import './AdminConsole.css';

type AdminTab = 'sessions' | 'register' | 'administrators' | 'apiTokens' | 'webhooks';

interface AdminConsoleProps {
  api: AdminApi;
  /** The administrator's token, which also opens a session's preparation page. */
  token: string;
  identity: AdminIdentity;
}

/** `/admin`, signed in: the organisation's sessions, its register of units, its administrators, its API tokens and its webhooks. */
export function AdminConsole({ api, token, identity }: AdminConsoleProps) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<AdminTab>('sessions');
  const units = useApiData(useCallback(() => api.units(identity.organisationId), [api, identity.organisationId]));
  const top = units.state === 'loaded' ? topUnit(units.data) : null;

  return (
    <div className="page admin">
      <header className="session-header">
        <a className="skip-link" href="#main">
          {t('common.skipToContent')}
        </a>
        <div className="session-header__title">
          <h1>{t('admin.title')}</h1>
          <p className="muted">
            {t('app.name')}
            {top && (
              <>
                {' · '}
                <span data-testid="admin-organisation">{top.name}</span>
              </>
            )}
          </p>
        </div>
        <div className="session-header__side">
          <p className="session-header__you" data-testid="admin-you">
            <span className="session-header__name">{identity.administrator.name} · </span>
            <span className="tag">{t('labels.role.administrator')}</span>
          </p>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="admin__main">
        <Tabs
          tabs={[
            { id: 'sessions', label: t('admin.tabs.sessions') },
            { id: 'register', label: t('admin.tabs.register') },
            { id: 'administrators', label: t('admin.tabs.administrators') },
            { id: 'apiTokens', label: t('admin.tabs.apiTokens') },
            { id: 'webhooks', label: t('admin.tabs.webhooks') },
          ]}
          selected={tab}
          onSelect={setTab}
          label={t('admin.tabs.label')}
          idPrefix="admin"
          // Five tabs with long names (Administrators): a row scrolling sideways would hide the last ones.
          phoneLayout="wrap"
        >
          {tab === 'sessions' && (
            <SessionsTab api={api} token={token} organisationId={identity.organisationId} topUnit={top} />
          )}
          {tab === 'register' && <RegisterTab api={api} organisationId={identity.organisationId} units={units} />}
          {tab === 'administrators' && <AdministratorsTab api={api} you={identity.administrator} />}
          {tab === 'apiTokens' && <ApiTokensTab api={api} />}
          {tab === 'webhooks' && <WebhooksTab api={api} />}
        </Tabs>
      </main>
    </div>
  );
}
