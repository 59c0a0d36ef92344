// @ts-check

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** @param {string} kebab */
const camelOf = (kebab) => kebab.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
/** @param {string} kebab */
const pascalOf = (kebab) => camelOf(kebab).replace(/^[a-z]/, (c) => c.toUpperCase());
/** @param {string} kebab */
const constantOf = (kebab) => kebab.replace(/-/g, '_').toUpperCase();

/**
 * Every spelling of one kebab-case name the templates use.
 * @param {string} kebab
 */
const spellings = (kebab) => {
  if (!KEBAB.test(kebab)) throw new Error(`"${kebab}" is not kebab-case (e.g. loyalty or reward-pool)`);
  return {
    kebab,
    camel: camelOf(kebab),
    pascal: pascalOf(kebab),
    constant: constantOf(kebab),
    snake: kebab.replace(/-/g, '_'),
    words: kebab.replace(/-/g, ' '),
    sentence: kebab.replace(/-/g, ' ').replace(/^[a-z]/, (c) => c.toUpperCase()),
  };
};

/**
 * The names of a context and of its one aggregate (by default named as the context).
 * @param {{ name: string, aggregate?: string }} options
 */
const contextNames = ({ name, aggregate }) => {
  // Folders of these names hold what contexts share (eslint.config.mjs keeps contexts out of them).
  if (['shared', 'released'].includes(name)) throw new Error(`"${name}" names the folder contexts share, not a context`);
  const context = spellings(name);
  const aggregateNames = spellings(aggregate ?? name);
  return {
    context,
    aggregate: aggregateNames,
    /** The read-model table of the aggregate (naively pluralised; rename it to the seed's). */
    table: `${aggregateNames.snake}s`,
    tableFile: `${aggregateNames.kebab}s`,
    tableCamel: `${aggregateNames.camel}s`,
    // Stream ids are global in the event store: the context's name keeps them apart from other contexts'.
    streamPrefix: aggregateNames.kebab === context.kebab ? context.kebab : `${context.kebab}-${aggregateNames.kebab}`,
  };
};

module.exports = { contextNames, spellings };
