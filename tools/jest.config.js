// The plugin's tests run against Nx's in-memory tree: unit tier only.
const { base } = require('../jest.preset.js');

module.exports = {
  projects: [{ ...base, displayName: 'tools:unit', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.unit.spec.ts'] }],
};
