import { addAppContext, addTestingExport, appendToArray } from './registration';

const loyalty = { kebab: 'loyalty', camel: 'loyalty' };

describe("an app's contexts.ts", () => {
  it('gains the import after the last context import, whatever imports follow it', () => {
    const source = [
      "import { outreachContext } from './outreach/outreach.module';",
      "import type { IngestContext } from './shared/ingest-context';",
      '',
      'export const CONTEXTS: readonly IngestContext[] = [outreachContext];',
      '',
    ].join('\n');
    expect(addAppContext(source, loyalty)).toBe(
      [
        "import { outreachContext } from './outreach/outreach.module';",
        "import { loyaltyContext } from './loyalty/loyalty.module';",
        "import type { IngestContext } from './shared/ingest-context';",
        '',
        'export const CONTEXTS: readonly IngestContext[] = [outreachContext, loyaltyContext];',
        '',
      ].join('\n'),
    );
  });

  it('is left as it is when the context is registered already', () => {
    const once = addAppContext("import { aContext } from './a/a.module';\n\nexport const CONTEXTS = [aContext];\n", loyalty);
    expect(addAppContext(once, loyalty)).toBe(once);
  });
});

describe('appending to an array literal', () => {
  it('keeps a list written one element a line that way, trailing comma included', () => {
    expect(appendToArray('export const CONTEXTS = [\n  aContext,\n  bContext,\n];\n', 'CONTEXTS', 'cContext')).toBe(
      'export const CONTEXTS = [\n  aContext,\n  bContext,\n  cContext,\n];\n',
    );
  });

  it('fills an empty list, and reaches through `as const`', () => {
    expect(appendToArray('const CONTEXTS = [] as const;\n', 'CONTEXTS', 'aContext')).toBe('const CONTEXTS = [aContext] as const;\n');
  });

  it('names the list it could not find', () => {
    expect(() => appendToArray('const OTHER = [];\n', 'CONTEXTS', 'aContext')).toThrow('found no array literal CONTEXTS to add aContext to');
  });
});

describe("libs/domain's testing.ts", () => {
  const source = "export const given = () => undefined;\n\nexport * as lifecycleTesting from './lifecycle/testing';\n// after the builders\n";

  it("gains the context's builders after the last context's, and only once", () => {
    const once = addTestingExport(source, loyalty);
    expect(once).toBe(
      "export const given = () => undefined;\n\nexport * as lifecycleTesting from './lifecycle/testing';\nexport * as loyaltyTesting from './loyalty/testing';\n// after the builders\n",
    );
    expect(addTestingExport(once, loyalty)).toBe(once);
  });

  it('names what it could not find', () => {
    expect(() => addTestingExport('export const given = () => undefined;\n', loyalty)).toThrow("found no context's test builders export");
  });
});
