import type { Type } from '@nestjs/common';
import { AdsAlertsController } from './ads-alerts.controller';
import { AdsAutomationController } from './ads-automation.controller';
import { adsInsightOpenApiPaths } from './ads-insight.openapi';
import { AdsRecommendationsController } from './ads-recommendations.controller';

/** The HTTP doors of this part of the ads context and their OpenAPI paths. */
export const adsInsightHttp: { readonly controllers: readonly Type[]; readonly openApiPaths: Readonly<Record<string, unknown>> } = {
  controllers: [AdsAlertsController, AdsRecommendationsController, AdsAutomationController],
  openApiPaths: adsInsightOpenApiPaths,
};
