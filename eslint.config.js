import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const pure = ['src/lib/**', 'src/engine/**', 'src/kubectl/**', 'src/scenario/**', 'src/protocol/**'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      // Terminal escape sequences are matched on purpose when printing.
      'no-control-regex': 'off',
    },
  },
  {
    // The engine runs in a worker, in Node and in tests: no wall clock, no unseeded randomness.
    files: pure,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded Rng.' },
        { object: 'Date', property: 'now', message: 'Use the virtual clock.' },
        { object: 'performance', property: 'now', message: 'Use the virtual clock.' },
      ],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'window', 'document', 'process'],
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'react', 'react-dom'], message: 'Pure code: no Node or UI imports.' }] }],
    },
  },
  {
    // Same scenario, same bytes in every browser: no ordering or formatting that depends on the reader's locale.
    files: [...pure, 'src/share/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['localeCompare', 'toLocaleString', 'toLocaleDateString', 'toLocaleTimeString', 'toLocaleLowerCase', 'toLocaleUpperCase'].flatMap((name) => [
          { selector: `MemberExpression[property.name='${name}']`, message: `${name} depends on the reader's locale; use compareBytes (lib/order) or explicit formatting.` },
          { selector: `MemberExpression[property.value='${name}']`, message: `${name} depends on the reader's locale; use compareBytes (lib/order) or explicit formatting.` },
        ]),
        { selector: "Identifier[name='Intl']", message: "Intl depends on the reader's locale; use compareBytes (lib/order) or explicit formatting." },
      ],
    },
  },
  {
    files: ['src/engine/**'],
    ignores: ['**/*.test.ts', 'src/engine/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/kubectl/**', '**/scenario/**', '**/cli/**', 'node:*'], message: 'The engine imports nothing above it.' }] }],
    },
  },
  {
    files: ['src/kubectl/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/controllers/**', '**/kubelet/**', '**/scheduler/**', '**/scenario/**', 'node:*'], message: 'kubectl talks to the cluster only through the API server.' }] }],
    },
  },
  {
    // Example pages served as they are: classic browser scripts.
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    // The page: browser globals, React hook rules.
    files: ['src/app/**', 'src/worker/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The page reaches the engine only through the worker client.
    files: ['src/app/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/engine/**', '**/kubectl/**'], message: 'The page talks to the engine through the worker protocol.' }] }],
    },
  },
  {
    files: ['src/cli/**', 'bench/**', 'fuzz/**', '*.config.ts', 'e2e/**', 'scripts/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
