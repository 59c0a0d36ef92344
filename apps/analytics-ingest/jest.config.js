module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'analytics-ingest',
  rootDir: __dirname,
};
