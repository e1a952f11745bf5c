// @ts-check
/**
 * Lint, and the import boundaries of DESIGN.md: renderer and shared never
 * import Node or Electron; core never imports electron; only main and preload
 * may; shared imports nothing outside shared.
 */
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'net', 'url', 'util', 'stream'];
const nodePatterns = NODE_BUILTINS.map((name) => ({ group: [name, `${name}/*`], message: 'Node modules are not available here.' }));
const electronPattern = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import electron.' };
const nativePattern = { group: ['better-sqlite3*', 'pdfmake*', 'pdfkit*'], message: 'Native and PDF libraries belong to electron/core.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // This rule guards the React Compiler's memoisation, which we do not use; TanStack Virtual trips it.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodePatterns,
            electronPattern,
            nativePattern,
            { group: ['**/electron/**'], message: 'The renderer reaches core only through the api client.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodePatterns,
            electronPattern,
            nativePattern,
            { group: ['**/electron/**', '**/renderer/**', 'react', 'react-*'], message: 'shared/ is pure: it imports only shared/, zod and i18next.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/dev-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [electronPattern, { group: ['**/renderer/**'], message: 'Core does not know the renderer.' }] },
      ],
    },
  },
  {
    files: ['electron/dev-server/bridge.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['test/**/*.ts', '*.config.ts', 'electron.vite.config.ts'],
    rules: { 'no-console': 'off' },
  },
);
