import { Controller, Get } from '@nestjs/common';
import { lifecycleOpenApi } from './lifecycle/lifecycle.openapi';

@Controller()
export class OpenApiController {
  @Get('openapi.json')
  document() {
    return lifecycleOpenApi;
  }
}
