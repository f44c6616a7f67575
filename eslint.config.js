// ESLint with typescript-eslint's type-aware rules: the ones that catch real bugs in a server that awaits
// everywhere (a promise nobody awaits, a promise handed to a callback that ignores it, a switch that forgets
// a member of a union, an `as` that hides a wrong shape), over the recommended type-checked set.
// Formatting is Prettier's business (`npm run format`), not ESLint's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.build/',
      'src/web/dist/',
      'data/',
      'schema/',
      'tests/fixtures/',
      'coverage/',
      // AssemblyScript (its own types: i32, f64, load<T>), compiled and checked by src/bin/build-kernel.js.
      'src/analysis/search-kernel/kernel.as.ts',
      // Wrong on purpose: tests/lint/lint-rules.test.ts checks that the rules catch it.
      'tests/lint/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked with the tsconfig that owns it (src/web/ has its own, with the DOM).
        projectService: { allowDefaultProject: ['*.js', 'src/bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The four the project asked for.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/consistent-type-assertions': [
        'error',
        { assertionStyle: 'as', objectLiteralTypeAssertions: 'allow-as-parameter' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // A promise rejected with what was thrown or the abort signal's reason passes it on unchanged.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],

      // Turned off from the recommended type-checked set, each for a reason:
      // - style, not bugs: an assertion TypeScript no longer needs (66 of them) is harmless, and removing them
      //   would touch forty files other work is editing;
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // - interfaces here declare function-valued properties in method syntax (`authorAt(i): Author`), and
      //   the objects behind them are closures with no `this`: the rule cannot tell them from class methods;
      '@typescript-eslint/unbound-method': 'off',
      // - `async` without `await` is how an implementation keeps a promise-returning interface (and turns a
      //   throw into a rejection);
      '@typescript-eslint/require-await': 'off',
      // - the readers strip or reject control characters on purpose (hostile-input handling);
      'no-control-regex': 'off',
      // - values of unknown shape (a foreign error's `extensions.code`, Arrow's DataType, whose toString the
      //   types omit) are stringified on purpose, for logs and labels.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // jsonc-parser's token kinds are `const enum`s, which isolatedModules cannot import: compared as numbers.
    files: ['src/ingest/json-tree.ts'],
    rules: { '@typescript-eslint/no-unsafe-enum-comparison': 'off' },
  },
  {
    // Tests read GraphQL answers as the untyped JSON they are (typed responses are the typed client's work),
    // and align expected text tables with runs of spaces.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      'no-regex-spaces': 'off',
    },
  },
  {
    files: ['src/web/**/*.ts'],
    ignores: ['src/web/build.ts', 'src/web/persisted-operations.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
