import type { outreach } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { type Headers as RequestHeaders, parseBody } from '../shared/request-context';
import { OutreachDoor } from './outreach-door';
import { conversionBody, removeBody, responseBody, sendBody, sendFailureBody } from './outreach.requests';
import { RequestAuthenticator } from './request-auth';

/**
 * One contact over HTTP: facts a sender adapter reports (a send, a send it could not make),
 * what people log that the trackers cannot see (seed 004: "Phone call returned / Manual response
 * logged"), and taking the contact out of a draft or paused campaign.
 */
@RequireTenant()
@Controller('v1/outreach/campaigns/:campaignId/contacts/:contactId')
export class OutreachContactsController {
  constructor(
    private readonly auth: RequestAuthenticator,
    private readonly door: OutreachDoor,
  ) {}

  /** Removes a contact nothing was sent to from a draft or paused campaign (decided on the campaign's stream). */
  @Delete()
  @HttpCode(200)
  async remove(
    @Param('campaignId') campaignId: string,
    @Param('contactId') contactId: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    parseBody(removeBody, body);
    return this.door.send({ type: 'RemoveContact', data: { campaignId, contactId }, metadata });
  }

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
