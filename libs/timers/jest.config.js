module.exports = require('../../jest.preset.js').tieredProjects('timers', __dirname);
