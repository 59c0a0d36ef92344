module.exports = require('../../jest.preset.js').tieredProjects('testing', __dirname);
