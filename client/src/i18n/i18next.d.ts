import type { Terms } from '@plenum/shared';
import 'i18next';
import type admin from './locales/en/admin.json';
import type common from './locales/en/common.json';
import type imports from './locales/en/imports.json';
import type live from './locales/en/live.json';
import type prepare from './locales/en/prepare.json';
import type records from './locales/en/records.json';
import type notifications from './locales/en/notifications.json';

// Keys are checked against the English files: a key missing there does not compile. A key is
// written without its namespace (`t('floor.title')`): it is looked up in `common`, then in the
// other namespaces, each of which holds its own top-level groups.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    fallbackNS: ['live', 'terms', 'admin', 'prepare', 'imports', 'records', 'notifications'];
    resources: {
      common: typeof common;
      live: typeof live;
      terms: Terms;
      admin: typeof admin;
      prepare: typeof prepare;
      imports: typeof imports;
      records: typeof records;
      notifications: typeof notifications;
    };
    returnNull: false;
  }
}
