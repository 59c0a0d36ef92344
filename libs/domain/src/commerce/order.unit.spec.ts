/**
 * An order after PlaceOrder (seed 001 orders, transactions): payment, refunds, fulfilment and
 * cancellation, one describe per status. Placing it is in order.place.unit.spec.ts.
 */
import { accepted, given } from '../testing';
import { orderDecider } from './order.decide';
import { agentId, command, customerId, decided, NOW, ORG_ID, orderId, orderIn, recordedTypes, transactionId, variantId } from './testing';

const ref = { orgId: ORG_ID, orderId: orderId(1), customerId: customerId(1), agentId: agentId(1) };
const lines = [{ variantId: variantId(1), location: 'main', quantity: 2 }];

describe('when the order is pending (2 × 10.00 EUR)', () => {
  const pending = orderIn('pending');

  it('placing it again is refused as ORDER_ALREADY_EXISTS', () => {
    given(orderDecider, pending).when(command.placeOrder()).thenRejects('ORDER_ALREADY_EXISTS');
  });

  it.each(['19.99', '20.01', '0'])('a payment of %p is not the total: ORDER_PAYMENT_MISMATCH', (amount) => {
    given(orderDecider, pending)
      .when(command.payOrder({ amount }))
      .thenRejects('ORDER_PAYMENT_MISMATCH', { details: { total: '20.00' } });
  });

  it('PayOrder of exactly the total records OrderPaid, credited to the order’s agent when there is no touch', () => {
    given(orderDecider, pending)
      .when(command.payOrder({ amount: '20' }))
      .then([
        {
          type: 'OrderPaid',
          data: {
            ...ref,
            transactionId: transactionId(1),
            amount: '20.00',
            currency: 'EUR',
            model: 'last_touch',
            attributions: [{ agentId: agentId(1), campaignId: null, share: '1.00000000', amount: '20.00' }],
            paidAt: NOW,
          },
        },
      ]);
  });

  it('refunding or fulfilling an unpaid order is refused as ORDER_STATUS_INVALID', () => {
    given(orderDecider, pending)
      .when(command.refundOrder())
      .thenRejects('ORDER_STATUS_INVALID', { details: { status: 'pending', command: 'RefundOrder' } });
    given(orderDecider, pending)
      .when(command.fulfilOrder())
      .thenRejects('ORDER_STATUS_INVALID', { details: { status: 'pending', command: 'FulfilOrder' } });
  });

  it('CancelOrder records OrderCancelled with the lines whose units go back', () => {
    given(orderDecider, pending)
      .when(command.cancelOrder())
      .then([{ type: 'OrderCancelled', data: { ...ref, lines, fromStatus: 'pending', cancelledAt: NOW } }]);
  });
});

describe('when the order is paid', () => {
  const paid = orderIn('paid');

  it('paying it again is refused as ORDER_STATUS_INVALID', () => {
    given(orderDecider, paid).when(command.payOrder()).thenRejects('ORDER_STATUS_INVALID');
  });

  it('a refund above what is paid and not refunded is refused as ORDER_REFUND_EXCEEDS_PAID; so is a zero refund', () => {
    given(orderDecider, paid)
      .when(command.refundOrder({ amount: '20.01' }))
      .thenRejects('ORDER_REFUND_EXCEEDS_PAID', { details: { refundable: '20.00' } });
    given(orderDecider, paid)
      .when(command.refundOrder({ amount: '0.00' }))
      .thenRejects('ORDER_REFUND_EXCEEDS_PAID');
    given(orderDecider, paid)
      .when(command.refundOrder({ amount: '-1.00' }))
      .thenRejects('ORDER_INVALID', { details: { field: 'amount' } });
  });

  it('a partial refund makes it partially_refunded; refunding the rest makes it refunded', () => {
    const partial = accepted(given(orderDecider, paid).when(command.refundOrder({ amount: '5', reason: 'scratched' })));
    expect(partial).toEqual([
      {
        type: 'OrderRefunded',
        data: {
          ...ref,
          transactionId: transactionId(2),
          amount: '5.00',
          currency: 'EUR',
          refundedAmount: '5.00',
          status: 'partially_refunded',
          reason: 'scratched',
          refundedAt: NOW,
        },
      },
    ]);
    const afterPartial = [...paid, ...partial];
    given(orderDecider, afterPartial)
      .when(command.refundOrder({ amount: '15.01' }))
      .thenRejects('ORDER_REFUND_EXCEEDS_PAID', { details: { refundable: '15.00' } });
    expect(accepted(given(orderDecider, afterPartial).when(command.refundOrder({ transactionId: transactionId(3), amount: '15.00' })))[0].data).toMatchObject({
      refundedAmount: '20.00',
      status: 'refunded',
    });
  });

  it('FulfilOrder records OrderFulfilled with its lines', () => {
    given(orderDecider, paid)
      .when(command.fulfilOrder())
      .then([{ type: 'OrderFulfilled', data: { ...ref, lines, fulfilledAt: NOW } }]);
  });

  it('a paid order is not cancelled: ORDER_STATUS_INVALID (refund it first)', () => {
    given(orderDecider, paid)
      .when(command.cancelOrder())
      .thenRejects('ORDER_STATUS_INVALID', { details: { status: 'paid' } });
  });
});

