module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'timer-scheduler',
  rootDir: __dirname,
};
