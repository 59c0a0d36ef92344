module.exports = require('../../jest.preset.js').tieredProjects('campaign-command', __dirname);
