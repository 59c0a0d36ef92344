module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'campaign-command',
  rootDir: __dirname,
};
