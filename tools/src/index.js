module.exports = { contextGenerator: require('./generators/context/generator') };
