import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { telerad } from './scripts/eslint/moduleBoundaries.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-syntax': [
        'error',
        {
          // z.coerce.boolean() reads "false" as true; query flags use QueryFlag from contracts.
          selector:
            "CallExpression[callee.property.name='boolean'][callee.object.property.name='coerce']",
          message:
            'Use QueryFlag from @telerad/contracts: z.coerce.boolean() reads "false" as true.',
        },
      ],
    },
  },
  {
    // A module reaches another only through its index.ts, and platform/ is infrastructure that
    // never reaches into feature modules (DESIGN.md §2). Resolved per importing file.
    files: ['apps/server/src/modules/**/*.ts', 'apps/server/src/platform/**/*.ts'],
    plugins: { telerad },
    rules: { 'telerad/module-boundaries': 'error' },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: [
      'scripts/**',
      'bench/**',
      'apps/server/src/main.ts',
      'apps/server/src/startup/banner.ts',
      'apps/gateway/src/**',
    ],
    rules: { 'no-console': 'off' },
  },
);
