import { Public } from '@campaign/runtime';
import { Controller, Get } from '@nestjs/common';
import { CONTEXTS } from './contexts';

const rejection = {
  type: 'object',
  required: ['status', 'code', 'message'],
  properties: {
    status: { const: 'REJECTED' },
    code: { type: 'string', examples: ['INVALID_STATE_TRANSITION', 'CAMPAIGN_NOT_FOUND', 'INVALID_DURATION'] },
    message: { type: 'string', examples: ['Invalid state transition from CREATED to CLOSED'] },
    details: { type: 'object', examples: [{ from: 'CREATED', to: 'CLOSED' }] },
  },
};

/** One document for every context's command endpoints. */
const document = {
  openapi: '3.1.0',
  info: { title: `campaign-command — ${CONTEXTS.map((context) => context.openApi.title).join(' and ')}`, version: '1.1.0' },
  paths: Object.assign({}, ...CONTEXTS.map((context) => context.openApi.paths)) as Record<string, unknown>,
  // Every route: a bearer JWT (a service token with the context's scope, or a user's).
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: Object.assign({ Rejection: rejection }, ...CONTEXTS.map((context) => context.openApi.schemas ?? {})) as Record<string, unknown>,
  },
};

@Controller()
export class OpenApiController {
  @Get('openapi.json')
  @Public()
  document() {
    return document;
  }
}
