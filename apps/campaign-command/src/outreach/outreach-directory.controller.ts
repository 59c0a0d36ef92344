import type { outreach } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { type Headers as RequestHeaders, parseBody } from '../shared/request-context';
import { derivedId, OutreachDoor } from './outreach-door';
import { leadBody, organizationBody, templateBody, userBody } from './outreach.requests';
import { RequestAuthenticator } from './request-auth';

/** HTTP door to the org directory (organization, users, templates) and to leads. */
@RequireTenant()
@Controller('v1/outreach')
export class OutreachDirectoryController {
  constructor(
    private readonly auth: RequestAuthenticator,
    private readonly door: OutreachDoor,
  ) {}

  @Post('organizations')
  @HttpCode(201)
  async registerOrganization(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    const { commandId: _, ...data } = parseBody(organizationBody, body);
    return this.door.send({ type: 'RegisterOrganization', data, metadata }, true, { orgId: data.orgId });
  }

  @Post('users')
  @HttpCode(201)
  async registerUser(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    const { commandId: _, role, ...data } = parseBody(userBody, body);
    return this.door.send({ type: 'RegisterUserProfile', data: { ...data, role: role as outreach.UserRole }, metadata }, true, { userId: data.userId });
  }

  @Post('templates')
  @HttpCode(201)
  async createTemplate(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    const { commandId: _, templateId, channel, linkedinMessageKind, ...data } = parseBody(templateBody, body);
    const id = templateId ?? derivedId(metadata.tenant ?? '', metadata.commandId, 'template');
    const command: outreach.CreateMessageTemplate = {
      type: 'CreateMessageTemplate',
      data: {
        ...data,
        templateId: id,
        channel: channel as outreach.TemplateChannel,
        linkedinMessageKind: linkedinMessageKind as outreach.LinkedInMessageKind | null | undefined,
      },
      metadata,
    };
    return this.door.send(command, true, { templateId: id });
  }

  @Post('leads')
  @HttpCode(201)
  async createLead(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    const { commandId: _, leadId, ...data } = parseBody(leadBody, body);
    const id = leadId ?? derivedId(metadata.tenant ?? '', metadata.commandId, 'lead');
    return this.door.send({ type: 'CreateLead', data: { ...data, leadId: id }, metadata }, true, { leadId: id });
  }
}
