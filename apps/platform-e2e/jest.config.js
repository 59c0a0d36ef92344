module.exports = require('../../jest.preset.js').tieredProjects('platform-e2e', __dirname);
