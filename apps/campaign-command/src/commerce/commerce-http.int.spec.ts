import { commerce } from '@campaign/domain';
import { call } from '../testing';
import { accepted, idOf, newOrg, typesOf, useCommerceApp } from './testing';

/** The agents, goals, catalog, customers and configuration doors over HTTP (seed 001; a verified JWT with org_id and role). */
describe('commerce over HTTP: agents, goals, catalog, customers, configuration', () => {
  const bed = useCommerceApp();

  describe('who may write', () => {
    it('editors and admins write: both register agents (201), and a repeat under the same Idempotency-Key is the same agent', async () => {
      expect(await bed.client.registerAgent(bed.org.admin)).toMatchObject({ status: 201, body: { status: 'ACCEPTED', agentId: expect.any(String) } });
      const headers = { 'idempotency-key': `agent-${bed.org.orgId}` };
      const body = { name: `Repeat ${bed.org.orgId}`, type: 'director' };
      const first = await call(bed.app, 'POST', '/v1/commerce/agents', bed.org.editor, body, headers);
      const again = await call(bed.app, 'POST', '/v1/commerce/agents', bed.org.editor, body, headers);
      expect(first).toMatchObject({ status: 201, body: { duplicate: false } });
      expect(again).toMatchObject({ status: 201, body: { agentId: first.body.agentId, duplicate: true } });
    });

    it('viewers read only: a viewer’s write is 403 COMMERCE_ROLE_REQUIRED and records nothing', async () => {
      const viewer = newOrg().viewer;
      expect(await bed.client.registerAgent(viewer)).toMatchObject({ status: 403, body: { code: 'COMMERCE_ROLE_REQUIRED' } });
      expect(await bed.client.registerCustomer(viewer)).toMatchObject({ status: 403, body: { code: 'COMMERCE_ROLE_REQUIRED' } });
      expect(await typesOf(bed.app, commerce.agentsStreamId(viewer.orgId))).toEqual([]);
    });

    it('ids of new things are never taken from the body: an agent_id is a malformed request (400 INVALID_REQUEST)', async () => {
      const answer = await call(bed.app, 'POST', '/v1/commerce/agents', bed.org.editor, { agent_id: bed.org.orgId, name: 'Named', type: 'specialist' });
      expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    });
  });

  describe('agents (seed 001 "Agent System")', () => {
    // seed 001: CHECK (type IN ('orchestrator', 'director', 'specialist'))
    it('CHECK type: a type outside orchestrator, director, specialist is 422 AGENT_INVALID naming the field', async () => {
      expect(await bed.client.registerAgent(bed.org.editor, 'Odd one', { type: 'intern' })).toMatchObject({
        status: 422,
        body: { code: 'AGENT_INVALID', details: { field: 'type' } },
      });
    });

    // seed 001 agents.parent_id: hierarchical, so no agent may become its own ancestor
    it('parent_id is a hierarchy: closing a cycle of length 3 (a → c → b → a) is refused AGENT_HIERARCHY_CYCLE with the path', async () => {
      const a = idOf(await bed.client.registerAgent(bed.org.editor), 'agentId');
      const b = idOf(await bed.client.registerAgent(bed.org.editor, undefined, { parent_id: a }), 'agentId');
      const c = idOf(await bed.client.registerAgent(bed.org.editor, undefined, { parent_id: b }), 'agentId');
      const answer = await bed.client.moveAgent(bed.org.editor, a, c);
      expect([409, 422]).toContain(answer.status);
      expect(answer.body).toMatchObject({ code: 'AGENT_HIERARCHY_CYCLE', details: { cycle: `${a} → ${c} → ${b} → ${a}` } });
      expect((await typesOf(bed.app, commerce.agentsStreamId(bed.org.orgId))).filter((t) => t === 'AgentMoved')).toEqual([]);
    });

    // seed 001 NO ACTION: "parent_id in agents (handle hierarchy manually)"
    it('parent_id NO ACTION: an agent with live children cannot be archived (409 AGENT_HAS_CHILDREN); once the child moves, it can', async () => {
      const lead = idOf(await bed.client.registerAgent(bed.org.editor), 'agentId');
      const child = idOf(await bed.client.registerAgent(bed.org.editor, undefined, { parent_id: lead }), 'agentId');
      const archive = () => call(bed.app, 'PUT', `/v1/commerce/agents/${lead}/status`, bed.org.editor, { status: 'archived' });
      expect(await archive()).toMatchObject({ status: 409, body: { code: 'AGENT_HAS_CHILDREN', details: { children: 1 } } });
      expect(await bed.client.moveAgent(bed.org.editor, child, null)).toMatchObject({ status: 200 });
      expect(await archive()).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    });

    // seed 001: CHECK (score BETWEEN 0 AND 100)
    it('agent_capabilities CHECK score 0–100: 101 is 422 AGENT_INVALID; 80 is granted and revoked', async () => {
      const agentId = idOf(await bed.client.registerAgent(bed.org.editor), 'agentId');
      const path = `/v1/commerce/agents/${agentId}/capabilities/copywriting`;
      expect(await call(bed.app, 'PUT', path, bed.org.editor, { score: 101 })).toMatchObject({ status: 422, body: { details: { field: 'score' } } });
      expect(await call(bed.app, 'PUT', path, bed.org.editor, { score: 80 })).toMatchObject({ status: 200 });
      expect(await call(bed.app, 'DELETE', path, bed.org.editor)).toMatchObject({ status: 200 });
      const types = await typesOf(bed.app, commerce.agentsStreamId(bed.org.orgId));
      expect(types.slice(-2)).toEqual(['AgentCapabilityGranted', 'AgentCapabilityRevoked']);
    });

    it('agent_collaborations: allowed between two agents, revoked by its path; an agent with itself is 422 COLLABORATION_INVALID', async () => {
      const [a, b] = [idOf(await bed.client.registerAgent(bed.org.editor), 'agentId'), idOf(await bed.client.registerAgent(bed.org.editor), 'agentId')];
      const allow = (x: string, y: string) =>
        call(bed.app, 'POST', '/v1/commerce/agent-collaborations', bed.org.editor, {
          requesting_agent_id: x,
          responding_agent_id: y,
          collaboration_type: 'review',
        });
      expect(await allow(a, a)).toMatchObject({ status: 422, body: { code: 'COLLABORATION_INVALID' } });
      expect(await allow(a, b)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
      expect(await call(bed.app, 'DELETE', `/v1/commerce/agent-collaborations/${a}/${b}/review`, bed.org.editor)).toMatchObject({ status: 200 });
    });
  });

  describe('goals (seed 001 "Goals and Workflows")', () => {
    // seed 001 goals.parent_goal_id: "Hierarchical goal structure"
    it('parent_goal_id is a hierarchy: closing a cycle of length 3 is refused GOAL_HIERARCHY_CYCLE with the path', async () => {
      const a = idOf(await bed.client.createGoal(bed.org.editor, 'Revenue'), 'goalId');
      const b = idOf(await bed.client.createGoal(bed.org.editor, 'Repeat buyers', { parent_goal_id: a }), 'goalId');
      const c = idOf(await bed.client.createGoal(bed.org.editor, 'Newsletter', { parent_goal_id: b }), 'goalId');
      const answer = await bed.client.moveGoal(bed.org.editor, a, c);
      expect([409, 422]).toContain(answer.status);
      expect(answer.body).toMatchObject({ code: 'GOAL_HIERARCHY_CYCLE', details: { cycle: `${a} → ${c} → ${b} → ${a}` } });
    });

    it('parent_goal_id NO ACTION: a goal with live sub-goals cannot be archived (409 GOAL_HAS_CHILDREN)', async () => {
      const parent = idOf(await bed.client.createGoal(bed.org.editor), 'goalId');
      accepted(await bed.client.createGoal(bed.org.editor, 'Sub-goal', { parent_goal_id: parent }));
      const answer = await call(bed.app, 'PUT', `/v1/commerce/goals/${parent}/status`, bed.org.editor, { status: 'archived' });
      expect(answer).toMatchObject({ status: 409, body: { code: 'GOAL_HAS_CHILDREN' } });
    });

    it('"Goals can exist without owners"; an owner that is not an agent of the bed.org is 404 AGENT_NOT_FOUND; progress is recorded', async () => {
      const goalId = idOf(await bed.client.createGoal(bed.org.editor, 'Company-wide', { target_value: 1500 }), 'goalId');
      expect(await bed.client.createGoal(bed.org.editor, 'Owned', { owner_agent_id: newOrg().orgId })).toMatchObject({
        status: 404,
        body: { code: 'AGENT_NOT_FOUND' },
      });
      expect(await call(bed.app, 'POST', `/v1/commerce/goals/${goalId}/progress`, bed.org.editor, { current_value: '300.5' })).toMatchObject({ status: 200 });
      const { events } = await bed.app.store.readStream(commerce.goalsStreamId(bed.org.orgId));
      expect(events.at(-1)).toMatchObject({ type: 'GoalProgressRecorded', data: { goalId, currentValue: '300.50' } });
    });
  });

  describe('catalog and customers', () => {
    it('a product is created with its variants; the answer names them; prices are kept exact (12.5 → 12.50)', async () => {
      const answer = await bed.client.createProduct(bed.org.editor, [{ sku: `S-${bed.org.orgId}`, title: 'S', price: 12.5, currency: 'EUR' }]);
      expect(answer).toMatchObject({ status: 201, body: { productId: expect.any(String), variantIds: [expect.any(String)] } });
      const { events } = await bed.app.store.readStream(commerce.productStreamId(bed.org.orgId, answer.body.productId as string));
      expect(events[0]).toMatchObject({ type: 'ProductCreated', data: { variants: [{ variantId: (answer.body.variantIds as string[])[0], price: '12.50' }] } });
    });

    it('a SKU names one variant of the bed.org’s catalog: a second product with it is 409 VARIANT_SKU_TAKEN; deleting the first lets it go', async () => {
      const variant = { sku: `SKU-${bed.org.orgId}`, title: 'One', price: '5.00', currency: 'EUR' };
      const productId = idOf(await bed.client.createProduct(bed.org.editor, [variant]), 'productId');
      expect(await bed.client.createProduct(bed.org.editor, [variant])).toMatchObject({ status: 409, body: { code: 'VARIANT_SKU_TAKEN' } });
      expect(await call(bed.app, 'DELETE', `/v1/commerce/products/${productId}`, bed.org.editor)).toMatchObject({ status: 200 });
      expect(await bed.client.createProduct(bed.org.editor, [variant])).toMatchObject({ status: 201 });
    });

    it('a customer’s email is kept lower-case; changing it and recording an interaction handled by an agent are accepted', async () => {
      const customerId = idOf(await bed.client.registerCustomer(bed.org.editor, `Ada.${bed.org.orgId}@Example.com`, { first_name: 'Ada' }), 'customerId');
      const agentId = idOf(await bed.client.registerAgent(bed.org.editor), 'agentId');
      expect(
        await call(bed.app, 'PUT', `/v1/commerce/customers/${customerId}/email`, bed.org.editor, { email: `ada2.${bed.org.orgId}@example.com` }),
      ).toMatchObject({
        status: 200,
      });
      const touch = await call(bed.app, 'POST', `/v1/commerce/customers/${customerId}/interactions`, bed.org.editor, { agent_id: agentId, channel: 'chat' });
      expect(touch).toMatchObject({ status: 201, body: { customerId, interactionId: expect.any(String) } });
      expect(await typesOf(bed.app, commerce.customerStreamId(bed.org.orgId, customerId))).toEqual([
        'CustomerRegistered',
        'CustomerEmailChanged',
        'CustomerInteractionRecorded',
      ]);
    });

    it('/openapi.json describes the commerce routes with strict snake_case bodies', async () => {
      const response = await fetch(`${bed.app.url}/openapi.json`);
      const paths = ((await response.json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>> })
        .paths;
      expect(Object.keys(paths).filter((path) => path.startsWith('/v1/commerce/')).length).toBeGreaterThanOrEqual(25);
      expect(paths['/v1/commerce/orders'].post.requestBody?.content['application/json'].schema).toMatchObject({
        additionalProperties: false,
        required: ['customer_id', 'agent_id', 'items'],
      });
    });

    it('configuration: attribution_model takes last_touch or linear (else 422 CONFIGURATION_INVALID)', async () => {
      const path = '/v1/commerce/configuration/attribution_model';
      expect(await call(bed.app, 'PUT', path, bed.org.admin, { value: 'first_touch' })).toMatchObject({ status: 422, body: { code: 'CONFIGURATION_INVALID' } });
      expect(await call(bed.app, 'PUT', path, bed.org.admin, { value: 'linear' })).toMatchObject({ status: 200, body: { key: 'attribution_model' } });
    });
  });
});
