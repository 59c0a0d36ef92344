import { randomUUID } from 'node:crypto';
import { call, type CommandApp, startCommandApp } from '../testing';
import { commerceClient, countByStatus, idOf, newOrg } from './testing';

const RACERS = 50;

/**
 * seed 001 unique indexes, raced over HTTP: idx_customers_email, idx_budgets_category_period
 * and idx_agents_name. Emails and periods are claims taken in the append's own statement
 * (libs/eventstore guards); names live in the one agent registry stream, whose appends race on
 * its version. Either way, of many requests at once exactly one wins.
 */
describe('commerce uniqueness under concurrency (seed 001 unique indexes)', () => {
  let app: CommandApp;
  let client: ReturnType<typeof commerceClient>;

  beforeAll(async () => {
    app = await startCommandApp();
    client = commerceClient(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  // seed 001: CREATE UNIQUE INDEX idx_customers_email ON customers(email)
  it(`idx_customers_email: ${RACERS} registrations of one email at once → one 201, ${RACERS - 1} × 409 CUSTOMER_EMAIL_TAKEN; deleted, the email is free again`, async () => {
    const org = newOrg();
    const email = `race-${randomUUID()}@example.com`;
    const answers = await Promise.all(Array.from({ length: RACERS }, () => client.registerCustomer(org.editor, email)));
    expect(countByStatus(answers)).toEqual({ 201: 1, 409: RACERS - 1 });
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'CUSTOMER_EMAIL_TAKEN')).toBe(true);
    // Case does not make another address.
    expect(await client.registerCustomer(org.editor, email.toUpperCase())).toMatchObject({ status: 409, body: { code: 'CUSTOMER_EMAIL_TAKEN' } });
    const holder = answers.find((a) => a.status === 201)?.body.customerId as string;
    expect(await call(app, 'DELETE', `/v1/commerce/customers/${holder}`, org.editor)).toMatchObject({ status: 200 });
    const again = await client.registerCustomer(org.editor, email);
    expect(again).toMatchObject({ status: 201, body: { customerId: expect.any(String) } });
    expect(again.body.customerId).not.toBe(holder);
  }, 60_000);

  it('idx_customers_email is per org: the same email is free in another org', async () => {
    const [ours, theirs] = [newOrg(), newOrg()];
    const email = `shared-${randomUUID()}@example.com`;
    expect(await client.registerCustomer(ours.editor, email)).toMatchObject({ status: 201 });
    expect(await client.registerCustomer(theirs.editor, email)).toMatchObject({ status: 201 });
  });

  it('a change of email claims the new address: taking another customer’s is 409 CUSTOMER_EMAIL_TAKEN; the old one is let go', async () => {
    const org = newOrg();
    const [first, second] = [`a-${randomUUID()}@example.com`, `b-${randomUUID()}@example.com`];
    const customerId = idOf(await client.registerCustomer(org.editor, first), 'customerId');
    expect(await client.registerCustomer(org.editor, second)).toMatchObject({ status: 201 });
    const change = (email: string) => call(app, 'PUT', `/v1/commerce/customers/${customerId}/email`, org.editor, { email });
    expect(await change(second)).toMatchObject({ status: 409, body: { code: 'CUSTOMER_EMAIL_TAKEN' } });
    expect(await change(`c-${randomUUID()}@example.com`)).toMatchObject({ status: 200 });
    expect(await client.registerCustomer(org.editor, first)).toMatchObject({ status: 201 });
  });

  // seed 001: CREATE UNIQUE INDEX idx_budgets_category_period ON budgets(category, fiscal_year, fiscal_month)
  it(`idx_budgets_category_period: ${RACERS} budgets for one category and month at once → one 201, ${RACERS - 1} × 409 BUDGET_PERIOD_TAKEN; deleted, the period is free`, async () => {
    const org = newOrg();
    const period = { category: 'Ads', fiscal_year: 2031, fiscal_month: 3 };
    const answers = await Promise.all(Array.from({ length: RACERS }, () => client.setBudget(org.editor, period)));
    expect(countByStatus(answers)).toEqual({ 201: 1, 409: RACERS - 1 });
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'BUDGET_PERIOD_TAKEN')).toBe(true);
    // Another month, or the same month of another category, is another period.
    expect(await client.setBudget(org.editor, { ...period, fiscal_month: 4 })).toMatchObject({ status: 201 });
    expect(await client.setBudget(org.editor, { ...period, category: 'ads' })).toMatchObject({ status: 409, body: { code: 'BUDGET_PERIOD_TAKEN' } });
    const holder = answers.find((a) => a.status === 201)?.body.budgetId as string;
    expect(await call(app, 'DELETE', `/v1/commerce/budgets/${holder}`, org.editor)).toMatchObject({ status: 200 });
    expect(await client.setBudget(org.editor, period)).toMatchObject({ status: 201 });
  }, 60_000);

  // seed 001: CREATE UNIQUE INDEX idx_agents_name ON agents(name)
  it(`idx_agents_name: ${RACERS} agents of one name at once → one 201, ${RACERS - 1} × 409 AGENT_NAME_TAKEN; renamed, the name is free again`, async () => {
    const org = newOrg();
    const name = `Closer ${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: RACERS }, () => client.registerAgent(org.editor, name)));
    expect(countByStatus(answers)).toEqual({ 201: 1, 409: RACERS - 1 });
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'AGENT_NAME_TAKEN')).toBe(true);
    const holder = answers.find((a) => a.status === 201)?.body.agentId as string;
    // Agents are archived, never deleted (their history names them): a rename is what lets a name go.
    expect(await call(app, 'PATCH', `/v1/commerce/agents/${holder}`, org.editor, { name: `${name} (retired)` })).toMatchObject({ status: 200 });
    expect(await client.registerAgent(org.editor, name)).toMatchObject({ status: 201 });
    expect(await client.registerAgent(newOrg().editor, name)).toMatchObject({ status: 201 });
  }, 60_000);
});
