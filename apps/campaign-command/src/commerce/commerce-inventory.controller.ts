import { commerce } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Headers as RequestHeaders } from '../shared/request-context';
import { sendPersonCommand } from './commerce.door';
import { adjustmentBody, receiptBody } from './commerce.requests';

/**
 * HTTP doors to stock (seed 001 inventory, UNIQUE (product_variant_id, location)): receipts
 * raise what is available to sell, adjustments correct it — never below zero (409
 * INSUFFICIENT_STOCK, details.available). A body without a location means the default one,
 * where orders take from when their lines name none.
 */
@RequireTenant()
@Controller('v1/commerce/inventory')
export class CommerceInventoryController {
  constructor(private readonly bus: CommandBus) {}

  @Post('receipts')
  @HttpCode(200)
  async receive(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, receiptBody, false, (fields, metadata) => {
      const where = { productId: fields.product_id, variantId: fields.variant_id, location: fields.location ?? commerce.DEFAULT_LOCATION };
      return { command: { type: 'ReceiveStock', data: { ...where, quantity: fields.quantity }, metadata }, ids: where };
    });
  }

  @Post('adjustments')
  @HttpCode(200)
  async adjust(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, adjustmentBody, false, (fields, metadata) => {
      const where = { productId: fields.product_id, variantId: fields.variant_id, location: fields.location ?? commerce.DEFAULT_LOCATION };
      return { command: { type: 'AdjustStock', data: { ...where, delta: fields.delta, reason: fields.reason }, metadata }, ids: where };
    });
  }
}
