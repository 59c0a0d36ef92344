module.exports = require('../../jest.preset.js').tieredProjects('contracts', __dirname);
