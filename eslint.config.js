import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// The layers (README "Layout"): each folder imports only the layers below it, and none imports the one
// above. web → contract, core; server and cli → app (with contract, core), never each other, never the
// store itself; app → store, contract, core; store → contract, core (it never runs the engine);
// contract → core; core → nothing outside itself.
const up = (...folders) => `^(\\.\\./)+(${folders.join('|')})(/|\\.js$)`;
const layer = (files, regex, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ regex, message }] }] },
});
const layers = [
  layer(
    ['web/**/*.{ts,tsx}'],
    '/src/(?!contract/|core/)',
    'The web app imports only src/contract and src/core (the API is its way to the rest).',
  ),
  layer(
    ['src/server/**/*.ts'],
    up('cli', 'store', 'schedules', 'santei'),
    'Routes call src/app (and read src/contract, src/core), never the CLI or the store itself.',
  ),
  layer(
    ['src/cli/**/*.ts'],
    up('server', 'store'),
    'Commands call src/app (and src/core, santei.ts), never the server or the store itself.',
  ),
  layer(['src/app/**/*.ts'], up('server', 'cli'), 'The application is called by the server and the CLI.'),
  layer(
    ['src/store/**/*.ts'],
    up('app', 'server', 'cli', 'santei', 'schedules'),
    'The store reads and saves records; the engine runs in src/app.',
  ),
  layer(
    ['src/contract/**/*.ts'],
    up('app', 'server', 'cli', 'store', 'santei', 'schedules'),
    'The contract holds what clients may import: it depends on src/core alone.',
  ),
  layer(
    ['src/core/**/*.ts'],
    up('app', 'server', 'cli', 'store', 'contract', 'santei', 'schedules'),
    'The engine is pure: it imports nothing outside src/core.',
  ),
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'web/dist/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  ...layers,
  {
    // The web app (web/src): browser code with React hooks.
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
