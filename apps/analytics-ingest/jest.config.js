module.exports = require('../../jest.preset.js').tieredProjects('analytics-ingest', __dirname);
