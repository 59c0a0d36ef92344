import { reportCommandLine } from '@campaign/runtime';
import { runLegacyImport } from './legacy-import.cli';

/** The legacy blog_posts import, for operators; see LEGACY_IMPORT_HELP. */
reportCommandLine(runLegacyImport(process.argv.slice(2)));
