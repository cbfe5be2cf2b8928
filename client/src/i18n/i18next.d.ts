import 'i18next';
import type en from './locales/en.json';

// Keys are checked against the English file: a key missing there does not compile.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
  }
}
