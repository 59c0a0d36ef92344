import { CommerceHistory } from './testing';

/** A shop: an agent hierarchy, goals, two products in stock, a customer with three orders (paid and shipped, part-refunded, cancelled), money and settings. */
export const shop = () => {
  const h = new CommerceHistory();
  const ceo = h.agent('CEO', 'orchestrator');
  const sales = h.agent('Sales', 'director', ceo);
  const support = h.agent('Support', 'specialist', sales);
  h.agentEvent('AgentCapabilityGranted', { agentId: support, capability: 'chat', score: 60, grantedAt: h.at() });
  h.agentEvent('AgentCapabilityGranted', { agentId: support, capability: 'chat', score: 85, grantedAt: h.at() });
  h.agentEvent('AgentCollaborationAllowed', { requestingAgentId: sales, respondingAgentId: support, collaborationType: 'handoff', allowedAt: h.at() });
  h.agentEvent('AgentUpdated', { agentId: support, changes: { description: 'First line' }, updatedAt: h.at() });
  const goal = h.goal('Grow revenue', { ownerAgentId: ceo, targetValue: '10000.00', unit: 'EUR', dueDate: '2026-12-31' });
  const subGoal = h.goal('Sell prints', { ownerAgentId: sales }, goal);
  h.goalEvent('GoalProgressRecorded', { goalId: subGoal, currentValue: '84.70', recordedAt: h.at() });
  const prints = h.product('Print', 'prints', [
    ['P-S', '19.90'],
    ['P-L', '29.90'],
  ]);
  const frames = h.product('Frame', 'frames', [['F-1', '5.00']]);
  const [small, large] = prints.variantIds;
  const [frame] = frames.variantIds;
  h.receive(prints.productId, small, 10).receive(prints.productId, large, 5).receive(frames.productId, frame, 20).adjust(frames.productId, frame, -2);
  const customer = h.customer('ada@example.com');
  const touch = h.interaction(customer, support);
  const first = h.order(
    customer,
    sales,
    [
      { productId: prints.productId, variantId: small, quantity: 2 },
      { productId: frames.productId, variantId: frame, quantity: 3 },
    ],
    [touch],
  );
  h.pay(first);
  h.fulfil(first);
  const second = h.order(customer, sales, [{ productId: prints.productId, variantId: large, quantity: 1 }]);
  h.pay(second);
  h.refund(second, '10.00');
  const third = h.order(customer, sales, [{ productId: prints.productId, variantId: small, quantity: 1 }]);
  h.cancel(third);
  h.expense('ads', '120.00', sales);
  const budget = h.budget('ads', 4, '1000.00', sales);
  h.budgetEvent(budget, 'ads', 4, { amount: '1200.00' });
  h.configure('attribution_model', 'linear', ceo);
  return { h, ceo, sales, support, goal, subGoal, prints, frames, small, large, frame, customer, touch, first, second, third };
};
