// @ts-check
const ts = require('typescript');

/**
 * Edits of the files that list the contexts. Each finds its anchor in the syntax tree, leaves
 * the rest of the file as it was, and does nothing when the line it adds is there already.
 */

/** @param {string} source */
const parse = (source) => ts.createSourceFile('registry.ts', source, ts.ScriptTarget.Latest, true);

/**
 * `line` on its own line after the last top-level statement that `isAnchor` accepts.
 * @param {string} source
 * @param {(statement: ts.Statement) => boolean} isAnchor
 * @param {string} line
 * @param {string} what names the anchor in the error when there is none
 */
const insertLineAfterLast = (source, isAnchor, line, what) => {
  if (source.split('\n').some((existing) => existing.trim() === line)) return source;
  const anchors = parse(source).statements.filter(isAnchor);
  const last = anchors[anchors.length - 1];
  if (!last) throw new Error(`found no ${what} to add "${line}" after`);
  return `${source.slice(0, last.end)}\n${line}${source.slice(last.end)}`;
};

/**
 * `element` appended to the array literal `const <variable> = [...]` (through `as const` or `satisfies`).
 * @param {string} source
 * @param {string} variable
 * @param {string} element
 */
const appendToArray = (source, variable, element) => {
  /** @type {ts.ArrayLiteralExpression | undefined} */
  let array;
  const visit = (/** @type {ts.Node} */ node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === variable && node.initializer) {
      let init = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (ts.isArrayLiteralExpression(init)) array = init;
    }
    if (!array) ts.forEachChild(node, visit);
  };
  visit(parse(source));
  if (!array) throw new Error(`found no array literal ${variable} to add ${element} to`);
  const elements = array.elements;
  if (elements.some((e) => e.getText() === element)) return source;
  if (elements.length === 0) return `${source.slice(0, array.end - 1)}${element}${source.slice(array.end - 1)}`;
  const last = elements[elements.length - 1];
  const multiline = source.slice(array.getStart(), array.end).includes('\n');
  const indent = multiline ? (source.slice(0, last.getStart()).match(/[ \t]*$/)?.[0] ?? '') : '';
  const separator = multiline ? `,\n${indent}` : ', ';
  return `${source.slice(0, last.end)}${separator}${element}${source.slice(last.end)}`;
};

/** @param {ts.Statement} s @returns {string | null} */
const moduleOf = (s) =>
  (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : null;

/** `export * as x from './x'` lines: the lib's public API per context. */
const isContextNamespaceExport = (/** @type {ts.Statement} */ s) =>
  ts.isExportDeclaration(s) && !!s.exportClause && ts.isNamespaceExport(s.exportClause) && /^\.\/[a-z][\w-]*$/.test(moduleOf(s) ?? '');

/**
 * Adds `export * as <camel> from './<name>'` after the lib's last such line (libs/domain and libs/contracts index.ts).
 * @param {string} source
 * @param {{ kebab: string, camel: string }} context
 */
const addNamespaceExport = (source, context) =>
  insertLineAfterLast(source, isContextNamespaceExport, `export * as ${context.camel} from './${context.kebab}';`, "context export (export * as x from './x')");

/** `export * as xTesting from './x/testing'` lines: each context's test builders in libs/domain's testing.ts. */
const isContextTestingExport = (/** @type {ts.Statement} */ s) =>
  ts.isExportDeclaration(s) && !!s.exportClause && ts.isNamespaceExport(s.exportClause) && /^\.\/[a-z][\w-]*\/testing$/.test(moduleOf(s) ?? '');

/**
 * Adds `export * as <camel>Testing from './<name>/testing'` after the last such line (libs/domain's testing.ts).
 * @param {string} source
 * @param {{ kebab: string, camel: string }} context
 */
const addTestingExport = (source, context) =>
  insertLineAfterLast(
    source,
    isContextTestingExport,
    `export * as ${context.camel}Testing from './${context.kebab}/testing';`,
    "context's test builders export (export * as xTesting from './x/testing')",
  );

/**
 * Adds the context to contracts' CONTEXT_CONTRACTS: its namespace import and `<camel>.contract`.
 * @param {string} source
 * @param {{ kebab: string, camel: string }} context
 */
const addContractToList = (source, context) => {
  const isNamespaceImport = (/** @type {ts.Statement} */ s) =>
    ts.isImportDeclaration(s) &&
    !!s.importClause?.namedBindings &&
    ts.isNamespaceImport(s.importClause.namedBindings) &&
    /^\.\/[a-z][\w-]*$/.test(moduleOf(s) ?? '');
  const imported = insertLineAfterLast(
    source,
    isNamespaceImport,
    `import * as ${context.camel} from './${context.kebab}';`,
    "context import (import * as x from './x')",
  );
  return appendToArray(imported, 'CONTEXT_CONTRACTS', `${context.camel}.contract`);
};

/**
 * Registers the context in an app's contexts.ts: the import of its descriptor after the last
 * context's, and the descriptor at the end of CONTEXTS.
 * @param {string} source
 * @param {{ kebab: string, camel: string }} context
 */
const addAppContext = (source, context) => {
  const isContextImport = (/** @type {ts.Statement} */ s) => /^\.\/([a-z][\w-]*)\/\1\.module$/.test(moduleOf(s) ?? '') && ts.isImportDeclaration(s);
  const descriptor = `${context.camel}Context`;
  const imported = insertLineAfterLast(
    source,
    isContextImport,
    `import { ${descriptor} } from './${context.kebab}/${context.kebab}.module';`,
    "context import (from './<context>/<context>.module')",
  );
  return appendToArray(imported, 'CONTEXTS', descriptor);
};

module.exports = { addAppContext, addContractToList, addNamespaceExport, addTestingExport, appendToArray, insertLineAfterLast };
