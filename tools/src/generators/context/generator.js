// @ts-check
const path = require('node:path');
const { formatFiles, generateFiles, logger } = require('@nx/devkit');
const { contextNames } = require('./names');
const { addAppContext, addContractToList, addNamespaceExport, addTestingExport } = require('./registration');

/**
 * @typedef {object} ContextOptions
 * @property {string} name the context, kebab-case
 * @property {string} [aggregate] its aggregate, kebab-case; the context's name when absent
 * @property {boolean} [timers] also register it in timer-scheduler
 * @property {boolean} [ingest] also register it in analytics-ingest
 */

/** The apps a context is registered in, and when. Each has `src/contexts.ts` listing its contexts. */
const APPS = [
  { app: 'campaign-command', wanted: () => true },
  { app: 'projection', wanted: () => true },
  { app: 'timer-scheduler', wanted: (/** @type {ContextOptions} */ options) => !!options.timers },
  { app: 'analytics-ingest', wanted: (/** @type {ContextOptions} */ options) => !!options.ingest },
];

const DOMAIN = 'libs/domain/src';
const CONTRACTS = 'libs/contracts/src';

/**
 * @param {import('@nx/devkit').Tree} tree
 * @param {string} file
 * @param {(source: string) => string} edit
 */
const updateSource = (tree, file, edit) => {
  const source = tree.read(file, 'utf-8');
  if (source === null) throw new Error(`${file} is missing: the context cannot be registered there`);
  tree.write(file, edit(source));
};

/**
 * A new bounded context: its aggregate, decider, test builders and decider tests in libs/domain,
 * its Avro contract in libs/contracts, and its descriptor in each app that serves it.
 * @param {import('@nx/devkit').Tree} tree
 * @param {ContextOptions} options
 */
const contextGenerator = async (tree, options) => {
  const names = contextNames(options);
  const { context } = names;
  const apps = APPS.filter(({ wanted }) => wanted(options)).map(({ app }) => app);
  const folders = [DOMAIN, CONTRACTS, ...apps.map((app) => `apps/${app}/src`)].map((root) => `${root}/${context.kebab}`);
  const taken = folders.filter((folder) => tree.exists(folder));
  if (taken.length > 0) throw new Error(`context ${context.kebab} exists already: ${taken.join(', ')}`);

  const substitutions = { ...names, contextName: context.kebab, aggregateName: names.aggregate.kebab };
  const files = (/** @type {string} */ part) => path.join(__dirname, 'files', part);

  generateFiles(tree, files('domain'), DOMAIN, substitutions);
  updateSource(tree, `${DOMAIN}/index.ts`, (source) => addNamespaceExport(source, context));
  updateSource(tree, `${DOMAIN}/testing.ts`, (source) => addTestingExport(source, context));

  generateFiles(tree, files('contracts'), CONTRACTS, substitutions);
  updateSource(tree, `${CONTRACTS}/index.ts`, (source) => addNamespaceExport(source, context));
  updateSource(tree, `${CONTRACTS}/contexts.ts`, (source) => addContractToList(source, context));

  for (const app of apps) {
    generateFiles(tree, files(`apps/${app}`), `apps/${app}/src`, substitutions);
    updateSource(tree, `apps/${app}/src/contexts.ts`, (source) => addAppContext(source, context));
  }

  // Line breaks in the templates depend on the names' lengths: Prettier settles them (the edited
  // lists are Prettier-formatted already, so their other lines stay as they are).
  await formatFiles(tree);

  return () => logger.info(nextSteps(context.kebab));
};

/** @param {string} name */
const nextSteps = (name) =>
  [
    '',
    `Context ${name} is generated. Next:`,
    `  1. Its schemas are not released yet, so libs/contracts' compatibility test fails until they are.`,
    `     When the contract ships, cut the release (never edit released/v1.json by hand):`,
    `       npx nx build contracts && node libs/contracts/scripts/release-schemas.js`,
    `  2. Tests that list every context by name (an app's contexts.unit.spec.ts, a listing of all timers) now see one more.`,
    `     npx nx run-many -t lint test -p domain contracts campaign-command projection`,
    `  3. Replace the placeholder aggregate with the seed's: its events, commands, rules and error codes.`,
  ].join('\n');

module.exports = contextGenerator;
module.exports.contextGenerator = contextGenerator;
