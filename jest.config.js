// Tests are compiled by `tsc` first (decorator metadata needs it) and jest runs the JavaScript.
// One embedded PostgreSQL serves the whole run; every suite creates its own databases on it.
const workspaces = [
  'packages/subgraph-kit',
  'packages/embedded-db',
  'packages/test-kit',
  'packages/launcher',
  'packages/lint-config',
  'services/partners',
  'services/resources',
  'services/events',
  'services/newsletter',
  'gateway',
];

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/packages/test-kit/global-setup.mjs',
  globalTeardown: '<rootDir>/packages/test-kit/global-teardown.mjs',
  projects: workspaces.map((dir) => ({
    displayName: require(`./${dir}/package.json`).name,
    rootDir: `<rootDir>/${dir}`,
    testMatch: ['<rootDir>/dist/**/*.test.js'],
    testEnvironment: 'node',
    transform: {},
    setupFiles: [require.resolve('reflect-metadata')],
  })),
  testTimeout: 60_000,
};
