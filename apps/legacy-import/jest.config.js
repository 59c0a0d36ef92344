module.exports = require('../../jest.preset.js').tieredProjects('legacy-import', __dirname);
