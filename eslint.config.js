// ESLint for offerkit: typescript-eslint's type-aware recommended and stylistic sets on src, test, scripts and
// bench, floating promises refused. Import loops are refused by test/house/import-graph.test.ts, over the same
// folders (eslint-plugin-import-x's no-cycle did it too, for a tenth of the lint's time and memory).

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'dist/**', 'src/preview/client/vendor/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // `const { secret: _s, ...rest } = x` is how we drop a key; underscore names are deliberate.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // An empty string is "not given" for environment variables and names read from files, so `||` is meant there.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
    },
  },
  {
    // The CLI entry and the code-cache runner are CommonJS on purpose: `import x = require()` keeps each command's
    // code unloaded until it runs, and the runner is one module the ES modules and the bundles share.
    files: ['src/cli/**/*.cts', 'src/util/code-cache.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
