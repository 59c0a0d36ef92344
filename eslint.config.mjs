import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  // The workspace's Nx plugin (tools/) writes source files; it imports none of the platform's.
  { sourceTag: 'type:tools', onlyDependOnLibsWithTags: [] },
];

const boundaries = (testing) => [
  'error',
  { enforceBuildableLibDependency: false, banTransitiveDependencies: true, allow: [], depConstraints: depConstraints(testing) },
];

// Context boundaries (STYLE.md "one folder per bounded context"): inside a lib's or an app's
// src, a context's folder never imports another context's folder; what they share lives in
// `shared/` (in libs/contracts, the files at the src root), and `shared/` imports no context.
// The contexts are the folders found at config load, so a new context needs no edit here.
// eslint-plugin-import is not installed, hence core no-restricted-imports on the import text:
// any run of `../` followed by a sibling context's name.
const NOT_CONTEXTS = new Set(['shared', 'released']);
const workspace = fileURLToPath(new URL('.', import.meta.url));
const dirsIn = (dir) =>
  existsSync(join(workspace, dir))
    ? readdirSync(join(workspace, dir), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
    : [];
const contextRoots = ['libs/domain/src', 'libs/contracts/src', ...dirsIn('apps').map((app) => `apps/${app}/src`)];
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const importOf = (contexts) => `^(\\.\\./)+(${contexts.map(escapeRegex).join('|')})(/|$)`;

const contextBoundaries = contextRoots.flatMap((root) => {
  const folders = dirsIn(root);
  const contexts = folders.filter((name) => !NOT_CONTEXTS.has(name));
  const banned = (from, others, why) =>
    others.length === 0
      ? []
      : [{ files: [`${root}/${from}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: importOf(others), message: why }] }] } }];
  return [
    ...contexts.flatMap((context) =>
      banned(
        context,
        contexts.filter((other) => other !== context),
        `${root}/${context} is a bounded context: it may not import another context's folder. Move what both need to shared.`,
      ),
    ),
    ...(folders.includes('shared') ? banned('shared', contexts, `${root}/shared is below every context: it may not import a context's folder.`) : []),
  ];
});

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
  ...contextBoundaries,
];
