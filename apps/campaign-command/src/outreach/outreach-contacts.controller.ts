import type { outreach } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { type Headers as RequestHeaders, parseBody } from '../shared/request-context';
import { OutreachDoor } from './outreach-door';
import { conversionBody, responseBody, sendBody, sendFailureBody } from './outreach.requests';
import { RequestAuthenticator } from './request-auth';

/**
 * Facts about one contact reported over HTTP: a sender adapter confirming a send or reporting it
 * could not send, and people logging what the trackers cannot see (seed 004: "Phone call
 * returned / Manual response logged").
 */
@RequireTenant()
@Controller('v1/outreach/campaigns/:campaignId/contacts/:contactId')
export class OutreachContactsController {
  constructor(
    private readonly auth: RequestAuthenticator,
    private readonly door: OutreachDoor,
  ) {}

  @Post('sends')
  @HttpCode(200)
  async sent(
    @Param('campaignId') campaignId: string,
    @Param('contactId') contactId: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    const { commandId: _, ...data } = parseBody(sendBody, body);
    return this.door.send({ type: 'RecordMessageSent', data: { campaignId, contactId, ...data }, metadata });
  }

  @Post('send-failures')
  @HttpCode(200)
  async sendFailed(
    @Param('campaignId') campaignId: string,
    @Param('contactId') contactId: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    const { commandId: _, ...data } = parseBody(sendFailureBody, body);
    return this.door.send({ type: 'RecordDispatchFailed', data: { campaignId, contactId, ...data }, metadata });
  }

  @Post('conversions')
  @HttpCode(200)
  async converted(
    @Param('campaignId') campaignId: string,
    @Param('contactId') contactId: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    const { conversion_type, conversion_entity_id } = parseBody(conversionBody, body);
    const command: outreach.RecordConversion = {
      type: 'RecordConversion',
      data: { campaignId, contactId, conversionType: conversion_type, conversionEntityId: conversion_entity_id },
      metadata,
    };
    return this.door.send(command);
  }

  @Post('responses')
  @HttpCode(200)
  async responded(
    @Param('campaignId') campaignId: string,
    @Param('contactId') contactId: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    const { channel, response_text } = parseBody(responseBody, body);
    return this.door.send({ type: 'RecordResponse', data: { campaignId, contactId, channel, responseText: response_text }, metadata });
  }
}
