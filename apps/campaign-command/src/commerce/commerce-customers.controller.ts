import { Caller, type Principal, RequireTenant, type z } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Headers as RequestHeaders } from '../shared/request-context';
import { sendPersonCommand } from './commerce.door';
import { emailBody, emptyBody, interactionBody, registerCustomerBody, updateCustomerBody } from './commerce.requests';

/** The fields a registration and an update both carry, under the command's names. */
const customerInputOf = (fields: z.infer<typeof updateCustomerBody>) => ({
  firstName: fields.first_name,
  lastName: fields.last_name,
  phone: fields.phone,
  acceptsMarketing: fields.accepts_marketing,
  attributes: fields.attributes,
});

/**
 * HTTP doors to the org's customers (seed 001 "Customers and Segmentation"; editors and
 * admins). seed 001 idx_customers_email: one customer per email in the org (409
 * CUSTOMER_EMAIL_TAKEN); a deleted customer's email is free again, and another org's customers
 * never hold it.
 */
@RequireTenant()
@Controller('v1/commerce/customers')
export class CommerceCustomersController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  async register(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, registerCustomerBody, true, (fields, metadata, newId) => {
      const customerId = newId('customer');
      return { command: { type: 'RegisterCustomer', data: { customerId, email: fields.email, ...customerInputOf(fields) }, metadata }, ids: { customerId } };
    });
  }

  /** Changes the fields given; a field left out or null keeps its value. */
  @Patch(':customerId')
  @HttpCode(200)
  async update(@Param('customerId') customerId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, updateCustomerBody, false, (fields, metadata) => ({
      command: { type: 'UpdateCustomer', data: { customerId, ...customerInputOf(fields) }, metadata },
      ids: { customerId },
    }));
  }

  /** The new address is claimed and the old one let go in the same append. */
  @Put(':customerId/email')
  @HttpCode(200)
  async changeEmail(@Param('customerId') customerId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emailBody, false, ({ email }, metadata) => ({
      command: { type: 'ChangeCustomerEmail', data: { customerId, email }, metadata },
      ids: { customerId },
    }));
  }

  /** seed 001 orders: "Orders preserved if customer deleted". */
  @Delete(':customerId')
  @HttpCode(200)
  async remove(@Param('customerId') customerId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'DeleteCustomer', data: { customerId }, metadata },
      ids: { customerId },
    }));
  }

  /** seed 001 customer_interactions: handled by an agent; revenue is attributed to these touches. */
  @Post(':customerId/interactions')
  @HttpCode(201)
  async interaction(@Param('customerId') customerId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, interactionBody, true, (fields, metadata, newId) => {
      const interactionId = newId('interaction');
      const { agent_id, campaign_id, channel, summary, occurred_at } = fields;
      const data = { customerId, interactionId, agentId: agent_id, campaignId: campaign_id, channel, summary, occurredAt: occurred_at };
      return { command: { type: 'RecordCustomerInteraction', data, metadata }, ids: { customerId, interactionId } };
    });
  }
}
