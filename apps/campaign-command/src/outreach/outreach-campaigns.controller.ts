import { outreach } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, Param, Patch, Post, UnprocessableEntityException } from '@nestjs/common';
import { normalizeEmail } from './dispatch/dispatch-state';
import { DispatchStateStore } from './dispatch/dispatch-state.store';
import { type Headers as RequestHeaders, parseBody } from '../shared/request-context';
import { derivedId, OutreachDoor } from './outreach-door';
import { campaignBody, campaignFieldsOf, contactInputOf, contactsBody, transitionBody } from './outreach.requests';
import { RequestAuthenticator } from './request-auth';

/** The route whose body may carry 100,000 contacts (its body limit is raised, see body-limits.ts). */
export const ADD_CONTACTS_ROUTE = '/v1/outreach/campaigns/:campaignId/contacts';

/** HTTP door to the campaign commands (seed 004 API examples: campaign.create, activate, pause, addContacts…). */
@RequireTenant()
@Controller('v1/outreach/campaigns')
export class OutreachCampaignsController {
  constructor(
    private readonly auth: RequestAuthenticator,
    private readonly door: OutreachDoor,
    private readonly suppressions: DispatchStateStore,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { claims, metadata } = this.auth.authenticate(caller, headers, body);
    const { commandId: _, owner_id, ...fields } = parseBody(campaignBody, body);
    const campaignId = derivedId(claims.org_id, metadata.commandId, 'campaign');
    const command: outreach.CreateCampaign = {
      type: 'CreateCampaign',
      // seed 004: owner_id defaults to the current user; created_by is the current user.
      data: { ...campaignFieldsOf(fields), campaignId, ownerId: owner_id ?? claims.sub, createdBy: claims.sub },
      metadata,
    };
    return this.door.send(command, true, { campaignId });
  }

  @Patch(':campaignId')
  @HttpCode(200)
  async update(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    const { commandId: _, ...fields } = parseBody(campaignBody, body);
    return this.door.send({ type: 'UpdateCampaign', data: { campaignId, changes: campaignFieldsOf(fields) }, metadata });
  }

  @Post(':campaignId/activate')
  @HttpCode(200)
  async activate(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    parseBody(transitionBody.omit({ reason: true }), body);
    return this.door.send({ type: 'ActivateCampaign', data: { campaignId }, metadata });
  }

  @Post(':campaignId/pause')
  @HttpCode(200)
  async pause(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    parseBody(transitionBody.omit({ reason: true }), body);
    return this.door.send({ type: 'PauseCampaign', data: { campaignId }, metadata });
  }

  /** The completion report is filled by the handler from the campaign's counters. */
  @Post(':campaignId/complete')
  @HttpCode(200)
  async complete(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    const { reason = 'manual' } = parseBody(transitionBody, body);
    return this.door.send({ type: 'CompleteCampaign', data: { campaignId, reason }, metadata });
  }

  @Post(':campaignId/archive')
  @HttpCode(200)
  async archive(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { metadata } = this.auth.authenticate(caller, headers, body);
    const { reason = 'manual' } = parseBody(transitionBody, body);
    return this.door.send({ type: 'ArchiveCampaign', data: { campaignId, reason }, metadata });
  }

  /**
   * Each contact gets an id derived from the command id, so a retried bulk names the same
   * contacts. Addresses the org suppresses are added but flagged in the answer (`flagged`).
   */
  @Post(':campaignId/contacts')
  @HttpCode(200)
  async addContacts(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { claims, metadata } = this.auth.authenticate(caller, headers, body);
    const { contacts, campaign_id } = parseBody(contactsBody, body);
    // seed 004: campaign.addContacts({ campaign_id, contacts }) — the example's body is taken as is when it names this campaign.
    if (campaign_id !== undefined && campaign_id !== campaignId) {
      throw new UnprocessableEntityException({
        status: 'REJECTED',
        code: outreach.OutreachErrorCode.CAMPAIGN_INVALID,
        message: `campaign_id ${campaign_id} does not match the campaign of the path (${campaignId})`,
        details: { field: 'campaign_id' },
      });
    }
    const inputs = contacts.map((contact, i) => contactInputOf(derivedId(claims.org_id, metadata.commandId, `contact:${i}`), contact));
    // The dispatcher's own suppression list, keyed as it keys addresses.
    const suppressed = await this.suppressions.suppressionsOf(claims.org_id, outreach.inlineAddressesOf(inputs).map(normalizeEmail));
    const flagged = outreach
      .suppressionFlagsOf(inputs, (email) => suppressed.get(normalizeEmail(email)))
      .map(({ index, contactId, email, code, message }) => ({
        index,
        contact_id: contactId,
        email,
        code,
        message,
      }));
    const command: outreach.AddContacts = { type: 'AddContacts', data: { campaignId, contacts: inputs }, metadata };
    return this.door.send(command, false, { contactIds: inputs.map((c) => c.contactId), flagged });
  }
}
