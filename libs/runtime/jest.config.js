module.exports = require('../../jest.preset.js').tieredProjects('runtime', __dirname);
