import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Headers as RequestHeaders } from '../shared/request-context';
import { sendPersonCommand } from './commerce.door';
import { emptyBody, paymentBody, placeOrderBody, refundBody } from './commerce.requests';

/**
 * HTTP doors to the org's orders (seed 001 orders, order_items, transactions; editors and
 * admins). Lines are priced from the catalog and their units drawn from stock when the order is
 * placed (409 INSUFFICIENT_STOCK, details.available); a body carrying a price or a total is
 * malformed. Another org's order is not found.
 */
@RequireTenant()
@Controller('v1/commerce/orders')
export class CommerceOrdersController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  async place(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, placeOrderBody, true, (fields, metadata, newId) => {
      const orderId = newId('order');
      const items = fields.items.map((i) => ({ productId: i.product_id, variantId: i.variant_id, quantity: i.quantity, location: i.location }));
      return {
        command: { type: 'PlaceOrder', data: { orderId, customerId: fields.customer_id, agentId: fields.agent_id, items }, metadata },
        ids: { orderId },
      };
    });
  }

  /** The payment is the order's computed total exactly (422 ORDER_PAYMENT_MISMATCH); a pending order only. */
  @Post(':orderId/payments')
  @HttpCode(201)
  async pay(@Param('orderId') orderId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, paymentBody, true, ({ amount }, metadata, newId) => {
      const transactionId = newId('payment');
      return { command: { type: 'PayOrder', data: { orderId, transactionId, amount }, metadata }, ids: { orderId, transactionId } };
    });
  }

  /** At most what is paid and not yet refunded (422 ORDER_REFUND_EXCEEDS_PAID). */
  @Post(':orderId/refunds')
  @HttpCode(201)
  async refund(@Param('orderId') orderId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, refundBody, true, ({ amount, reason }, metadata, newId) => {
      const transactionId = newId('refund');
      return { command: { type: 'RefundOrder', data: { orderId, transactionId, amount, reason }, metadata }, ids: { orderId, transactionId } };
    });
  }

  /** A paid order ships; anything else is 409 ORDER_STATUS_INVALID. */
  @Post(':orderId/fulfilment')
  @HttpCode(200)
  async fulfil(@Param('orderId') orderId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'FulfilOrder', data: { orderId }, metadata },
      ids: { orderId },
    }));
  }

  /** A pending order (or a refunded one not shipped) is cancelled and its units go back to stock. */
  @Post(':orderId/cancellation')
  @HttpCode(200)
  async cancel(@Param('orderId') orderId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'CancelOrder', data: { orderId }, metadata },
      ids: { orderId },
    }));
  }
}
