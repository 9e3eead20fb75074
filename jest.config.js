// Tests are compiled by `tsc` first (decorator metadata needs it) and jest runs the JavaScript.
// One embedded PostgreSQL serves the whole run; every suite creates its own databases on it.
// The projects are the npm workspaces (a new subgraph under services/ is picked up by itself).
const fs = require('node:fs');
const path = require('node:path');

const { workspaces: patterns } = require('./package.json');
const workspaces = patterns.flatMap((pattern) => {
  if (!pattern.endsWith('/*')) return [pattern];
  const parent = pattern.slice(0, -2);
  return fs
    .readdirSync(path.join(__dirname, parent), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(__dirname, parent, d.name, 'package.json')))
    .map((d) => `${parent}/${d.name}`)
    .sort();
});

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
