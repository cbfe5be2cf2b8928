// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const sqlDrivers = ['better-sqlite3', 'pg', 'redis', '@socket.io/redis-adapter'];
const sharedDeepImport = {
  group: ['@plenum/shared/*', '**/shared/src/**'],
  message: 'Import shared only through its public entry: @plenum/shared.',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only', message: 'Do not commit focused tests.' },
        { object: 'it', property: 'only', message: 'Do not commit focused tests.' },
        { object: 'test', property: 'only', message: 'Do not commit focused tests.' },
      ],
      'no-restricted-imports': ['error', { patterns: [sharedDeepImport] }],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Fault tests and benchmarks print their figures.
    files: ['tests/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Pure domain code: no transport, no SQL, no clock of its own (inject Clock).
    files: ['shared/src/domain/**/*.ts', 'server/src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['socket.io', 'socket.io-client', 'express', ...sqlDrivers].map((name) => ({
            name,
            message: 'Domain code knows nothing of sockets, HTTP or SQL.',
          })),
          patterns: [
            sharedDeepImport,
            { group: ['**/realtime/**', '**/http/**', '**/storage/**'], message: 'The domain depends on ports only.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Inject a Clock.' },
        { name: 'setInterval', message: 'Inject a Clock.' },
        { name: 'setImmediate', message: 'Inject Timers.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Inject a Clock.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Inject a Clock.' },
      ],
    },
  },
  {
    // The command path and the gateway stay readable in parts (decide's dispatch is split separately).
    files: ['server/src/realtime/**/*.ts', 'server/src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Only the client's realtime folder talks to socket.io.
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/realtime/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'socket.io-client', message: 'Only client/src/realtime may import socket.io-client.' }],
          patterns: [sharedDeepImport],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