describe('when the order is partially refunded and not shipped', () => {
  it('it is not cancelled: ORDER_STATUS_INVALID (only pending, or refunded in full and not shipped)', () => {
    given(orderDecider, orderIn('partially_refunded'))
      .when(command.cancelOrder())
      .thenRejects('ORDER_STATUS_INVALID', { details: { status: 'partially_refunded' } });
  });

  it('it may still be fulfilled (what is left of it is paid)', () => {
    expect(accepted(given(orderDecider, orderIn('partially_refunded')).when(command.fulfilOrder()))[0].type).toBe('OrderFulfilled');
  });
});

describe('when the order is fulfilled', () => {
  const fulfilled = orderIn('fulfilled');

  it('fulfilling it again records nothing; cancelling it is refused', () => {
    given(orderDecider, fulfilled).when(command.fulfilOrder()).thenNothing();
    given(orderDecider, fulfilled).when(command.cancelOrder()).thenRejects('ORDER_STATUS_INVALID');
  });

  it('a shipped order that is then partly refunded is not shipped a second time', () => {
    const partly = decided(orderDecider, fulfilled, command.refundOrder());
    // Either answer will do (nothing, or ORDER_STATUS_INVALID); a second OrderFulfilled will not.
    expect(recordedTypes(given(orderDecider, partly).when(command.fulfilOrder()))).toEqual([]);
  });

  it('a shipped order refunded in full is not cancelled (its units are gone)', () => {
    given(orderDecider, orderIn('fulfilled-then-refunded'))
      .when(command.cancelOrder())
      .thenRejects('ORDER_STATUS_INVALID', { details: { status: 'refunded' } });
  });
});

describe('when the order is refunded in full, never shipped', () => {
  const refunded = orderIn('refunded');

  it('CancelOrder gives its units back: OrderCancelled from refunded', () => {
    given(orderDecider, refunded)
      .when(command.cancelOrder())
      .then([{ type: 'OrderCancelled', data: { ...ref, lines, fromStatus: 'refunded', cancelledAt: NOW } }]);
  });

  it('nothing is left to refund or to ship', () => {
    given(orderDecider, refunded)
      .when(command.refundOrder({ amount: '0.01' }))
      .thenRejects('ORDER_STATUS_INVALID');
    given(orderDecider, refunded).when(command.fulfilOrder()).thenRejects('ORDER_STATUS_INVALID');
  });
});

describe('when the order is cancelled', () => {
  const cancelled = orderIn('cancelled');

  it('cancelling it again records nothing; paying or fulfilling it is refused', () => {
    given(orderDecider, cancelled).when(command.cancelOrder()).thenNothing();
    given(orderDecider, cancelled)
      .when(command.payOrder())
      .thenRejects('ORDER_STATUS_INVALID', { details: { status: 'cancelled' } });
    given(orderDecider, cancelled).when(command.fulfilOrder()).thenRejects('ORDER_STATUS_INVALID');
  });
});
