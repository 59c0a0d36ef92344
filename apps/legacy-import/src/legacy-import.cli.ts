import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type CommandLineOutcome, createPool, JsonLogger } from '@campaign/runtime';
import { decodeJwt } from 'jose';
import type { SourceRow } from './blog-post';
import { CommandDoorClient, LegacyImportError } from './command-door.client';
import { readBlogPostsCsv } from './csv-source';
import { importBlogPosts, type ImportOptions } from './legacy-import';
import { readBlogPostsTable, TABLE_NAME } from './postgres-source';

export const LEGACY_IMPORT_HELP = `Usage: node apps/legacy-import/dist/main.js (--table <[schema.]table> [--database-url <url>] | --csv <file>) [options]

Imports a legacy blog_posts table (seed 000, "Migration Considerations") into the org's campaign
content through campaign-command's HTTP doors: ensures the campaign "Legacy Blog Post Campaign",
then sends one CreateContent per post (content_type blog_post, platform website, status as text);
posts without a campaign_id go to that campaign. Every row is checked before anything is sent.
Run it again at will: the Idempotency-Keys are derived from the post ids, so a second run
creates nothing new and counts those posts as already there.

Source:   --table blog_posts with --database-url or LEGACY_DATABASE_URL, or --csv posts.csv (a
          CSV export with a header naming id, campaign_id, title, content_markdown, status,
          created_at, updated_at).
Target:   --command-url or CAMPAIGN_COMMAND_URL (default http://127.0.0.1:3001); the operator's
          token in LEGACY_IMPORT_TOKEN or --token-file: a person of the org (org_id, a UUID sub,
          role editor or admin), kept off the command line.
Options:  --campaign-name <name>  --campaign-id <uuid> (the campaign is known: none is created)
          --concurrency <n> (default 4)  --all-or-nothing (send nothing when any row is unfit)

Exit code: 0 every post imported or already there, 1 some rows rejected (listed with their
codes), 2 bad usage, 3 the run stopped (the token refused, campaign-command unreachable …).`;

const usage = (message: string): CommandLineOutcome => ({ code: 2, output: { error: message, usage: LEGACY_IMPORT_HELP } });

const OPTIONS = {
  table: { type: 'string' },
  'database-url': { type: 'string' },
  csv: { type: 'string' },
  'command-url': { type: 'string' },
  'token-file': { type: 'string' },
  'campaign-name': { type: 'string' },
  'campaign-id': { type: 'string' },
  concurrency: { type: 'string' },
  'all-or-nothing': { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

/** The operator's token, checked for the claims the doors need before any row is sent. */
const operatorToken = async (values: Values, env: NodeJS.ProcessEnv): Promise<string> => {
  const token = (values['token-file'] ? await readFile(values['token-file'], 'utf8') : (env.LEGACY_IMPORT_TOKEN ?? '')).trim();
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(token);
  } catch {
    throw new LegacyImportError('TOKEN_MISSING', 'LEGACY_IMPORT_TOKEN (or --token-file) holds no JWT');
  }
  if (typeof claims.org_id !== 'string' || typeof claims.role !== 'string')
    throw new LegacyImportError('TENANT_REQUIRED', "the token is not a person's of an org: it needs org_id, sub and role (editor or admin)");
  return token;
};

const readSource = async (values: Values, env: NodeJS.ProcessEnv): Promise<SourceRow[]> => {
  if (values.csv) return readBlogPostsCsv(await readFile(values.csv, 'utf8'));
  const url = values['database-url'] ?? env.LEGACY_DATABASE_URL ?? '';
  const pool = createPool(url, 1, new JsonLogger('legacy-import', 'error'), 'legacy-import');
  try {
    return await readBlogPostsTable(pool, values.table ?? '');
  } finally {
    await pool.end();
  }
};

/** The problem with the arguments, or null when they are understood. */
const usageProblem = (values: Values, env: NodeJS.ProcessEnv): string | null => {
  if (Boolean(values.table) === Boolean(values.csv)) return 'name the source: --table or --csv, one of them';
  if (values.table && !TABLE_NAME.test(values.table)) return '--table is a lower-case table name, optionally schema-qualified';
  if (values.table && !(values['database-url'] ?? env.LEGACY_DATABASE_URL)) return '--table needs --database-url or LEGACY_DATABASE_URL';
  if (values.concurrency !== undefined && !/^([1-9]|[1-5][0-9]|6[0-4])$/.test(values.concurrency)) return '--concurrency is 1 to 64';
  if (values['campaign-id'] !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values['campaign-id']))
    return '--campaign-id is a UUID';
  return null;
};

const importOptionsOf = (values: Values): ImportOptions => ({
  campaignName: values['campaign-name'],
  campaignId: values['campaign-id']?.toLowerCase(),
  concurrency: values.concurrency ? Number(values.concurrency) : undefined,
  allOrNothing: values['all-or-nothing'] ?? false,
});

export const runLegacyImport = async (argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CommandLineOutcome> => {
  let values: Values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS }));
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help) return { code: 0, output: LEGACY_IMPORT_HELP };
  const problem = usageProblem(values, env);
  if (problem) return usage(problem);
  try {
    const token = await operatorToken(values, env);
    const door = new CommandDoorClient({
      baseUrl: values['command-url'] ?? env.CAMPAIGN_COMMAND_URL ?? 'http://127.0.0.1:3001',
      token,
      correlationId: `legacy-import-${randomUUID()}`,
    });
    const report = await importBlogPosts(await readSource(values, env), door, importOptionsOf(values));
    return { code: report.rejected > 0 ? 1 : 0, output: report };
  } catch (error) {
    if (!(error instanceof LegacyImportError)) throw error;
    return { code: 3, output: { error: { code: error.code, message: error.message } } };
  }
};
