module.exports = require('../../jest.preset.js').tieredProjects('reference-agent', __dirname);
