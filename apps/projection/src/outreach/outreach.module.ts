import { projectionContext } from '../shared/projection-context';
import { OutreachQueryController } from './outreach-query.controller';
import { OutreachQueryService } from './outreach-query.service';
import { outreachConfigSchema } from './outreach.config';
import { OutreachProjection } from './outreach.projection';

/** The outreach context's read models (seed 004), their settings and their tenant-scoped query API. */
export const outreachContext = projectionContext({
  name: 'outreach',
  configSchema: outreachConfigSchema,
  schemaOf: (config) => config.OUTREACH_SCHEMA,
  create: (schema) => new OutreachProjection(schema),
  // seed 004 refreshes campaign_performance_summary hourly ('0 * * * *'); also soon after changes.
  viewRefresh: (config) => ({ debounceMs: config.OUTREACH_SUMMARY_DEBOUNCE_MS, everyMs: config.OUTREACH_SUMMARY_REFRESH_MS }),
  controllers: [OutreachQueryController],
  providers: [OutreachQueryService],
});
