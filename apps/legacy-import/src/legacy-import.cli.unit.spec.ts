import { runLegacyImport } from './legacy-import.cli';

describe('the legacy-import command line', () => {
  it('prints its usage on --help', async () => {
    expect(await runLegacyImport(['--help'], {})).toEqual({ code: 0, output: expect.stringContaining('Legacy Blog Post Campaign') });
  });

  it.each([
    [[], 'name the source: --table or --csv, one of them'],
    [['--table', 'blog_posts', '--csv', 'x.csv'], 'name the source: --table or --csv, one of them'],
    [['--table', 'Blog Posts', '--database-url', 'postgres://x'], '--table is a lower-case table name, optionally schema-qualified'],
    [['--table', 'blog_posts'], '--table needs --database-url or LEGACY_DATABASE_URL'],
    [['--csv', 'x.csv', '--concurrency', '0'], '--concurrency is 1 to 64'],
    [['--csv', 'x.csv', '--campaign-id', 'legacy'], '--campaign-id is a UUID'],
  ])('answers bad usage with exit code 2: %j', async (argv, error) => {
    expect(await runLegacyImport(argv, {})).toEqual({ code: 2, output: { error, usage: expect.any(String) } });
  });

  it("stops before reading anything when the token is not a person's of an org (exit code 3)", async () => {
    expect(await runLegacyImport(['--csv', '/nonexistent.csv'], { LEGACY_IMPORT_TOKEN: 'not-a-jwt' })).toEqual({
      code: 3,
      output: { error: { code: 'TOKEN_MISSING', message: expect.any(String) } },
    });
  });
});
