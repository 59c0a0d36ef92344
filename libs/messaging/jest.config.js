module.exports = require('../../jest.preset.js').tieredProjects('messaging', __dirname);
