import type { Type } from '@nestjs/common';
import { AdsAccountsController } from './ads-accounts.controller';
import { AdsBudgetsController } from './ads-budgets.controller';
import { adsCoreOpenApiPaths } from './ads-core.openapi';

/** The HTTP doors of this part of the ads context and their OpenAPI paths. */
export const adsCoreHttp: { readonly controllers: readonly Type[]; readonly openApiPaths: Readonly<Record<string, unknown>> } = {
  controllers: [AdsAccountsController, AdsBudgetsController],
  openApiPaths: adsCoreOpenApiPaths,
};
