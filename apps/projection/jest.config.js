module.exports = require('../../jest.preset.js').tieredProjects('projection', __dirname);
