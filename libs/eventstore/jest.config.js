module.exports = require('../../jest.preset.js').tieredProjects('eventstore', __dirname);
