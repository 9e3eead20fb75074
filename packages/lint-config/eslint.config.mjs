// The ESLint flat config shared by every workspace (the root eslint.config.mjs re-exports it, and
// ESLint finds that one from any workspace). JavaScript's and typescript-eslint's recommended sets,
// without type information (lint needs no build), and the few choices below.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TESTS = ['**/*.test.ts', '**/src/test/**', 'packages/test-kit/**'];

export default defineConfig(
  globalIgnores(['**/dist/', '**/node_modules/', '**/.turbo/', '**/.data/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // A leading underscore marks a deliberately unused name (omitted by destructuring, an
      // Express error handler's `next`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['gateway/graphiql/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests read GraphQL answers whose shape the query states; typing each one adds nothing.
    files: TESTS,
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
