import { accepted, given } from '../testing';
import type { Touch } from './customer';
import type { Attribution, OrderPaid, OrderPlaced } from './order';
import { attribute, touchesInWindow } from './order.attribution';
import { orderDecider } from './order.decide';
import { agentId, campaignId, command, daysAgo, interactionId, NOW, orderIn, orderReads, type TouchSpec } from './testing';

const touch = (n: number, agent: number | null, campaign: number | null, days: number): Touch => ({
  interactionId: interactionId(n),
  agentId: agent === null ? null : agentId(agent),
  campaignId: campaign === null ? null : campaignId(campaign),
  occurredAt: daysAgo(days),
});
/** Three touches, oldest first: agent 2 / campaign 1, agent 3 / campaign 2, agent 2 / no campaign. */
const three = [touch(1, 2, 1, 3), touch(2, 3, 2, 2), touch(3, 2, null, 1)];
const cents = (amount: string) => BigInt(amount.replace('.', ''));
const shareUnits = (share: string) => BigInt(share.replace('.', ''));
const sums = (rows: readonly Attribution[]) => ({
  amount: rows.reduce((sum, r) => sum + cents(r.amount), 0n),
  share: rows.reduce((sum, r) => sum + shareUnits(r.share), 0n),
});

/** The attributions PayOrder records for an order placed after `touches`, under `settings`. */
const paidWith = (touches: readonly TouchSpec[], settings: Record<string, unknown> = {}) => {
  const placed = orderIn('pending', orderReads(touches, settings));
  const paid = accepted(given(orderDecider, placed).when(command.payOrder()))[0] as OrderPaid;
  return { placed: placed.at(-1) as OrderPlaced, paid: paid.data };
};

describe('attribute (a payment split across its touches)', () => {
  // seed 001 (line 260, 263): revenue_attribution.agent_id NOT NULL — "Must credit an agent"
  it('revenue_attribution must credit an agent: with no touch the order’s agent gets the whole', () => {
    expect(attribute(2000n, 'linear', [], agentId(1))).toEqual([{ agentId: agentId(1), campaignId: null, share: '1.00000000', amount: '20.00' }]);
  });

  // seed 001 (line 260, 263): "Must credit an agent"
  it('revenue_attribution must credit an agent: a touch that names none credits the order’s agent', () => {
    expect(attribute(1000n, 'last_touch', [touch(1, null, 4, 1)], agentId(1))).toEqual([
      { agentId: agentId(1), campaignId: campaignId(4), share: '1.00000000', amount: '10.00' },
    ]);
  });

  it('last_touch gives the whole to the latest touch', () => {
    expect(attribute(10_000n, 'last_touch', three, agentId(1))).toEqual([{ agentId: agentId(2), campaignId: null, share: '1.00000000', amount: '100.00' }]);
  });

  it('linear splits evenly, the odd cents to the latest touches, one row per (agent, campaign)', () => {
    expect(attribute(10_000n, 'linear', three, agentId(1))).toEqual([
      { agentId: agentId(2), campaignId: campaignId(1), share: '0.33333333', amount: '33.33' },
      { agentId: agentId(3), campaignId: campaignId(2), share: '0.33333333', amount: '33.33' },
      { agentId: agentId(2), campaignId: null, share: '0.33333334', amount: '33.34' },
    ]);
  });

  // seed 001 (line 259–261): one attribution per agent and campaign of a transaction
  it('linear merges touches of the same agent and campaign into one row', () => {
    const rows = attribute(10_000n, 'linear', [touch(1, 2, 1, 3), touch(2, 3, null, 2), touch(3, 2, 1, 1)], agentId(1));
    expect(rows).toEqual([
      { agentId: agentId(2), campaignId: campaignId(1), share: '0.66666666', amount: '66.67' },
      { agentId: agentId(3), campaignId: null, share: '0.33333334', amount: '33.33' },
    ]);
  });

  it.each([
    ['100.00 over 3', 10_000n, 3],
    ['0.01 over 2', 1n, 2],
    ['0.00 over 3', 0n, 3],
    ['0.05 over 3', 5n, 3],
    ['1.00 over 7', 100n, 7],
    ['99999.99 over 6', 9_999_999n, 6],
  ])('shares sum to exactly 1.00000000 and amounts to the total to the cent: %s', (_, total, n) => {
    const touches = Array.from({ length: n }, (_, i) => touch(i + 1, i + 1, null, n - i));
    const rows = attribute(total, 'linear', touches, agentId(1));
    expect(rows).toHaveLength(n);
    expect(sums(rows)).toEqual({ amount: total, share: 100_000_000n });
    const amounts = rows.map((r) => cents(r.amount));
    expect(amounts.every((a) => a >= 0n && a <= total / BigInt(n) + 1n && a >= total / BigInt(n))).toBe(true);
  });

  it('0.01 over 2 gives the cent to the latest touch; 0.00 credits zero to each', () => {
    expect(attribute(1n, 'linear', [touch(1, 2, null, 2), touch(2, 3, null, 1)], agentId(1)).map((r) => [r.agentId, r.share, r.amount])).toEqual([
      [agentId(2), '0.50000000', '0.00'],
      [agentId(3), '0.50000000', '0.01'],
    ]);
    expect(attribute(0n, 'linear', three, agentId(1)).map((r) => r.amount)).toEqual(['0.00', '0.00', '0.00']);
  });

  it('touchesInWindow keeps the touches within the window before the instant, oldest first', () => {
    const touches = [touch(1, 2, null, 1), touch(2, 3, null, 31), touch(3, 2, null, 30), touch(4, 3, null, -1)];
    expect(touchesInWindow(touches, NOW, 30).map((t) => t.interactionId)).toEqual([interactionId(3), interactionId(1)]);
  });
});

