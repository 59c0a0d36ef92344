module.exports = require('../../jest.preset.js').tieredProjects('domain', __dirname);
