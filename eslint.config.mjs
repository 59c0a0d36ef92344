import nx from '@nx/eslint-plugin';

// Module boundaries (STYLE.md): the domain is pure — it depends on nothing but itself and
// imports no framework or I/O package; contracts sit on the domain; infrastructure libs sit
// on both; apps use libs and never each other.
const frameworkAndIo = [
  '@nestjs/*',
  'typeorm',
  'kafkajs',
  'avsc',
  'pg',
  'pg-*',
  'ioredis',
  'express',
  'zod',
  'prom-client',
];

const depConstraints = (testing) => [
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain'],
    bannedExternalImports: frameworkAndIo,
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain', ...testing] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', ...testing] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', ...testing] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:testing'] },
  { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', 'type:testing'] },
];

const boundaries = (testing) => [
  'error',
  { enforceBuildableLibDependency: false, banTransitiveDependencies: true, allow: [], depConstraints: depConstraints(testing) },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '.nx', '.data', 'infra/kafka/lib'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries([]),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // Tests (and the test builders beside them) may use the shared test harness.
    files: ['**/*.spec.ts', '**/testing.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(['type:testing']),
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
