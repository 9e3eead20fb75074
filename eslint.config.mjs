// ESLint settings of every workspace: they live in packages/lint-config.
export { default } from './packages/lint-config/eslint.config.mjs';
