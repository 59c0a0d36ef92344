module.exports = require('../../jest.preset.js').tieredProjects('timer-scheduler', __dirname);
