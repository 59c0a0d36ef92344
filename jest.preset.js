// Shared jest settings. ts-jest transpiles without type-checking (tsc does that in `build`),
// and @campaign/* imports resolve to library sources so tests never need a prior build.
//
// Every project splits its tests into tiers by file name (STYLE.md): `*.unit.spec.ts` run
// alone; `*.int.spec.ts` and `*.e2e.spec.ts` get real Kafka, Postgres and Redis from the
// tier's globalSetup, which runs only when a test of that tier is selected.
const path = require('node:path');

const libs = ['contracts', 'domain', 'eventstore', 'messaging', 'runtime', 'testing', 'timers'];

const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json') }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: Object.fromEntries([
    ['^@campaign/domain/testing$', path.join(__dirname, 'libs/domain/src/testing.ts')],
    ...libs.map((lib) => [`^@campaign/${lib}$`, path.join(__dirname, `libs/${lib}/src/index.ts`)]),
  ]),
};

const tieredProjects = (name, rootDir) => ({
  projects: [
    { ...base, displayName: `${name}:unit`, rootDir, testMatch: ['<rootDir>/src/**/*.unit.spec.ts'] },
    {
      ...base,
      displayName: `${name}:int`,
      rootDir,
      testMatch: ['<rootDir>/src/**/*.int.spec.ts', '<rootDir>/src/**/*.e2e.spec.ts'],
      globalSetup: path.join(__dirname, 'libs/testing/src/global-setup.ts'),
      globalTeardown: path.join(__dirname, 'libs/testing/src/global-teardown.ts'),
      setupFilesAfterEnv: [path.join(__dirname, 'libs/testing/src/jest-int-setup.ts')],
    },
  ],
});

module.exports = { base, tieredProjects };
