import { Public } from '@campaign/runtime';
import { Controller, Get } from '@nestjs/common';
import { lifecycleOpenApi } from './lifecycle/lifecycle.openapi';
import { outreachOpenApiPaths } from './outreach/outreach.openapi';

/** One document for every context's command endpoints. */
const document = {
  ...lifecycleOpenApi,
  info: { title: 'campaign-command — lifecycle (seed 002) and outreach (seed 004)', version: '1.1.0' },
  paths: { ...lifecycleOpenApi.paths, ...outreachOpenApiPaths },
};

@Controller()
export class OpenApiController {
  @Get('openapi.json')
  @Public()
  document() {
    return document;
  }
}
