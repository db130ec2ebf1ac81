import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.test-results/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Domain code takes time from the injected Clock; only the platform's clock reads the system's.
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'use the injected Clock' }],
    },
  },
  {
    files: ['bench/**', 'scripts/**', 'tests/**', 'src/platform/clock.ts', 'src/engines/**', 'src/cli/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