describe('when an order is paid (attribution by the shop’s configuration)', () => {
  const touches: TouchSpec[] = [
    { agent: 2, campaign: 1, daysAgo: 10 },
    { agent: 3, campaign: 2, daysAgo: 2 },
    { agent: 2, campaign: 1, daysAgo: 5 },
  ];

  it('the configured model is last_touch by default: the latest touch by when it occurred gets the whole', () => {
    const { paid } = paidWith(touches);
    expect(paid).toMatchObject({
      model: 'last_touch',
      attributions: [{ agentId: agentId(3), campaignId: campaignId(2), share: '1.00000000', amount: '20.00' }],
    });
  });

  it('attribution_model linear splits the payment across the touches', () => {
    const { paid } = paidWith(touches, { attribution_model: 'linear' });
    expect(paid.model).toBe('linear');
    expect(paid.attributions).toEqual([
      { agentId: agentId(2), campaignId: campaignId(1), share: '0.66666666', amount: '13.33' },
      { agentId: agentId(3), campaignId: campaignId(2), share: '0.33333334', amount: '6.67' },
    ]);
  });

  it('attribution_window_days: touches older than the window are left out (default 30 days)', () => {
    const old: TouchSpec[] = [
      { agent: 2, daysAgo: 31 },
      { agent: 3, daysAgo: 29 },
    ];
    expect(paidWith(old).placed.data.touches.map((t) => t.agentId)).toEqual([agentId(3)]);
    const { placed, paid } = paidWith(touches, { attribution_window_days: 7, attribution_model: 'linear' });
    expect(placed.data.touches.map((t) => t.occurredAt)).toEqual([daysAgo(5), daysAgo(2)]);
    expect(paid.attributions.map((a) => [a.agentId, a.amount])).toEqual([
      [agentId(2), '10.00'],
      [agentId(3), '10.00'],
    ]);
  });

  it('with no touch in the window the order’s agent gets the whole', () => {
    const { paid } = paidWith([{ agent: 2, daysAgo: 40 }], { attribution_model: 'linear' });
    expect(paid.attributions).toEqual([{ agentId: agentId(1), campaignId: null, share: '1.00000000', amount: '20.00' }]);
  });
});
