import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { telerad } from './scripts/eslint/moduleBoundaries.js';

/** z.coerce.boolean() reads "false" as true; query flags use QueryFlag from contracts. */
const COERCE_BOOLEAN = {
  selector: "CallExpression[callee.property.name='boolean'][callee.object.property.name='coerce']",
  message: 'Use QueryFlag from @telerad/contracts: z.coerce.boolean() reads "false" as true.',
};

/**
 * Every job queue is made by ensureQueue (platform/jobs.ts), which gives it the heartbeat that
 * lets another worker retry the job of a node that died (docs/adr/0047).
 */
const CREATE_QUEUE = {
  selector: "CallExpression[callee.property.name='createQueue']",
  message:
    "Make queues with ensureQueue from platform/jobs.ts: it gives every queue the heartbeat that lets another node retry a dead node's job.",
};

/**
 * Feature code reaches a stored object's file through storage.withFiles, whose scope keeps the
 * file on disk until it has been read (the S3 read cache could evict a bare path's copy).
 */
const BARE_PATH_OF = {
  selector: "CallExpression[callee.property.name='pathOf'][callee.object.name!='files']",
  message:
    "Read a stored object's file inside storage.withFiles((files) => ... files.pathOf(key)): the S3 read cache keeps it only while the scope runs.",
};

/**
 * A popover opened from a button takes its state from usePopover (apps/web/src/app/usePopover.ts),
 * which closes it on Escape with the focus still on that button; Mantine's own Escape works only
 * from inside the dropdown.
 */
const BARE_POPOVER = {
  selector:
    "JSXOpeningElement[name.name='Popover']:not(:has(JSXSpreadAttribute[argument.property.name='props']))",
  message:
    'Give the popover its state with {...popover.props} from usePopover(): it closes on Escape wherever the focus is.',
};

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
      'no-restricted-syntax': ['error', COERCE_BOOLEAN],
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
    files: ['apps/server/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'apps/server/src/testing/**', 'apps/server/src/platform/jobs.ts'],
    rules: { 'no-restricted-syntax': ['error', COERCE_BOOLEAN, CREATE_QUEUE] },
  },
  {
    files: ['apps/server/src/modules/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testSupport.ts'],
    rules: { 'no-restricted-syntax': ['error', COERCE_BOOLEAN, CREATE_QUEUE, BARE_PATH_OF] },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-syntax': ['error', COERCE_BOOLEAN, BARE_POPOVER] },
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
