// Shared jest settings. ts-jest transpiles without type-checking (tsc does that in `build`),
// and @campaign/* imports resolve to library sources so tests never need a prior build.
const path = require('node:path');

const libs = ['contracts', 'domain', 'eventstore', 'messaging', 'runtime', 'testing'];

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json') }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: Object.fromEntries([
    ['^@campaign/domain/testing$', path.join(__dirname, 'libs/domain/src/testing.ts')],
    ...libs.map((lib) => [`^@campaign/${lib}$`, path.join(__dirname, `libs/${lib}/src/index.ts`)]),
  ]),
  testMatch: ['**/*.spec.ts'],
};
